import { useState } from 'react';
import type { ErrorCode, HostKeyDetails } from '../../../shared/api/result';
import { ChangedHostKeyDialog, UnknownHostKeyDialog } from '../targets/host-key-dialogs';

/** A failure as Boxes and Runs hold it: the code, the sentence, and the key it met when the key was the reason. */
interface Refusal {
  code: ErrorCode;
  message: string;
  details?: HostKeyDetails | undefined;
}

/** True when Cairn refused a box for its host key and knows the key it met: the place then offers to deal with the key instead of calling the box unreachable. */
export const isKeyRefusal = (error: Refusal | null | undefined): error is Refusal & { details: HostKeyDetails } =>
  error != null && (error.code === 'host-key-unknown' || error.code === 'host-key-changed') && error.details !== undefined;

interface Props {
  error: Refusal | null | undefined;
  /** The target's name, in the button's label (shown, or only read out when `short`). */
  name: string;
  /** What trusting leads to where the key was met: "Trust and read garage", "Trust and run garage again". */
  trustLabel: string;
  onTrust: (details: HostKeyDetails) => void;
  onForget: (details: HostKeyDetails) => void;
  /** A card has little room: the button says "Check the key…" and its name is read out only. */
  short?: boolean;
  small?: boolean;
  /** Given, the button sits in a group with this name (where it stands among a run's other actions). */
  groupLabel?: string;
}

/**
 * A box refused for its host key, dealt with where the refusal shows (a box's
 * card, a run's summary): compare the fingerprint and trust it, or see both
 * keys of a changed one and remove Cairn's old copy. No detour through Targets.
 */
export function HostKeyRefusal({ error, name, trustLabel, onTrust, onForget, short = false, small = false, groupLabel }: Props) {
  const [open, setOpen] = useState(false);
  if (!isKeyRefusal(error)) return null;
  const { details } = error;
  const unknown = error.code === 'host-key-unknown';
  const close = () => setOpen(false);
  const what = unknown ? 'Check the key' : 'Compare the keys';
  const content = (
    <>
      <button type="button" className={`button${unknown ? ' primary' : ''}${small ? ' small' : ''}`} onClick={() => setOpen(true)}>
        {short ? (
          <>
            {what}…<span className="visually-hidden"> of {name}</span>
          </>
        ) : (
          `${what} of ${name}…`
        )}
      </button>
      {open && unknown && (
        <UnknownHostKeyDialog
          details={details}
          trustLabel={trustLabel}
          onTrust={() => {
            close();
            onTrust(details);
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
            onForget(details);
          }}
          onClose={close}
        />
      )}
    </>
  );
  return groupLabel === undefined ? (
    content
  ) : (
    <div className="row" role="group" aria-label={groupLabel}>
      {content}
    </div>
  );
}
