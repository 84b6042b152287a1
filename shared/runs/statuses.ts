// The statuses of a run and of its steps, and what each group of them means,
// in one place: the contract's schemas, the runner, the desktop shell, the
// cairn command and the window all read them from here.

/** How a run on one target ended, best first: the order in which a fleet's worst outcome is picked. */
export const FINAL_RUN_STATUSES = ['succeeded', 'warned', 'failed', 'refused', 'cancelled', 'interrupted'] as const;

/** How a run on one target stands or ended. `warned`: it finished, but the output showed something the profile did not ask for. */
export const RUN_STATUSES = ['running', ...FINAL_RUN_STATUSES] as const;

export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'warned', 'failed', 'skipped', 'cancelled', 'interrupted'] as const;

export type RunStatus = (typeof RUN_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];

const FINAL: ReadonlySet<string> = new Set(FINAL_RUN_STATUSES);
/** A warning is still done: the exit code was 0, only the output showed something. */
const DONE: ReadonlySet<string> = new Set(['succeeded', 'warned']);
/** What "Retry failed" starts again: every run that did not get done. */
const RETRY: ReadonlySet<string> = new Set(['failed', 'refused', 'cancelled', 'interrupted']);
/** A step that will not move again: all but waiting and running. */
const STEP_ENDED: ReadonlySet<string> = new Set(STEP_STATUSES.filter((s) => s !== 'pending' && s !== 'running'));

/** The run has ended, one way or another (the window's own "queued" is not). */
export const isFinalRunStatus = (status: string): boolean => FINAL.has(status);

/** The run, or the step, got done: succeeded, with or without warnings. */
export const isDone = (status: string): boolean => DONE.has(status);

/** The run ended without getting done, so "Retry failed" starts it again. */
export const needsRetry = (status: string): boolean => RETRY.has(status);

/** The step has ended (done, failed, skipped …), so it counts towards the run's progress. */
export const isStepEnded = (status: StepStatus): boolean => STEP_ENDED.has(status);
