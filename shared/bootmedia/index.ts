export { overlayEntries, overlayFileName, overlayServices, overlayWorld, wifiCardOf } from './overlay';
export type { OverlayEntry } from './entries';
export { overlayProblems } from './problems';
export { batchOverlayProblems, staticAddressOf } from './batch';
export { MEDIA, afterInstallNote, type MediumKind } from './media';
