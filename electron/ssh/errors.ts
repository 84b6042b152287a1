import type { HostKey } from './fingerprint';
import type { KeyHome } from './known-hosts';

/** Every way an SSH operation can end without doing its job; the renderer turns each into words and actions. */
export type SshErrorCode =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'auth-failed'
  | 'key-unreadable'
  | 'unreachable'
  | 'connection-lost'
  | 'timeout'
  | 'idle-timeout'
  | 'cancelled'
  | 'upload-mismatch'
  | 'remote-failed';

interface ErrorBase<C extends SshErrorCode> {
  code: C;
  /** A plain sentence saying what happened and what to do. */
  message: string;
}

export type SshError =
  | (ErrorBase<'host-key-unknown'> & { host: string; port: number; fingerprint: string; keyType: string; key: HostKey })
  | (ErrorBase<'host-key-changed'> & { host: string; port: number; expected: string; knownIn: KeyHome; actual: string; key: HostKey })
  | (ErrorBase<'auth-failed'> & { methods: string[] })
  | ErrorBase<'key-unreadable'>
  | ErrorBase<'unreachable'>
  | ErrorBase<'connection-lost'>
  | ErrorBase<'timeout'>
  | ErrorBase<'idle-timeout'>
  | ErrorBase<'cancelled'>
  | ErrorBase<'upload-mismatch'>
  | (ErrorBase<'remote-failed'> & { exitCode: number | null; stderr: string });

/** The result of every SSH operation: expected failures are data, not exceptions. */
export type SshResult<T> = { ok: true; value: T } | { ok: false; error: SshError };

export const success = <T>(value: T): SshResult<T> => ({ ok: true, value });
export const failure = <T = never>(error: SshError): SshResult<T> => ({ ok: false, error });

/** "host:port", or just the host for the SSH default port. */
export const hostLabel = (host: string, port: number): string => (port === 22 ? host : `${host}:${port}`);

export const seconds = (ms: number): string => {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
};
