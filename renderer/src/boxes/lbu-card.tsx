import { useEffect, useId, useState } from 'react';
import { describeError } from '../../../shared/api/error-sentences';
import type { Target } from '../../../shared/api/targets';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { ActionFailure, DetailCard, valueOf } from './detail-card';
import { useAction } from './use-action';
import { BusyButton } from '../components/busy-button';

const KIND_WORDS = { added: 'added', updated: 'changed', deleted: 'deleted' } as const;

function CommitForm({ target, actions }: { target: Target; actions: BoxActions }) {
  const [message, setMessage] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const id = useId();
  return (
    <form
      className="box-form column"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        void action
          .run('commit', () => actions.lbuCommit(target.id, message))
          .then((done) => {
            if (!done.ok) return;
            setMessage('');
            setSaved(`Saved at ${new Date(done.value.committedAt).toLocaleTimeString()}${done.value.message === '' ? '' : `: “${done.value.message}”`}.`);
          });
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-message`}>
          What changed
        </label>
        <textarea
          id={`${id}-message`}
          className="input wide"
          rows={2}
          value={message}
          maxLength={500}
          onChange={(e) => setMessage(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p className="field-hint" id={`${id}-hint`}>
          lbu keeps no message; Cairn writes it in the run’s log beside the commit.
        </p>
      </div>
      <div className="row">
        <BusyButton type="submit" className="button primary" waiting={action.busy !== null}>
          Commit with lbu
        </BusyButton>
        {action.busy !== null && <span className="loading">Committing…</span>}
      </div>
      <ActionFailure message={action.failure} />
      {saved && (
        <p className="field-message ok" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}

/** Local backup (lbu): what changed since the last commit, the diff, committing with a message, and earlier commits. */
export function LbuCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const status = useAppStore((s) => s.boxes.details[target.id]?.lbuStatus);
  const backups = useAppStore((s) => s.boxes.details[target.id]?.lbuBackups);
  const diff = useAppStore((s) => s.boxes.details[target.id]?.lbuDiff);
  useEffect(() => {
    void actions.loadLbu(target.id);
  }, [actions, target.id]);
  const diffText = valueOf(diff);

  return (
    <DetailCard id={`lbu-${target.id}`} title="Local backup (lbu)" what="the lbu status" query={status} onReload={() => void actions.loadLbu(target.id)}>
      {({ changes }) => (
        <>
          {changes.length === 0 ? (
            <p className="empty">Nothing to commit: the saved configuration matches the box.</p>
          ) : (
            <ul className="plain-list" aria-label={`Changes not committed on ${target.name}`}>
              {changes.map((c) => (
                <li key={c.path}>
                  <span className="mono">/{c.path}</span> {KIND_WORDS[c.kind]}
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <BusyButton className="button small" waiting={diff?.status === 'loading'} onClick={() => void actions.loadLbuDiff(target.id)}>
              {diffText === null ? 'Show the differences' : 'Show the differences again'}
            </BusyButton>
          </div>
          {diff?.status === 'error' && <ActionFailure message={describeError(diff.error)} />}
          {diffText !== null && (
            <pre className="live-output" tabIndex={0} aria-label={`Differences not committed on ${target.name}`}>
              {diffText.text === '' ? 'No differences.' : diffText.text}
            </pre>
          )}
          <CommitForm target={target} actions={actions} />
          <h4>Earlier commits</h4>
          {backups?.status === 'error' ? (
            <p className="field-message error">{describeError(backups.error)}</p>
          ) : valueOf(backups) === null ? (
            <p className="loading">Reading the backups…</p>
          ) : (valueOf(backups)?.backups.length ?? 0) === 0 ? (
            <p className="empty">No earlier commits are kept.</p>
          ) : (
            <ul className="plain-list" aria-label={`Earlier commits of ${target.name}`}>
              {valueOf(backups)?.backups.map((b) => (
                <li key={b.file} className="mono">
                  {b.file}
                  {b.date ? ` (${b.date})` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </DetailCard>
  );
}
