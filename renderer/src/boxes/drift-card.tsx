import { useEffect, useId, useState } from 'react';
import type { ResponseOf } from '../../../shared/api/channels';
import { describeError } from '../../../shared/api/error-sentences';
import type { Target } from '../../../shared/api/targets';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { ActionFailure, ActionStopped, valueOf } from './detail-card';
import { LiveOutput } from './live-output';
import { StopAction } from './stop-action';
import { useAction } from './use-action';
import { BusyButton } from '../components/busy-button';

const FIELD_WORDS = { hostname: 'Hostname', timezone: 'Time zone', apkRepos: 'Repository', packages: 'Package', services: 'Service' } as const;

type DriftAnswer = ResponseOf<'boxes:drift'>;

function Differences({ answer, target }: { answer: DriftAnswer; target: Target }) {
  if (answer.drift.length === 0) return <p className="field-message ok">{target.name} matches the profile {answer.profileName}.</p>;
  return (
    <div className="table-scroll">
      <table className="box-table">
        <caption className="visually-hidden">
          How {target.name} differs from {answer.profileName}
        </caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">The profile wants</th>
            <th scope="col">The box has</th>
            <th scope="col">Cairn can fix it</th>
          </tr>
        </thead>
        <tbody>
          {answer.drift.map((d) => (
            <tr key={`${d.field}:${d.item ?? ''}`}>
              <th scope="row">
                {FIELD_WORDS[d.field]}
                {d.item !== null && <span className="mono"> {d.item}</span>}
              </th>
              <td>{d.expected}</td>
              <td>{d.actual}</td>
              <td>{d.fix === null ? 'No: change it on the box or in the profile' : 'Yes'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Compares the box with a saved profile and applies only the steps it is missing. */
export function DriftCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const profiles = useAppStore((s) => s.boxes.profiles);
  const query = useAppStore((s) => s.boxes.details[target.id]?.drift);
  const [chosen, setChosen] = useState('');
  const action = useAction();
  const [result, setResult] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    void actions.loadProfiles();
  }, [actions]);

  const list = valueOf(profiles ?? undefined) ?? [];
  const profileId = list.some((p) => p.id === chosen) ? chosen : (list[0]?.id ?? '');
  const answer = valueOf(query);
  const steps = answer?.steps ?? [];

  const apply = async () => {
    setResult(null);
    const done = await action.run('apply', () => actions.applyDrift(target.id, profileId));
    if (done.ok) setResult(done.value.ran.length === 0 ? 'Nothing ran: the box already had every step.' : `Ran: ${done.value.ran.map((s) => s.title).join('; ')}.`);
  };

  return (
    <section className="box-panel" aria-labelledby={`${id}-title`} aria-busy={query?.status === 'loading'}>
      <h3 id={`${id}-title`}>Drift from a profile</h3>
      {profiles?.status === 'error' && <p className="field-message error">{describeError(profiles.error)}</p>}
      {profiles !== null && profiles.status !== 'loading' && list.length === 0 ? (
        <p className="empty">No saved profiles yet: save one in the Wizard to compare boxes with it.</p>
      ) : (
        <form
          className="row box-form"
          onSubmit={(e) => {
            e.preventDefault();
            setResult(null);
            if (profileId !== '') void actions.loadDrift(target.id, profileId);
          }}
        >
          <label className="field">
            <span className="field-label">Profile</span>
            <select className="input" value={profileId} onChange={(e) => setChosen(e.target.value)} disabled={list.length === 0}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <BusyButton type="submit" className="button" disabled={profileId === ''} waiting={query?.status === 'loading'}>
            Compare
          </BusyButton>
        </form>
      )}
      {query?.status === 'loading' && <p className="loading">Comparing {target.name} with the profile…</p>}
      {query?.status === 'error' && <p className="field-message error">{describeError(query.error)}</p>}
      {answer !== null && <Differences answer={answer} target={target} />}
      {steps.length > 0 && (
        <div className="box-form column">
          <p>Applying runs only what is missing, in this order:</p>
          <ol className="plain-list numbered">
            {steps.map((s) => (
              <li key={s.id}>{s.title}</li>
            ))}
          </ol>
          <div className="row">
            <BusyButton className="button primary" waiting={action.busy !== null} onClick={() => void apply()}>
              {`Apply ${steps.length === 1 ? 'this step' : `these ${steps.length} steps`}`}
            </BusyButton>
          </div>
        </div>
      )}
      {action.busy !== null && <p className="loading">Applying the steps…</p>}
      <StopAction targetId={target.id} action="apply-drift" what={`applying the profile on ${target.name}`} actions={actions} />
      <ActionFailure message={action.failure} />
      <ActionStopped message={action.stopped} />
      {result !== null && (
        <p className="field-message ok" role="status">
          {result}
        </p>
      )}
      <LiveOutput targetId={target.id} action="apply-drift" label={`Output of the last apply on ${target.name}`} />
    </section>
  );
}
