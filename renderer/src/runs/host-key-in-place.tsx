import { useState } from 'react';
import { ChangedHostKeyDialog, UnknownHostKeyDialog } from '../targets/host-key-dialogs';
import type { RunActions } from './run-actions';
import type { RunView } from './run-view';

/**
 * A run refused for its host key is dealt with where it is read: compare the
 * fingerprint and trust it (the box then runs again), or see both keys of a
 * changed one and remove Cairn's old copy. No detour through Targets.
 */
export function HostKeyInPlace({ run, name, actions }: { run: RunView; name: string; actions: RunActions }) {
  const [open, setOpen] = useState(false);
  const error = run.error;
  const details = error?.details;
  if (error === null || details === undefined || (error.code !== 'host-key-unknown' && error.code !== 'host-key-changed')) return null;
  const close = () => setOpen(false);
  const unknown = error.code === 'host-key-unknown';
  return (
    <div className="row" role="group" aria-label={`The host key of ${name}`}>
      <button type="button" className={`button${unknown ? ' primary' : ''}`} onClick={() => setOpen(true)}>
        {unknown ? `Check the key of ${name}…` : `Compare the keys of ${name}…`}
      </button>
      {open && unknown && (
        <UnknownHostKeyDialog
          details={details}
          trustLabel={run.fleetId === null ? 'Trust' : `Trust and run ${name} again`}
          onTrust={() => {
            close();
            void actions.trustAndRetry(run, details);
          }}
          onClose={close}
        />
      )}
      {open && !unknown && (
        <ChangedHostKeyDialog
          details={details}
          message={error.message}
          onForget={() => {
            close();
            void actions.forgetHostKey(details);
          }}
          onClose={close}
        />
      )}
    </div>
  );
}
