import { useEffect, useId, useState } from 'react';
import type { Target } from '../../../shared/api/targets';
import type { ServiceSummary } from '../../../shared/boxes/rc-status';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { ActionFailure, DetailCard } from './detail-card';
import { formatServiceState } from '../../../shared/boxes/format';
import { useAction } from './use-action';
import { BusyButton } from '../components/busy-button';
import { Dialog } from '../components/dialog';
import { serviceRisk } from '../../../shared/boxes/service-risk';
import type { GuardedOutcome } from '../../../shared/api/boxes';
import { LiveOutput } from './live-output';

type Verb = 'start' | 'stop' | 'restart';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** How long the box waits for Cairn's confirm after a risky action before it undoes it, unless the person says otherwise. */
const DEFAULT_WINDOW = 90;

/** The window as typed, or the sentence saying what is wrong with it. */
function windowOf(text: string): { seconds: number } | { problem: string } {
  const seconds = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(seconds)) return { problem: 'Enter a whole number of seconds, like 90.' };
  if (seconds < 5) return { problem: 'Give the box at least 5 seconds to be reached again.' };
  if (seconds > 3600) return { problem: 'The window is at most 3600 seconds (one hour).' };
  return { seconds };
}

const NONE = '(none)';
const ALL = '(all)';
/** The runlevels of every OpenRC box, in boot order; a box's own come after. */
const STANDARD = ['sysinit', 'boot', 'default', 'shutdown'];

function runlevelsOf(services: readonly ServiceSummary[], levels: ReadonlyArray<{ name: string; kind: string }>): string[] {
  const seen = new Set([...levels.filter((l) => l.kind === 'runlevel').map((l) => l.name), ...services.flatMap((s) => s.runlevels)]);
  return [...STANDARD.filter((l) => seen.has(l)), ...[...seen].filter((l) => !STANDARD.includes(l)).sort()];
}

function AddToRunlevel({
  services,
  runlevels,
  busy,
  onAdd,
}: {
  services: readonly ServiceSummary[];
  runlevels: string[];
  busy: boolean;
  onAdd: (name: string, level: string) => void;
}) {
  const [name, setName] = useState('');
  const [level, setLevel] = useState('default');
  const choices = [...new Set([...STANDARD, ...runlevels])];
  const chosen = name !== '' && services.some((s) => s.name === name) ? name : (services[0]?.name ?? '');
  return (
    <form
      className="row box-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== '') onAdd(chosen, level);
      }}
    >
      <label className="field">
        <span className="field-label">Service</span>
        <select className="input" value={chosen} onChange={(e) => setName(e.target.value)}>
          {services.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Runlevel</span>
        <select className="input narrow" value={level} onChange={(e) => setLevel(e.target.value)}>
          {choices.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <BusyButton type="submit" className="button" waiting={busy} disabled={chosen === ''}>
        Add to runlevel
      </BusyButton>
    </form>
  );
}

