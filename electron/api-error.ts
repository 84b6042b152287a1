import type { ApiError } from '../shared/api/result';
import type { BoxError } from './boxes/errors';
import type { Log } from './log';
import type { RunError } from './runs/events';
import { changedKeyLogLine, hostKeyRefusal } from './ssh/host-key-refusal';

/** Any error a service keeps inside the main process: an SSH failure, a box's refusal (which includes those), a run's end. */
export type InternalError = BoxError | RunError;

/** The contract's error, its code narrowed to the ones an internal error can have. */
export type TranslatedError = Omit<ApiError, 'code'> & { code: InternalError['code'] };

/**
 * The one way an internal error becomes the contract's: the same code (never
 * a nearer one: the window and the CLI act on it), its sentence, the request
 * field at fault, and for a refused host key what the window needs to compare
 * and trust it. Nothing else (a key object, stderr, a step id) crosses. With
 * a log, a changed host key is noted there (fingerprints only).
 */
export function apiErrorOf(error: InternalError, log?: Pick<Log, 'warn'>): TranslatedError {
  if ('stepId' in error) return { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  switch (error.code) {
    case 'host-key-unknown':
      return hostKeyRefusal(error);
    case 'host-key-changed':
      log?.warn(changedKeyLogLine(error));
      return hostKeyRefusal(error);
    case 'invalid-input':
      return { code: error.code, message: error.message, field: error.field };
    case 'auth-failed':
      return { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) };
    default:
      return { code: error.code, message: error.message };
  }
}
