import type { Target } from '../../../shared/api/targets';
import type { FleetView } from '../store/runs-slice';
import { isFinished, needsRetry, statusLabel, type RunView } from './run-view';

/** The newest run of each target of a fleet (a retry replaces the failed one), in the order the targets were first run. */
export function latestRuns(fleet: FleetView, runs: Readonly<Record<string, RunView>>): RunView[] {
  const byTarget = new Map<string, RunView>();
  for (const id of fleet.runIds) {
    const run = runs[id];
    if (run) byTarget.set(run.targetId, run);
  }
  return [...byTarget.values()];
}

export const targetName = (run: Pick<RunView, 'targetId' | 'targetLabel'>, targets: readonly Target[] | null): string =>
  targets?.find((t) => t.id === run.targetId)?.name ?? run.targetLabel ?? 'the target';

/** "4 succeeded, 1 failed, 2 running": the fleet's state in a line. */
export function fleetCounts(rows: readonly RunView[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(statusLabel(r).toLowerCase(), (counts.get(statusLabel(r).toLowerCase()) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

export const fleetActive = (rows: readonly RunView[]): boolean => rows.some((r) => !isFinished(r));
export const fleetRetryable = (rows: readonly RunView[]): boolean => !fleetActive(rows) && rows.some(needsRetry);

/** Where a run is now, in a few words: the setup-alpine section, or the step that runs. */
export function whereNow(run: RunView): string {
  if (run.status === 'queued') return 'Waiting for a free slot';
  const step = run.steps.find((s) => s.status === 'running');
  if (run.status === 'running' && step?.id === 'setup-alpine' && run.progress) return `Section ${run.progress.index} of ${run.progress.total}: ${run.progress.section}`;
  if (run.status === 'running') return step?.title ?? 'Starting';
  const ran = run.steps.filter((s) => s.status !== 'skipped' && s.status !== 'pending').length;
  return `${ran} of ${run.steps.length} steps ran`;
}
