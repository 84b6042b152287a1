import { useEffect, useId, useState } from 'react';
import type { ResponseOf } from '../../../shared/api/channels';
import { describeError } from '../../../shared/api/error-sentences';
import type { Target } from '../../../shared/api/targets';
import type { Drift, DriftSection } from '../../../shared/boxes/drift-core';
import type { ReceiptSummary } from '../../../shared/boxes/receipt';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { ActionFailure, ActionStopped, valueOf } from './detail-card';
import { DriftDiff } from './drift-diff';
import { LiveOutput } from './live-output';
import { StopAction } from './stop-action';
import { useAction } from './use-action';
import { BusyButton } from '../components/busy-button';

const SECTION_WORDS: Record<DriftSection, string> = {
  keymap: 'Keymap',
  hostname: 'Hostname',
  interfaces: 'Network interfaces',
  dns: 'DNS',
  timezone: 'Time zone',
  proxy: 'Proxy',
  apkrepos: 'Repository',
  ntp: 'NTP client',
  user: 'User',
  sshd: 'SSH server',
  packages: 'Package',
  services: 'Service',
  lbu: 'LBU media',
  apkcache: 'apk cache',
};

/** The select's value for "the profile its receipt records": no profile id can look like it. */
const RECEIPT = '@receipt';

type DriftAnswer = ResponseOf<'boxes:drift'>;
type Applied = ResponseOf<'boxes:apply-drift'>;

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

const fixWords = (d: Drift) => (d.guarded ? 'Yes, with confirm-or-revert' : d.fix === null ? 'No: change it on the box or in the profile' : 'Yes');

/** "Made from profile X on <date>", and the last apply when there was one since. */
function Origin({ receipt }: { receipt: ReceiptSummary }) {
  const made = receipt.madeBy;
  return (
    <p className="drift-origin">
      {made !== null && `Made from the profile ${made.profileName} on ${day(made.at)} (Cairn ${made.cairnVersion}).`}
      {receipt.kind === 'apply' && `${made !== null ? ' ' : ''}The profile ${receipt.profileName} was applied on ${day(receipt.at)}.`}
    </p>
  );
}

