export { plan, fullNameNeedsStep } from './plan';
export { DEFAULT_WORK_DIR, type Step, type TargetFacts, type PlanOptions } from './step';
