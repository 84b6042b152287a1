export { startOpenSshTarget } from './openssh-target';
export { startDropbearTarget } from './dropbear-target';
export { targetSupport } from './support';
export type { TestTarget, TargetOptions } from './target-types';
