import { useMemo } from 'react';
import { useAppStore } from '../store/store-context';
import { fleetActive, fleetCounts, fleetRetryable, latestRuns, targetName, whereNow } from './fleet-rows';
import type { RunActions } from './run-actions';
import { statusLabel } from './run-view';

const time = (iso: string) => new Date(iso).toLocaleString();

/** The selected fleet: each target's newest run, how far it is, and Cancel all / Retry failed. */
export function FleetPanel({ actions }: { actions: RunActions }) {
  const fleet = useAppStore((s) => (s.runs.selectedFleetId === null ? null : (s.runs.fleets[s.runs.selectedFleetId] ?? null)));
  const runs = useAppStore((s) => s.runs.runs);
  const selectedRunId = useAppStore((s) => s.runs.selectedRunId);
  const targets = useAppStore((s) => s.targets.list);
  const rows = useMemo(() => (fleet ? latestRuns(fleet, runs) : []), [fleet, runs]);
  if (!fleet) return null;
  const active = fleetActive(rows);
  return (
    <section className="panel fleet" aria-labelledby="fleet-title">
      <div className="row spread">
        <div>
          <h3 id="fleet-title">
            “{fleet.profileName}” on {rows.length === 1 ? targetName(rows[0] ?? { targetId: '', targetLabel: null }, targets) : `${rows.length} targets`}
          </h3>
          <p className="muted fleet-line">
            Started {time(fleet.startedAt)}. <span data-testid="fleet-counts">{fleetCounts(rows)}</span>.
          </p>
        </div>
        <div className="row">
          {active && (
            <button type="button" className="button danger-outline" onClick={() => void actions.cancel({ fleetId: fleet.fleetId })}>
              Cancel all
            </button>
          )}
          {fleetRetryable(rows) && (
            <button type="button" className="button primary" onClick={() => void actions.retryFailed(fleet.fleetId)}>
              Retry failed
            </button>
          )}
        </div>
      </div>
      <div className="table-scroll">
        <table className="target-table fleet-table">
          <caption className="visually-hidden">Targets of this run</caption>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">
                <span className="visually-hidden">Log</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((run) => {
              const name = targetName(run, targets);
              return (
                <tr key={run.runId} data-selected={run.runId === selectedRunId}>
                  <th scope="row">{name}</th>
                  <td>
                    <span className="run-status" data-status={run.status}>
                      {statusLabel(run)}
                    </span>
                  </td>
                  <td>{whereNow(run)}</td>
                  <td>
                    <button type="button" className="button small" aria-pressed={run.runId === selectedRunId} onClick={() => void actions.open(run.runId)}>
                      Show<span className="visually-hidden"> the run on {name}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
