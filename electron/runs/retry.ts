import type { RunStatusName } from '../../shared/api/runs';
import { latestRunsOf } from '../store/run-history';

/** Statuses worth another try: the run did not finish as planned. */
const RETRY: ReadonlySet<RunStatusName> = new Set(['failed', 'refused', 'cancelled', 'interrupted']);

export const needsRetry = (status: RunStatusName): boolean => RETRY.has(status);

/**
 * The targets of a fleet to run again, in the fleet's order: those whose
 * newest run did not finish as planned, or that never got a run; narrowed to
 * `only` when given. A run still going is never retried.
 */
export function retryable(targetIds: readonly string[], latest: ReadonlyMap<string, { status: RunStatusName }>, only?: readonly string[]): string[] {
  return targetIds.filter((id) => {
    const last = latest.get(id);
    return (only === undefined || only.includes(id)) && (last === undefined || needsRetry(last.status));
  });
}

/** retryable() over the runs of the fleet kept in `runsDir`. */
export async function targetsToRetry(runsDir: string, fleetId: string, targetIds: readonly string[], only?: readonly string[]): Promise<string[]> {
  return retryable(targetIds, await latestRunsOf(runsDir, fleetId), only);
}
