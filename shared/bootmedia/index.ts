export { overlayEntries, overlayFileName, overlayServices, overlayWorld, wifiCardOf, SSHD_CONFIG, type OverlayKeys } from './overlay';
export type { OverlayEntry } from './entries';
export { overlayProblems } from './problems';
export { batchOverlayProblems, staticAddressOf } from './batch';
export { MEDIA, MEDIUM_KINDS, afterInstallNote, type MediumKind } from './media';
export { renderWpaSupplicant, hexOf, utf8Bytes } from './wpa-supplicant';
