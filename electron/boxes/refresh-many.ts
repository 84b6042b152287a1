import type { BoxFacts } from '../../shared/boxes';
import type { SshConnection } from '../ssh/connect';
import type { SshResult } from '../ssh/errors';
import type { BoxError } from './errors';
import { gatherFacts } from './facts';

export interface RefreshTarget {
  /** The target's id, handed back with its outcome. */
  id: string;
  label?: string;
  privilege?: 'root' | 'doas';
  /** Opens a trusted, logged-in connection (the caller knows the credentials and trust stores). */
  connect: (signal?: AbortSignal) => Promise<SshResult<SshConnection>>;
}

export type RefreshOutcome =
  | { id: string; ok: true; facts: BoxFacts; refreshedAt: string }
  /** `error.message` says why: unreachable, host key changed, refused... */
  | { id: string; ok: false; error: BoxError };

export interface RefreshOptions {
  /** Boxes asked at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Each box's outcome as soon as it is known, so cards fill in one by one. */
  onResult?: (outcome: RefreshOutcome) => void;
}

async function refreshOne(target: RefreshTarget, signal?: AbortSignal): Promise<RefreshOutcome> {
  const opened = await target.connect(signal);
  if (!opened.ok) return { id: target.id, ok: false, error: opened.error };
  try {
    const facts = await gatherFacts(opened.value, { signal, label: target.label, privilege: target.privilege });
    return facts.ok ? { id: target.id, ok: true, facts: facts.value, refreshedAt: new Date().toISOString() } : { id: target.id, ok: false, error: facts.error };
  } finally {
    await opened.value.close();
  }
}

/**
 * Reads the facts of many boxes, a few at a time; one box that cannot be
 * reached never holds up or fails the others. Outcomes come back in the
 * order of `targets`.
 */
export async function refreshMany(targets: readonly RefreshTarget[], options: RefreshOptions = {}): Promise<RefreshOutcome[]> {
  const outcomes: RefreshOutcome[] = new Array<RefreshOutcome>(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index];
      if (target === undefined) continue;
      let outcome: RefreshOutcome;
      try {
        outcome = await refreshOne(target, options.signal);
      } catch (error) {
        // A throw is Cairn's own fault, not the box's answer: said as such, so it is not mistaken for a box that is not Alpine.
        outcome = { id: target.id, ok: false, error: { code: 'internal', message: `Reading ${target.label ?? target.id} failed inside Cairn: ${(error as Error).message}` } };
      }
      outcomes[index] = outcome;
      options.onResult?.(outcome);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}
