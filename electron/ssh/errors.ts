import type { ErrorCodeSubset, Result } from '../../shared/api/result';
import type { HostKey } from './fingerprint';
import type { KeyHome } from './known-hosts';

/** Every way an SSH operation can end without doing its job; a part of the contract's closed list, so each has the window's words. */
export type SshErrorCode = ErrorCodeSubset<
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
  | 'remote-failed'
>;

interface ErrorBase<C extends SshErrorCode> {
  code: C;
  /** A plain sentence saying what happened and what to do. */
  message: string;
}

export type SshError =
  | (ErrorBase<'host-key-unknown'> & { host: string; port: number; fingerprint: string; keyType: string; key: HostKey })
  | (ErrorBase<'host-key-changed'> & { host: string; port: number; expected: string; knownIn: KeyHome; actual: string; key: HostKey })
  /** `field`: the target's setting at fault when the login was refused before anything was sent (no password kept, no agent for a jump host). */
  | (ErrorBase<'auth-failed'> & { methods: string[]; field?: string })
  | ErrorBase<'key-unreadable'>
  | ErrorBase<'unreachable'>
  | ErrorBase<'connection-lost'>
  | ErrorBase<'timeout'>
  | ErrorBase<'idle-timeout'>
  | ErrorBase<'cancelled'>
  | ErrorBase<'upload-mismatch'>
  | (ErrorBase<'remote-failed'> & { exitCode: number | null; stderr: string });

/** The result of every SSH operation: expected failures are data, not exceptions. */
export type SshResult<T> = Result<T, SshError>;

/** Refusals that another attempt cannot cure: the box is up but will not let Cairn in, or is not the same box, or the person stopped it. */
export const FINAL_CODES: ReadonlySet<SshErrorCode> = new Set<SshErrorCode>(['host-key-unknown', 'host-key-changed', 'auth-failed', 'key-unreadable', 'cancelled']);

/** "host:port", or just the host for the SSH default port. */
export const hostLabel = (host: string, port: number): string => (port === 22 ? host : `${host}:${port}`);

export const seconds = (ms: number): string => {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
};