/** What runs on the box, per runlevel: start, stop and restart now; add to or remove from a runlevel for the next boot. */
export function ServicesCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const query = useAppStore((s) => s.boxes.details[target.id]?.services);
  const [shown, setShown] = useState(ALL);
  const [asking, setAsking] = useState<{ name: string; verb: Verb; risk: string; window: string } | null>(null);
  const [guarded, setGuarded] = useState<(GuardedOutcome & { title: string }) | null>(null);
  // A guarded action takes a while (reconnect, confirm, or the whole window): its progress shows as it comes.
  const [guarding, setGuarding] = useState(false);
  const action = useAction();
  const serviceAction = (name: string, verb: Verb, windowSeconds?: number) =>
    void action.run(`${verb} ${name}`, async () => {
      if (windowSeconds !== undefined) {
        setGuarded(null);
        setGuarding(true);
      }
      const done = await actions.serviceAction(target.id, name, verb, windowSeconds).finally(() => setGuarding(false));
      if (done.ok && done.value.guarded !== undefined) setGuarded({ ...done.value.guarded, title: `${capital(verb)} ${name}` });
      return done;
    });
  const windowChoice = asking === null ? null : windowOf(asking.window);
  const windowId = useId();
  // What can cut Cairn off (or open the box) asks first, naming the consequence.
  const request = (name: string, verb: Verb) => {
    const risk = serviceRisk(name, verb);
    if (risk === null) serviceAction(name, verb);
    else setAsking({ name, verb, risk, window: String(DEFAULT_WINDOW) });
  };
  useEffect(() => {
    void actions.loadServices(target.id);
  }, [actions, target.id]);

  return (
    <DetailCard id={`services-${target.id}`} title="Services" what="the services" query={query} onReload={() => void actions.loadServices(target.id)}>
      {({ services, levels }) => {
        const runlevels = runlevelsOf(services, levels);
        const listed = shown === ALL ? services : services.filter((s) => (shown === NONE ? s.runlevels.length === 0 : s.runlevels.includes(shown)));
        return (
          <>
            <label className="field-inline-row">
              <span className="field-label">Show</span>
              <select className="input" value={shown} onChange={(e) => setShown(e.target.value)}>
                <option value={ALL}>All services</option>
                {runlevels.map((l) => (
                  <option key={l} value={l}>
                    Runlevel {l}
                  </option>
                ))}
                <option value={NONE}>In no runlevel</option>
              </select>
            </label>
            <ActionFailure message={action.failure} />
            {guarded !== null && (
              <p className={guarded.outcome === 'confirmed' ? 'field-message ok' : 'field-message error'} role="status" data-outcome={guarded.outcome}>
                {guarded.title}: {guarded.outcome === 'confirmed' ? 'kept' : 'undone by the box'}. {guarded.summary}
              </p>
            )}
            {(guarded !== null || guarding) && <LiveOutput targetId={target.id} action="service-action" label={`Output of the last service action on ${target.name}`} />}
            {listed.length === 0 ? (
              <p className="empty">No services here.</p>
            ) : (
              <div className="table-scroll box-scroll" tabIndex={0} role="region" aria-label={`Services of ${target.name}`}>
                <table className="box-table">
                  <caption className="visually-hidden">Services of {target.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Service</th>
                      <th scope="col">State</th>
                      <th scope="col">Runlevels</th>
                      <th scope="col">Now</th>
                    </tr>
                  </thead>
                  <tbody>
                    {listed.map((s) => (
                      <tr key={s.name}>
                        <th scope="row" className="mono">
                          {s.name}
                        </th>
                        <td data-state={s.state}>{formatServiceState(s)}</td>
                        <td>
                          {s.runlevels.length === 0 && <span className="muted">none</span>}
                          {s.runlevels.map((level) => (
                            <span key={level} className="chip">
                              {level}
                              <BusyButton
                                className="link-button"
                                waiting={action.busy !== null}
                                onClick={() => void action.run(`${s.name}@${level}`, () => actions.runlevelAction(target.id, s.name, level, 'del'))}
                              >
                                Remove
                                <span className="visually-hidden">
                                  {' '}
                                  {s.name} from {level}
                                </span>
                              </BusyButton>
                            </span>
                          ))}
                        </td>
                        <td>
                          <div className="row nowrap">
                            {(['start', 'stop', 'restart'] as const).map((verb) => (
                              <BusyButton key={verb} className="button small" waiting={action.busy !== null} onClick={() => request(s.name, verb)}>
                                {capital(verb)}
                                <span className="visually-hidden"> {s.name}</span>
                              </BusyButton>
                            ))}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {asking !== null && (
              <Dialog
                title={`${capital(asking.verb)} ${asking.name} on ${target.name}?`}
                onClose={() => setAsking(null)}
                alert
                actions={
                  <>
                    <button type="button" className="button" onClick={() => setAsking(null)} data-autofocus>
                      Cancel
                    </button>
                    <button
                      type="button"
                      className="button danger"
                      disabled={windowChoice === null || 'problem' in windowChoice}
                      onClick={() => {
                        if (windowChoice === null || 'problem' in windowChoice) return;
                        setAsking(null);
                        serviceAction(asking.name, asking.verb, windowChoice.seconds);
                      }}
                    >
                      {capital(asking.verb)} {asking.name}
                    </button>
                  </>
                }
              >
                <p>{asking.risk}</p>
                <p>
                  So that it cannot lock you out, the box keeps a revert timer: Cairn reconnects afterwards and confirms, and if it cannot reach the box in time, the box
                  {asking.verb === 'stop' ? ' starts ' : ' restarts '}
                  {asking.name} again by itself.
                </p>
                <div className="field">
                  <label className="field-label" htmlFor={`${windowId}-input`}>
                    Undo unless confirmed within (seconds)
                  </label>
                  <input
                    id={`${windowId}-input`}
                    className="input narrow"
                    inputMode="numeric"
                    value={asking.window}
                    aria-invalid={windowChoice !== null && 'problem' in windowChoice}
                    aria-describedby={`${windowId}-message`}
                    onChange={(e) => setAsking({ ...asking, window: e.target.value })}
                  />
                  <span id={`${windowId}-message`} className={windowChoice !== null && 'problem' in windowChoice ? 'field-message error' : 'field-message'}>
                    {windowChoice !== null && 'problem' in windowChoice ? windowChoice.problem : 'Long enough for the box to come back: 90 s suits most.'}
                  </span>
                </div>
              </Dialog>
            )}
            <AddToRunlevel
              services={services}
              runlevels={runlevels}
              busy={action.busy !== null}
              onAdd={(name, level) => void action.run(`${name}@${level}`, () => actions.runlevelAction(target.id, name, level, 'add'))}
            />
          </>
        );
      }}
    </DetailCard>
  );
}
