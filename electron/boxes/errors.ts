import type { ErrorCode, Result } from '../../shared/api/result';
import type { SshError } from '../ssh/errors';

/** One of the boxes' own refusals: its code is from the contract's closed list, with what else the window or the run needs. */
type BoxRefusal<C extends ErrorCode, Extra = unknown> = { code: C; message: string } & Extra;

/**
 * Every way a box action can end without doing its job. The SSH codes keep
 * their meaning (a command the box ran and refused is `remote-failed`, with
 * its exit code and stderr); the rest are the boxes' own.
 */
export type BoxError =
  | SshError
  /** The request was refused before anything was sent; `field` names the part at fault. */
  | BoxRefusal<'invalid-input', { field: string }>
  /** A reboot or power-off would lose changes not saved with lbu commit; `force` goes ahead anyway. */
  | BoxRefusal<'unsaved-changes', { uncommitted: number }>
  /** lbu has no media (LBU_MEDIA / LBU_BACKUPDIR) or is not installed. */
  | BoxRefusal<'lbu-not-configured'>
  /** The box answered something Cairn cannot read (not Alpine, output cut short). */
  | BoxRefusal<'unexpected-output'>
  /** Cairn itself failed while reading the box (a bug, not the box's answer); the details are in the log. */
  | BoxRefusal<'internal'>;

export type BoxErrorCode = BoxError['code'];

export type BoxResult<T> = Result<T, BoxError>;
