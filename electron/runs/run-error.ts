import type { SshError } from '../ssh';
import { hostKeyRefusal } from '../ssh/host-key-refusal';
import type { RunError } from './events';

/**
 * The one way an SSH failure becomes a run's error: code and sentence, the
 * step it happened in, and for a refused host key what the window needs to
 * compare and trust it in place. Nothing else of the SSH error (a key
 * object, stderr) rides along into the run's summary.
 */
export function runErrorOf(error: SshError | RunError, stepId: string | null): RunError {
  if ('stepId' in error) return { code: error.code, message: error.message, stepId, ...(error.details ? { details: error.details } : {}) };
  const refused = hostKeyRefusal(error);
  if (refused) return { code: refused.code, message: refused.message, stepId, details: refused.details };
  return { code: error.code, message: error.message, stepId };
}
