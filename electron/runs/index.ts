export { runTarget, type RunTargetOptions, type RunResult, type FinalStatus, type Planner } from './run-target';
export { runFleet, retryFailed, needsRetry, type FleetOptions, type FleetResult, type FleetTarget } from './fleet';
export { markInterruptedRuns, type RunSummary, type StepRecord } from './persist';
export { confirmationProblem, erasedBy, type Confirmation } from './confirm';
export { DEFAULT_LIMITS, type RunLimits, type LimitsInput } from './limits';
export { OUTPUT_INTERVAL_MS } from './batcher';
export { mapPooled } from './pool';
export type * from './events';
