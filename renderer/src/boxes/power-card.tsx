import { useState } from 'react';
import type { PowerAction } from '../../../shared/api/boxes';
import { describeError } from '../../../shared/api/error-sentences';
import type { Target } from '../../../shared/api/targets';
import { Dialog } from '../components/dialog';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { losesChangesOnReboot } from './format';
import { BusyButton } from '../components/busy-button';

const VERBS: Record<PowerAction, { verb: string; noun: string }> = {
  reboot: { verb: 'Reboot', noun: 'rebooting' },
  poweroff: { verb: 'Power off', noun: 'powering off' },
};

/**
 * Asks before going down. When the box runs from RAM with changes lbu has
 * not saved, the question says they will be lost and the button says so;
 * if the box refuses for that reason (the facts were older), the dialog
 * turns into that question.
 */
function PowerDialog({ target, action, actions, onClose }: { target: Target; action: PowerAction; actions: BoxActions; onClose: () => void }) {
  const facts = useAppStore((s) => {
    const outcome = s.boxes.cards[target.id]?.outcome;
    return outcome?.ok ? outcome.facts : null;
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { verb, noun } = VERBS[action];
  const risky = refusal !== null || (facts !== null && losesChangesOnReboot(facts));
  const unsaved = facts?.lbu.uncommitted ?? 0;

  const go = async () => {
    setBusy(true);
    setFailure(null);
    const done = await actions.power(target.id, action, risky);
    setBusy(false);
    if (done.ok) onClose();
    else if (done.error.code === 'unsaved-changes') setRefusal(done.error.message);
    else setFailure(describeError(done.error));
  };

  return (
    <Dialog
      title={`${verb} ${target.name}?`}
      onClose={onClose}
      alert
      actions={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <BusyButton className={risky ? 'button danger' : 'button primary'} onClick={() => void go()} waiting={busy}>
            {risky ? `${verb} anyway and lose the changes` : verb}
          </BusyButton>
        </>
      }
    >
      {risky ? (
        <p className="field-message warning" role="alert">
          {refusal ??
            `${target.name} runs from RAM and has ${unsaved} change${unsaved === 1 ? '' : 's'} not saved with lbu commit: ${noun} loses ${unsaved === 1 ? 'it' : 'them'}. Commit them in Local backup first, or go ahead anyway.`}
        </p>
      ) : (
        <p>
          {action === 'reboot'
            ? `${target.name} goes down and starts again; Cairn waits until it answers and says when it is back.`
            : `${target.name} switches off and stays off until someone powers it on at the machine.`}
        </p>
      )}
      {failure !== null && (
        <p className="field-message error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}

function WaitLine({ targetId, name }: { targetId: string; name: string }) {
  const wait = useAppStore((s) => s.boxes.power[targetId]);
  if (wait === undefined) return null;
  const time = (iso: string) => new Date(iso).toLocaleTimeString();
  return (
    <p className={wait.state === 'lost' ? 'field-message error' : 'field-message ok'} role="status" data-state={wait.state}>
      {wait.state === 'waiting' && `Waiting for ${name} to come back… (rebooted at ${time(wait.since)})`}
      {wait.state === 'back' && `${name} is back (at ${time(wait.at)}).`}
      {wait.state === 'lost' && `${name} did not come back: ${describeError(wait.error)}`}
    </p>
  );
}

/** Reboot or power off, each behind a confirmation. */
export function PowerCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const [asking, setAsking] = useState<PowerAction | null>(null);
  return (
    <section className="box-panel" aria-labelledby={`power-${target.id}-title`}>
      <h3 id={`power-${target.id}-title`}>Power</h3>
      <div className="row">
        <button type="button" className="button" onClick={() => setAsking('reboot')}>
          Reboot…
        </button>
        <button type="button" className="button danger-outline" onClick={() => setAsking('poweroff')}>
          Power off…
        </button>
      </div>
      <WaitLine targetId={target.id} name={target.name} />
      {asking !== null && <PowerDialog target={target} action={asking} actions={actions} onClose={() => setAsking(null)} />}
    </section>
  );
}
