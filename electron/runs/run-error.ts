import { apiErrorOf, type InternalError } from '../api-error';
import type { RunError } from './events';

/**
 * The one way an SSH failure or a box's refusal becomes a run's error: the
 * contract's translation (code, sentence, and for a refused host key what
 * the window needs to compare and trust it in place), plus the step it
 * happened in. Nothing else of the SSH error (a key object, stderr) rides
 * along into the run's summary.
 */
export function runErrorOf(error: InternalError, stepId: string | null): RunError {
  const { code, message, details } = apiErrorOf(error);
  return { code, message, stepId, ...(details === undefined ? {} : { details }) };
}
