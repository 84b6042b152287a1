import type { Target } from '../../../shared/api/targets';
import { Dialog } from '../components/dialog';

/** Removing forgets the target and its secrets in Cairn; the machine itself is not touched. */
export function RemoveTargetDialog({ target, onRemove, onClose }: { target: Target; onRemove: () => void; onClose: () => void }) {
  return (
    <Dialog
      alert
      title={`Remove ${target.name}?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="button danger" onClick={onRemove}>
            Remove {target.name}
          </button>
        </>
      }
    >
      <p>
        Cairn forgets {target.user}@{target.host} and the password or passphrase it kept for it. Nothing on the machine changes, and its trusted host key stays on file.
      </p>
    </Dialog>
  );
}