function Differences({ answer, target }: { answer: DriftAnswer; target: Target }) {
  const against = answer.against === 'receipt' ? `the profile ${answer.profileName} as its receipt records it` : `the profile ${answer.profileName}`;
  if (answer.drift.length === 0)
    return (
      <p className="field-message ok">
        {target.name} matches {against}.
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="box-table">
        <caption className="visually-hidden">
          How {target.name} differs from {against}
        </caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">The profile wants</th>
            <th scope="col">The box has</th>
            <th scope="col">Cairn can fix it</th>
          </tr>
        </thead>
        {answer.drift.map((d) => (
          <tbody key={`${d.field}:${d.item ?? ''}`} className="drift-row">
            <tr>
              <th scope="row">
                {SECTION_WORDS[d.field]}
                {d.item !== null && <span className="mono"> {d.item}</span>}
              </th>
              <td>{d.expected}</td>
              <td>{d.actual}</td>
              <td data-guarded={d.guarded || undefined}>{fixWords(d)}</td>
            </tr>
            {d.diff.length > 0 && (
              <tr>
                <td colSpan={4}>
                  <DriftDiff lines={d.diff} label={`${SECTION_WORDS[d.field]}${d.item === null ? '' : ` ${d.item}`}, line by line`} />
                </td>
              </tr>
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function result(applied: Applied): string {
  const parts = [applied.ran.length === 0 ? 'Nothing to change: the box already has every step Cairn can apply.' : `Ran: ${applied.ran.map((s) => s.title).join('; ')}.`];
  if (applied.skipped.length > 0) parts.push(`Not kept (undone by the box, or not a change it can undo by itself): ${applied.skipped.map((s) => s.title).join('; ')}.`);
  if (applied.saved !== null) parts.push(applied.saved.note);
  return parts.join(' ');
}

/** Compares the box with a saved profile, or with the one its receipt records, and applies only the steps it is missing. */
export function DriftCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const profiles = useAppStore((s) => s.boxes.profiles);
  const query = useAppStore((s) => s.boxes.details[target.id]?.drift);
  const outcome = useAppStore((s) => s.boxes.cards[target.id]?.outcome);
  const [chosen, setChosen] = useState('');
  const action = useAction();
  const [said, setSaid] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    void actions.loadProfiles();
  }, [actions]);

  const list = valueOf(profiles ?? undefined) ?? [];
  const receipt = outcome?.ok ? outcome.facts.receipt : null;
  const options = [...(receipt === null ? [] : [RECEIPT]), ...list.map((p) => p.id)];
  // The profile the box was made from, as saved now, when it still is; else the first.
  const fallback = list.find((p) => p.id === receipt?.profileId)?.id ?? list[0]?.id ?? (receipt === null ? '' : RECEIPT);
  const choice = options.includes(chosen) ? chosen : fallback;
  const profileId = choice === RECEIPT ? null : choice;
  const answer = valueOf(query);
  const steps = answer?.steps ?? [];
  const plain = steps.filter((s) => !s.guarded);
  const guarded = steps.filter((s) => s.guarded);

  const apply = async () => {
    setSaid(null);
    const done = await action.run('apply', () => actions.applyDrift(target.id, profileId));
    if (done.ok) setSaid(result(done.value));
  };

  return (
    <section className="box-panel" aria-labelledby={`${id}-title`} aria-busy={query?.status === 'loading'}>
      <h3 id={`${id}-title`}>Drift from a profile</h3>
      {receipt !== null && <Origin receipt={receipt} />}
      {profiles?.status === 'error' && <p className="field-message error">{describeError(profiles.error)}</p>}
      {profiles !== null && profiles.status !== 'loading' && options.length === 0 ? (
        <p className="empty">No saved profiles yet: save one in the Wizard to compare boxes with it.</p>
      ) : (
        <form
          className="row box-form"
          onSubmit={(e) => {
            e.preventDefault();
            setSaid(null);
            if (choice !== '') void actions.loadDrift(target.id, profileId);
          }}
        >
          <label className="field">
            <span className="field-label">Profile</span>
            <select className="input" value={choice} onChange={(e) => setChosen(e.target.value)} disabled={options.length === 0}>
              {receipt !== null && <option value={RECEIPT}>{`${receipt.profileName}, as its receipt records it`}</option>}
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <BusyButton type="submit" className="button" disabled={choice === ''} waiting={query?.status === 'loading'}>
            Compare
          </BusyButton>
        </form>
      )}
      {query?.status === 'loading' && <p className="loading">Comparing {target.name} with the profile…</p>}
      {query?.status === 'error' && <p className="field-message error">{describeError(query.error)}</p>}
      {answer !== null && <Differences answer={answer} target={target} />}
      {guarded.length > 0 && (
        <div className="box-form column">
          <p>
            These can cut Cairn off from the box, so applying runs each with confirm-or-revert: the box keeps its old files and puts them back by itself unless Cairn reaches it
            again within 90 seconds. A new static address is followed by the box's host key.
          </p>
          <ul className="plain-list" aria-label="Steps that need confirm-or-revert">
            {guarded.map((s) => (
              <li key={s.id}>{s.title}</li>
            ))}
          </ul>
        </div>
      )}
      {plain.length + guarded.length > 0 && (
        <div className="box-form column">
          {plain.length > 0 && (
            <>
              <p>Applying runs only what is missing, in this order{guarded.length > 0 ? ', then the steps above' : ''}:</p>
              <ol className="plain-list numbered" aria-label="Steps to apply">
                {plain.map((s) => (
                  <li key={s.id}>{s.title}</li>
                ))}
              </ol>
            </>
          )}
          <div className="row">
            <BusyButton className="button primary" waiting={action.busy !== null} onClick={() => void apply()}>
              {`Apply ${plain.length + guarded.length === 1 ? 'this step' : `these ${plain.length + guarded.length} steps`}`}
            </BusyButton>
          </div>
        </div>
      )}
      {action.busy !== null && <p className="loading">Applying the steps…</p>}
      <StopAction targetId={target.id} action="apply-drift" what={`applying the profile on ${target.name}`} actions={actions} />
      <ActionFailure message={action.failure} />
      <ActionStopped message={action.stopped} />
      {said !== null && (
        <p className="field-message ok" role="status">
          {said}
        </p>
      )}
      <LiveOutput targetId={target.id} action="apply-drift" label={`Output of the last apply on ${target.name}`} />
    </section>
  );
}
