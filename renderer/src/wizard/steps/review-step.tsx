import { ProblemList } from '../../components/problem-list';
import { selectDirty, selectProblems } from '../../store/derived';
import { useAppStore } from '../../store/store-context';
import type { Profile } from '../../../../shared/profile/schema';
import { useExportAnswerFile, useSaveProfile } from '../profiles/profile-actions';
import { useExportAnsible } from '../profiles/export-ansible';
import { StepFrame } from '../step-frame';

/**
 * The way from a profile to a headless box: the boot medium is written from the
 * saved profile, so it is saved first. It needs only the box's first contact
 * (hostname, network, keys), so a disk not yet chosen does not hold it back.
 */
function BootMediumOffer() {
  const prepare = useAppStore((s) => s.navigation.prepareBootMedium);
  const saveFirst = useSaveFirst();
  return (
    <div className="review-boot-medium">
      <p className="field-hint">No screen on the box? Write the profile onto the SD card or stick it boots from, and it comes up on the network ready for the install.</p>
      <div>
        <button
          type="button"
          className="button"
          onClick={() =>
            void saveFirst().then((id) => {
              if (id !== null) prepare(id);
            })
          }
        >
          Prepare a boot medium…
        </button>
      </div>
    </div>
  );
}

/** The saved profile's id, saving what is on screen first when it differs; null when saving failed (the reason is shown). */
function useSaveFirst(): () => Promise<string | null> {
  const dirty = useAppStore(selectDirty);
  const profileId = useAppStore((s) => s.wizard.profileId);
  const save = useSaveProfile();
  return () => (dirty || profileId === null ? save() : Promise.resolve(profileId));
}

/** Where a finished profile goes next: saved, written out as an answer file, or installed on a box. */
function NextSteps({ errors }: { errors: number }) {
  const dirty = useAppStore(selectDirty);
  const saved = useAppStore((s) => s.wizard.profileId !== null);
  const setScreen = useAppStore((s) => s.ui.setScreen);
  const save = useSaveProfile();
  const saveFirst = useSaveFirst();
  const exportFile = useExportAnswerFile();
  const exportAnsible = useExportAnsible(saveFirst);
  // A run installs the saved copy: save first when what is on screen is not it.
  const install = async () => {
    if ((await saveFirst()) !== null) setScreen('runs');
  };
  return (
    <div className="review-actions" role="group" aria-label="What next">
      <button type="button" className={`button${dirty || !saved ? ' primary' : ''}`} onClick={() => void save()}>
        Save profile
      </button>
      <button type="button" className="button" onClick={exportFile} disabled={errors > 0}>
        Save answer file…
      </button>
      {exportAnsible !== null && (
        <button type="button" className="button" onClick={exportAnsible} disabled={errors > 0}>
          Export to Ansible…
        </button>
      )}
      <button type="button" className={`button${dirty || !saved ? '' : ' primary'}`} onClick={() => void install()} disabled={errors > 0}>
        Install on a box…
      </button>
    </div>
  );
}

const keymapText = (k: Profile['keymap']) => (k === null ? 'none' : `${k.layout} (${k.variant})`);

function networkText(p: Profile): string {
  const one = (i: Profile['interfaces'][number]) => {
    const v4 = i.ipv4.mode === 'static' ? `${i.ipv4.address}/${i.ipv4.prefix ?? '?'}` : i.ipv4.mode === 'dhcp' ? 'DHCP' : 'no IPv4';
    const v6 = i.ipv6.mode === 'none' ? '' : i.ipv6.mode === 'static' ? `, ${i.ipv6.address}/${i.ipv6.prefix ?? '?'}` : `, IPv6 ${i.ipv6.mode === 'auto' ? 'automatic' : 'DHCPv6'}`;
    const wifi = i.wifi === null ? '' : `, wifi “${i.wifi.ssid}”`;
    return `${i.name} (${v4}${v6}${wifi})`;
  };
  return p.interfaces.map(one).join('; ') || 'none';
}

export function ReviewStep() {
  const problems = useAppStore(selectProblems);
  const p = useAppStore((s) => s.wizard.profile);
  const errors = problems.filter((x) => x.severity === 'error').length;
  const warnings = problems.length - errors;
  const encrypted = p.disk.mode !== 'none' && p.disk.encrypt ? ', encrypted (LUKS: its passphrase at every boot)' : '';
  const diskText = { sys: `installed to ${p.disk.disks.join(', ') || '(no disk)'}${encrypted}`, data: `data disk ${p.disk.disks.join(', ')}${encrypted}`, none: 'runs from RAM' }[
    p.disk.mode
  ];
  return (
    <StepFrame step="review">
      <p className="review-verdict" role="status">
        {errors === 0
          ? `The answer file is ready${warnings > 0 ? `; ${warnings} warning${warnings === 1 ? '' : 's'} to look at` : ''}.`
          : `${errors} error${errors === 1 ? '' : 's'} must be fixed before this profile can be used.`}
      </p>
      {problems.length > 0 && <ProblemList problems={problems} showStep />}
      <dl className="summary">
        <dt>Keyboard</dt>
        <dd>{keymapText(p.keymap)}</dd>
        <dt>Hostname</dt>
        <dd>{p.hostname}</dd>
        <dt>Network</dt>
        <dd>{networkText(p)}</dd>
        <dt>Time zone</dt>
        <dd>{p.timezone ?? 'not set'}</dd>
        <dt>User</dt>
        <dd>{p.user ? `${p.user.name}${p.user.admin ? ' (administrator)' : ''}, ${p.user.sshKeys.length} SSH key${p.user.sshKeys.length === 1 ? '' : 's'}` : 'none'}</dd>
        <dt>SSH server</dt>
        <dd>{p.sshd}</dd>
        <dt>Disk</dt>
        <dd>{diskText}</dd>
        <dt>Saved with lbu</dt>
        <dd>{p.disk.mode === 'sys' ? 'not used (installed to disk)' : (p.diskless.lbuMedia ?? 'nowhere (a live system)')}</dd>
        <dt>Packages</dt>
        <dd>{p.packages.join(', ') || 'none'}</dd>
        <dt>Services</dt>
        <dd>{p.services.map((s) => `${s.name} (${s.runlevel})`).join(', ') || 'none'}</dd>
      </dl>
      <NextSteps errors={errors} />
      <BootMediumOffer />
    </StepFrame>
  );
}
