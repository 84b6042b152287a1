import { useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import type { Target } from '../../../shared/api/targets';
import { ChangedHostKeyDialog, UnknownHostKeyDialog } from '../targets/host-key-dialogs';
import type { BoxActions } from './box-actions';

/** True when a box was not read because of its host key: the card then offers to deal with the key instead of calling the box unreachable. */
export const isKeyRefusal = (error: ApiError): boolean => (error.code === 'host-key-unknown' || error.code === 'host-key-changed') && error.details !== undefined;

/**
 * A box refused for its host key, dealt with on the card: compare the
 * fingerprint and trust it (the box is then read), or see both keys of a
 * changed one and remove Cairn's old copy.
 */
export function BoxHostKey({ target, error, actions, small = false }: { target: Target; error: ApiError; actions: BoxActions; small?: boolean }) {
  const [open, setOpen] = useState(false);
  const details = error.details;
  if (details === undefined || !isKeyRefusal(error)) return null;
  const unknown = error.code === 'host-key-unknown';
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className={`button${unknown ? ' primary' : ''}${small ? ' small' : ''}`} onClick={() => setOpen(true)}>
        {unknown ? 'Check the key…' : 'Compare the keys…'}
        <span className="visually-hidden"> of {target.name}</span>
      </button>
      {open && unknown && (
        <UnknownHostKeyDialog
          details={details}
          trustLabel={`Trust and read ${target.name}`}
          onTrust={() => {
            close();
            void actions.trustKey(target.id, details);
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
            void actions.forgetKey(target.id, details);
          }}
          onClose={close}
        />
      )}
    </>
  );
}
