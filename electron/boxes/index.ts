export type { BoxError, BoxErrorCode, BoxResult } from './errors';
export type { BoxCallOptions, OutputStream } from './options';
export { gatherFacts } from './facts';
export { listServices, serviceAction, runlevelAction, type ServicesList } from './services';
export { listPackages, listUpgradable, addPackages, removePackages, upgradeAll, type InstalledPackage, type UpgradesList, type ApkChange } from './packages';
export { lbuStatus, lbuDiff, lbuCommit, lbuListBackups, type LbuOptions } from './lbu';
export { reboot, poweroff, waitUntilBack, type PowerOptions, type PowerResult, type WaitOptions } from './power';
export { refreshMany, type RefreshTarget, type RefreshOutcome, type RefreshOptions } from './refresh-many';
export { checkDrift, applyDrift, type Applied } from './drift';
