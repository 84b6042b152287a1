import { useEffect, useRef, useState } from 'react';
import type { HostKeyDetails } from '../../../shared/api/result';
import { Dialog } from '../components/dialog';

const where = (d: HostKeyDetails) => (d.port === 22 ? d.host : `${d.host} port ${d.port}`);

/** The console command that prints this key type's fingerprint on the box itself. */
export function fingerprintCommand(keyType: string): { openssh: string; dropbear: string } {
  const short = keyType === 'ssh-ed25519' ? 'ed25519' : keyType.startsWith('ecdsa-') ? 'ecdsa' : 'rsa';
  return {
    openssh: `ssh-keygen -lf /etc/ssh/ssh_host_${short}_key.pub`,
    dropbear: `dropbearkey -y -f /etc/dropbear/dropbear_${short}_host_key`,
  };
}

function KeyFacts({ rows }: { rows: ReadonlyArray<[string, string]> }) {
  return (
    <dl className="summary key-facts">
      {rows.map(([term, value]) => (
        <div key={term} className="key-fact">
          <dt>{term}</dt>
          <dd className="mono fingerprint">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** First contact: show the fingerprint, let the person compare it with the box's console, then trust it or not. */
export function UnknownHostKeyDialog({
  details,
  trustLabel = 'Trust and test again',
  onTrust,
  onClose,
}: {
  details: HostKeyDetails;
  /** What trusting leads to where the key was met: a test on Targets, a run again on Runs, a read on Boxes. */
  trustLabel?: string;
  onTrust: () => void;
  onClose: () => void;
}) {
  const command = fingerprintCommand(details.keyType);
  return (
    <Dialog
      title="Trust this host key?"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={onTrust}>
            {trustLabel}
          </button>
        </>
      }
    >
      <p>Cairn has not connected to {where(details)} before. Nothing has been sent to it yet.</p>
      <KeyFacts
        rows={[
          ['Key type', details.keyType],
          ['Fingerprint', details.fingerprint],
        ]}
      />
      <p>
        Compare it with what the box itself shows at its console: <code>{command.openssh}</code> (for Dropbear <code>{command.dropbear}</code>). Trust the key only if the two are
        the same.
      </p>
    </Dialog>
  );
}

interface ChangedProps {
  details: HostKeyDetails;
  message: string;
  onForget: () => void;
  onClose: () => void;
}

/** A changed key may be an attack: say so loudly, show both fingerprints, offer no way to accept the new one here. */
export function ChangedHostKeyDialog({ details, message, onForget, onClose }: ChangedProps) {
  const [confirming, setConfirming] = useState(false);
  const [backedOut, setBackedOut] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const removable = details.knownIn === 'cairn';
  // Backing out of the confirmation puts focus back where it was, not on the page behind the dialog.
  useEffect(() => {
    if (backedOut && !confirming) removeButton.current?.focus();
  }, [backedOut, confirming]);
  return (
    <Dialog
      alert
      title={`Warning: the host key of ${where(details)} has changed`}
      onClose={onClose}
      actions={
        confirming ? (
          <>
            <button
              type="button"
              className="button"
              autoFocus
              onClick={() => {
                setConfirming(false);
                setBackedOut(true);
              }}
            >
              Keep the old key
            </button>
            <button type="button" className="button danger" onClick={onForget}>
              Remove the old key
            </button>
          </>
        ) : (
          <>
            {removable && (
              <button ref={removeButton} type="button" className="button danger-outline" onClick={() => setConfirming(true)}>
                Remove the old key…
              </button>
            )}
            <button type="button" className="button primary" data-autofocus onClick={onClose}>
              Close
            </button>
          </>
        )
      }
    >
      <p className="danger-note" role="alert">
        {message}
      </p>
      <KeyFacts
        rows={[
          ['Cairn expected', details.expected ?? 'unknown'],
          ['The server now shows', details.fingerprint],
          ['Key type shown', details.keyType],
        ]}
      />
      {confirming ? (
        <p>
          Remove the key Cairn keeps for {where(details)}? Do this only if you know the box was reinstalled or its keys were regenerated. The next test shows the new fingerprint
          and asks you to compare it before anything is sent.
        </p>
      ) : removable ? (
        <p>Cairn will not connect while the old key is on file. If you reinstalled the box, remove the old key, then connect again and compare the new fingerprint.</p>
      ) : details.knownIn === 'medium' ? (
        <p>The old key is the one Cairn made for this box’s boot medium and keeps with its target.</p>
      ) : (
        <p>The old key is in your own ~/.ssh/known_hosts, which Cairn reads but never changes.</p>
      )}
    </Dialog>
  );
}
