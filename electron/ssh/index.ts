export { connect, type ConnectOptions, type SshConnection } from './connect';
export { exec, type ExecOptions, type TerminalOptions } from './exec';
export { upload } from './upload';
export type { SshError, SshResult } from './errors';
