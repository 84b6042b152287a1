import type { SshError } from '../ssh/errors';

/**
 * Every way a box action can end without doing its job. The SSH codes keep
 * their meaning (a command the box ran and refused is `remote-failed`, with
 * its exit code and stderr); the rest are the boxes' own.
 */
export type BoxError =
  | SshError
  /** The request was refused before anything was sent; `field` names the part at fault. */
  | { code: 'invalid-input'; message: string; field: string }
  /** A reboot or power-off would lose changes not saved with lbu commit; `force` goes ahead anyway. */
  | { code: 'unsaved-changes'; message: string; uncommitted: number }
  /** lbu has no media (LBU_MEDIA / LBU_BACKUPDIR) or is not installed. */
  | { code: 'lbu-not-configured'; message: string }
  /** The box answered something Cairn cannot read (not Alpine, output cut short). */
  | { code: 'unexpected-output'; message: string };

export type BoxErrorCode = BoxError['code'];

export type BoxResult<T> = { ok: true; value: T } | { ok: false; error: BoxError };

export const done = <T>(value: T): BoxResult<T> => ({ ok: true, value });
export const refused = <T = never>(error: BoxError): BoxResult<T> => ({ ok: false, error });
