import type { Step } from '../../shared/plan';
import { DEFAULT_RECONNECT, type ReconnectPolicy } from './session';

export interface RunLimits {
  /** A step that prints nothing for this long is stopped (default 10 min: apk can be quiet on a slow mirror). */
  idleTimeoutMs: number;
  /** The longest a step may run, by its duration class. */
  stepTimeoutMs: Record<Step['duration'], number>;
  /** Times the same prompt may appear before the step is stopped as a prompt loop. */
  promptRepeats: number;
  /** How long stopping a detached step may spend reaching the box again to kill it (default 30 s): a stop always ends. */
  stopReachMs: number;
  reconnect: ReconnectPolicy;
}

export const DEFAULT_LIMITS: RunLimits = {
  idleTimeoutMs: 10 * 60_000,
  stepTimeoutMs: { instant: 2 * 60_000, short: 15 * 60_000, long: 2 * 60 * 60_000 },
  promptRepeats: 5,
  stopReachMs: 30_000,
  reconnect: DEFAULT_RECONNECT,
};

export type LimitsInput = Partial<Omit<RunLimits, 'stepTimeoutMs' | 'reconnect'>> & {
  stepTimeoutMs?: Partial<RunLimits['stepTimeoutMs']>;
  reconnect?: Partial<ReconnectPolicy>;
};

export const limitsFrom = (input: LimitsInput = {}): RunLimits => ({
  ...DEFAULT_LIMITS,
  ...input,
  stepTimeoutMs: { ...DEFAULT_LIMITS.stepTimeoutMs, ...input.stepTimeoutMs },
  reconnect: { ...DEFAULT_LIMITS.reconnect, ...input.reconnect },
});
