export { startOpenSshTarget } from './openssh-target';
export { startDropbearTarget } from './dropbear-target';
export { targetSupport, type TargetSupport } from './support';
export type { TestTarget, TargetOptions } from './target-types';
export type { StandIns } from './stand-ins';
export type { StandInControl, StandInRecord, StandInTool, ToolControl } from './stand-ins-types';
export type { TargetProcess } from './target-processes';
