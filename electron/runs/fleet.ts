import type { ConnectOptions } from '../ssh';
import { newId } from './ids';
import { mapPooled } from './pool';
import { runTarget, type FinalStatus, type RunResult, type RunTargetOptions } from './run-target';

export interface FleetTarget {
  targetId: string;
  connect: ConnectOptions;
}

export interface FleetOptions extends Omit<RunTargetOptions, 'targetId' | 'connect' | 'runId' | 'fleetId'> {
  targets: FleetTarget[];
  /** Targets running at once (default 10). */
  concurrency?: number;
  fleetId?: string;
}

export interface FleetResult {
  fleetId: string;
  /** One result per target, in the order of `targets`. */
  results: RunResult[];
  counts: Partial<Record<FinalStatus, number>>;
}

/** Statuses worth another try: the run did not finish as planned. */
const RETRY: ReadonlySet<FinalStatus> = new Set(['failed', 'refused', 'cancelled', 'interrupted']);

export const needsRetry = (result: RunResult): boolean => RETRY.has(result.status);

function countOf(results: RunResult[]): FleetResult['counts'] {
  const counts: FleetResult['counts'] = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/**
 * Runs one profile on many targets, at most `concurrency` at a time. Each
 * target is its own run (own connection, log, summary and events), so one
 * failure stops nothing else; a cancel stops them all.
 */
export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const { targets, concurrency = 10, fleetId = newId('fleet'), ...common } = options;
  const results = await mapPooled(targets, concurrency, (target) =>
    runTarget({ ...common, targetId: target.targetId, connect: target.connect, fleetId }),
  );
  return { fleetId, results, counts: countOf(results) };
}

/**
 * Runs again only the targets whose last run did not finish as planned
 * (failed, refused, cancelled or interrupted), in the same fleet; the
 * others keep their result.
 */
export async function retryFailed(previous: FleetResult, options: FleetOptions): Promise<FleetResult> {
  const failed = new Set(previous.results.filter(needsRetry).map((r) => r.targetId));
  const again = await runFleet({ ...options, fleetId: previous.fleetId, targets: options.targets.filter((t) => failed.has(t.targetId)) });
  const byTarget = new Map(again.results.map((r) => [r.targetId, r]));
  const results = previous.results.map((r) => byTarget.get(r.targetId) ?? r);
  return { fleetId: previous.fleetId, results, counts: countOf(results) };
}
