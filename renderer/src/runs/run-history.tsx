import { useMemo } from 'react';
import { useAppStore } from '../store/store-context';
import { targetName } from './fleet-rows';
import type { RunActions } from './run-actions';
import { statusLabel, type RunView } from './run-view';

const when = (run: RunView) => (run.startedAt === null ? 'not started' : new Date(run.startedAt).toLocaleString());

/** Every run this window knows, from disk and live, newest first; opening one shows its fleet, steps and log. */
export function RunHistory({ actions }: { actions: RunActions }) {
  const runs = useAppStore((s) => s.runs.runs);
  const loaded = useAppStore((s) => s.runs.historyIds !== null);
  const problems = useAppStore((s) => s.runs.historyProblems);
  const selected = useAppStore((s) => s.runs.selectedRunId);
  const targets = useAppStore((s) => s.targets.list);
  const list = useMemo(() => Object.values(runs).sort((a, b) => (b.startedAt ?? '\uffff').localeCompare(a.startedAt ?? '\uffff') || b.runId.localeCompare(a.runId)), [runs]);
  return (
    <section className="panel run-history" aria-labelledby="history-title">
      <h3 id="history-title">All runs</h3>
      {problems.length > 0 && (
        <ul className="problem-list" aria-label="Runs that could not be read">
          {problems.map((p) => (
            <li key={p.file} className="field-message error">
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {!loaded && list.length === 0 ? (
        <p className="loading">Loading past runs…</p>
      ) : list.length === 0 ? (
        <p className="empty">No runs yet. Start one above; every run’s log is kept on this computer.</p>
      ) : (
        <div className="table-scroll">
          <table className="target-table">
            <caption className="visually-hidden">All runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((run) => {
                const name = targetName(run, targets);
                return (
                  <tr key={run.runId} data-selected={run.runId === selected}>
                    <th scope="row">
                      {name}{' '}
                      <span className="cell-detail muted">
                        {run.profileName}, {when(run)}
                      </span>
                    </th>
                    <td>
                      <span className="run-status" data-status={run.status}>
                        {statusLabel(run)}
                      </span>
                    </td>
                    <td>
                      <button type="button" className="button small" onClick={() => void actions.open(run.runId)}>
                        Open
                        <span className="visually-hidden">
                          {' '}
                          the run on {name} from {when(run)}
                        </span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
