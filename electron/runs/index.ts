export { runTarget, type RunTargetOptions, type RunResult, type FinalStatus, type Planner } from './run-target';
export { FleetRegistry, type FleetEntry, type FleetLaunch, type FleetActivity, type FleetDone, type RunActivity, type FleetRegistryDeps } from './fleet-registry';
export { needsRetry, retryable, targetsToRetry } from './retry';
export { markInterruptedRuns, type RunSummary, type StepRecord } from './persist';
export { confirmationProblem, erasedBy, type Confirmation } from './confirm';
export { DEFAULT_LIMITS, type RunLimits, type LimitsInput } from './limits';
export { OUTPUT_INTERVAL_MS } from './batcher';
export { mapPooled } from './pool';
export type * from './events';
