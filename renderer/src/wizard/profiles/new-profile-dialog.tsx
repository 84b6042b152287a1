import { defaultProfile } from '../../../../shared/profile/defaults';
import type { Profile } from '../../../../shared/profile/schema';
import { TEMPLATES, whatItPuts } from '../../../../shared/profile/templates';
import { Dialog } from '../../components/dialog';
import { useAppStore } from '../../store/store-context';
import { useUnsavedGuard } from './unsaved-guard';

const STARTS: ReadonlyArray<{ id: string; title: string; description: string; make: () => Profile }> = [
  {
    id: 'blank',
    title: 'Defaults',
    description: 'A box that boots, gets an address by DHCP, keeps time and can be reached by SSH; you choose the disk on the Disk step.',
    make: defaultProfile,
  },
  ...TEMPLATES,
];

/** Start a new profile from the defaults or one of the templates. */
export function NewProfileDialog({ onClose }: { onClose: () => void }) {
  const replace = useAppStore((s) => s.wizard.replace);
  const announce = useAppStore((s) => s.ui.announce);
  const guard = useUnsavedGuard();
  const start = (make: () => Profile, title: string) => {
    onClose();
    guard('Starting a new profile', () => {
      replace(make(), { id: null, pristine: true });
      announce(`New profile from “${title}”.`, 'ok');
    });
  };
  return (
    <Dialog
      title="New profile"
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <ul className="template-list">
        {STARTS.map((t) => (
          <li key={t.id}>
            <button type="button" className="template" onClick={() => start(t.make, t.title)} aria-describedby={`template-${t.id}`}>
              {t.title}
            </button>
            <p id={`template-${t.id}`} className="field-hint">
              {t.description} {whatItPuts(t.make())}
            </p>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
