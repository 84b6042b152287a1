export { runTarget, type FinalStatus, type Planner } from './run-target';
export type * from './events';
