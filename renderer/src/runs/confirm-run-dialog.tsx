import { useId, useState } from 'react';
import type { ResponseOf } from '../../../shared/api/channels';
import { Dialog } from '../components/dialog';

type Plan = ResponseOf<'runs:plan'>;

const list = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`);

/** One box per erased disk: Start stays off until each disk's name is typed exactly. */
function EraseConfirmation({ disks, typed, onType }: { disks: readonly string[]; typed: Readonly<Record<string, string>>; onType: (disk: string, text: string) => void }) {
  const id = useId();
  return (
    <div className="erase-confirm">
      {disks.map((disk, i) => (
        <div key={disk} className="field">
          <label htmlFor={`${id}-${i}`} className="field-label">
            Type {disk} to confirm erasing it
          </label>
          <input
            id={`${id}-${i}`}
            className="input mono"
            autoComplete="off"
            spellCheck={false}
            value={typed[disk] ?? ''}
            aria-invalid={(typed[disk] ?? '') !== '' && typed[disk] !== disk ? true : undefined}
            onChange={(e) => onType(disk, e.target.value)}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * What the run will do, before anything is sent: the targets, the steps
 * (destructive ones marked) and, when disks are erased, a box per disk in
 * which the person types its name to enable Start.
 */
export function ConfirmRunDialog({ plan, onStart, onClose }: { plan: Plan; onStart: (confirmErase: string[]) => void; onClose: () => void }) {
  const [typed, setTyped] = useState<Readonly<Record<string, string>>>({});
  const [starting, setStarting] = useState(false);
  const steps = plan.targets[0]?.steps ?? [];
  const erases = plan.erases;
  const confirmed = erases.every((d) => typed[d]?.trim() === d);
  const blocked = plan.problems.length > 0;
  const canStart = !blocked && confirmed && !starting;
  const names = plan.targets.map((t) => t.targetName);
  return (
    <Dialog
      title={erases.length > 0 ? `Erase ${list(erases)} and install?` : 'Start the install?'}
      alert={erases.length > 0}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" data-autofocus={erases.length > 0 || blocked ? undefined : true} onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={erases.length > 0 ? 'button danger' : 'button primary'}
            disabled={!canStart}
            onClick={() => {
              setStarting(true);
              onStart([...erases]);
            }}
          >
            {erases.length > 0 ? 'Erase and start' : 'Start'}
          </button>
        </>
      }
    >
      <p>
        “{plan.profileName}” will run on {names.length === 1 ? '' : `${names.length} targets: `}
        {plan.targets.map((t, i) => (
          <span key={t.targetId}>
            {i > 0 && ', '}
            <strong>{t.targetName}</strong> <span className="muted mono">({t.address})</span>
          </span>
        ))}
        .
      </p>
      {blocked ? (
        <div role="alert" className="notice warning">
          <p>The profile has problems to fix in the Wizard before it can run:</p>
          <ul>
            {plan.problems.map((p) => (
              <li key={p.path}>
                <span className="mono">{p.path}</span>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <h3 className="plan-heading">Steps on each target</h3>
          <ol className="plan-steps" aria-label="Planned steps">
            {steps.map((s) => (
              <li key={s.id} data-destructive={s.destructive || undefined}>
                {s.title}
                {s.destructive && <strong className="danger-note"> Erases {list(s.erases)}</strong>}
              </li>
            ))}
          </ol>
        </>
      )}
      {!blocked && erases.length > 0 && (
        <>
          <p className="danger-note" role="note">
            Everything on {list(erases)} will be erased on {names.length === 1 ? names[0] : `each of the ${names.length} targets`}. This cannot be undone.
          </p>
          <EraseConfirmation disks={erases} typed={typed} onType={(disk, text) => setTyped((t) => ({ ...t, [disk]: text }))} />
        </>
      )}
    </Dialog>
  );
}
