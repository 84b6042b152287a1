import type { Target } from '../../shared/api/targets';
import type { BatchProblem, BatchRow } from '../../shared/batch/batch';
import { parseHop } from '../../shared/targets/jump-spec';
import type { TargetDraft } from '../store/targets';

/** A row's box: a saved target, or one to save from `user@host[:port]` when the batch starts. */
export type RowTarget = { saved: Target } | { draft: TargetDraft };

/**
 * Reads each row's target cell: a saved target's name (any case) or id, or
 * `user@host[:port]`, which becomes a new target logging in with the SSH
 * agent (tagged "batch" so it can be found again). A name Cairn does not
 * know is named with its row.
 */
export function rowTargets(rows: readonly BatchRow[], saved: readonly Target[]): { targets: RowTarget[]; problems: BatchProblem[] } {
  const problems: BatchProblem[] = [];
  const targets = rows.map((r, n): RowTarget => {
    const cell = r.target.trim();
    const named = saved.find((t) => t.id === cell || t.name.toLowerCase() === cell.toLowerCase());
    if (named !== undefined) return { saved: named };
    const hop = cell.includes('@') ? parseHop(cell) : null;
    if (hop !== null) {
      const known = saved.find((t) => t.host === hop.host && t.port === (hop.port ?? 22) && t.user === hop.user);
      if (known !== undefined) return { saved: known };
      return { draft: { name: cell, host: hop.host, port: hop.port ?? 22, user: hop.user ?? 'root', auth: 'agent', tags: ['batch'] } };
    }
    if (cell !== '') problems.push({ row: n + 2, column: 'target', message: `No saved target is named “${cell}”: write its name as Targets lists it, or user@host[:port].` });
    return { draft: { name: cell, host: cell, port: 22, user: 'root', auth: 'agent', tags: ['batch'] } };
  });
  return { targets, problems };
}
