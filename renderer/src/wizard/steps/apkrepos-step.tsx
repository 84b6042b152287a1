import type { Profile } from '../../../../shared/profile/schema';
import { CheckField } from '../../components/check-field';
import { ChoiceGroup, type Choice } from '../../components/choice-group';
import { ListField } from '../../components/list-field';
import { useAppStore } from '../../store/store-context';
import { withApkRepos } from '../profile-edits';
import { StepFrame } from '../step-frame';

const MIRRORS: ReadonlyArray<Choice<Profile['apkRepos']['mode']>> = [
  { value: 'first', label: 'The first mirror (CDN)', description: 'dl-cdn.alpinelinux.org, fast from most places.' },
  { value: 'fastest', label: 'The fastest mirror', description: 'setup-alpine tries every mirror and keeps the quickest; takes a while.' },
  { value: 'random', label: 'A random mirror', description: 'Spreads the load across mirrors.' },
  { value: 'urls', label: 'Explicit repository URLs', description: 'Your own mirror or a local cache, listed below.' },
  { value: 'none', label: 'No repositories', description: 'Keep the repositories the box already has.' },
];

const DEVD: ReadonlyArray<Choice<Profile['devd']>> = [
  { value: 'mdev', label: 'mdev', description: 'BusyBox mdev: small, the default.' },
  { value: 'mdevd', label: 'mdevd', description: 'A daemon version of mdev for hot-plugging.' },
  { value: 'udev', label: 'udev (eudev)', description: 'Needed by desktops and some hardware tools.' },
];

/** setup-apkrepos, and setup-devd, which setup-alpine runs right after it to install the device manager from the new mirror. */
export function ApkreposStep() {
  const repos = useAppStore((s) => s.wizard.profile.apkRepos);
  const devd = useAppStore((s) => s.wizard.profile.devd);
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="apkrepos" general={['apkRepos']}>
      <ChoiceGroup path="apkRepos.mode" legend="Package mirror" value={repos.mode} choices={MIRRORS} onChange={(mode) => update((p) => withApkRepos(p, { mode }))} />
      {(repos.mode === 'urls' || repos.urls.length > 0) && (
        <ListField
          path="apkRepos.urls"
          label="Repository URLs"
          value={repos.urls}
          apply={(p, urls) => withApkRepos(p, { urls })}
          hint="One per line, like https://dl-cdn.alpinelinux.org/alpine/v3.22/main."
        />
      )}
      {repos.mode !== 'none' && (
        <CheckField
          path="apkRepos.community"
          label="Also enable the community repository"
          checked={repos.community}
          onChange={(community) => update((p) => withApkRepos(p, { community }))}
          hint="Many popular packages live in community."
        />
      )}
      <ChoiceGroup
        path="devd"
        legend="Device manager"
        value={devd}
        choices={DEVD}
        onChange={(v) => update((p) => ({ ...p, devd: v }))}
        hint="Installed from the mirror right after it is set up."
      />
    </StepFrame>
  );
}
