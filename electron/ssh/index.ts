export { connect, type ConnectOptions, type SshConnection } from './connect';
export { exec, type ExecOptions, type ExecOutcome, type PromptAnswer, type TerminalOptions } from './exec';
export { upload, type UploadOptions, type UploadOutcome } from './upload';
export { acceptHostKey, checkHostKey, type HostKeyVerdict, type HostTrust } from './known-hosts';
export { fingerprintOf, hostKeyFromBlob, hostKeyFromBase64, type HostKey } from './fingerprint';
export type { SshAuth, KeyboardPrompt } from './auth';
export type { SshError, SshErrorCode, SshResult } from './errors';
