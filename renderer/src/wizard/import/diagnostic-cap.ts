import type { Diagnostic } from '../../engine/engine';

/**
 * How many of an import's diagnostics the report lists. A hostile or broken
 * file can produce a million (one per line); listing them all froze the
 * window for seconds, and nobody reads past the first screens anyway.
 */
export const LISTED_DIAGNOSTICS = 200;

export interface CappedDiagnostics {
  /** The first ones, in the order parse() found them. */
  listed: Diagnostic[];
  /** How many there were in all. */
  total: number;
}

export function capDiagnostics(all: readonly Diagnostic[], limit = LISTED_DIAGNOSTICS): CappedDiagnostics {
  return { listed: all.slice(0, limit), total: all.length };
}

/** The line under a capped list, or null when every diagnostic is listed. */
export function unlistedSentence(listed: number, total: number): string | null {
  const more = total - listed;
  if (more <= 0) return null;
  return `…and ${more.toLocaleString('en')} more not listed. Fix the lines above (or the file) and import it again to see the rest.`;
}

/** "1 note", "1,000,012 notes". */
export function notesCount(total: number): string {
  return `${total.toLocaleString('en')} note${total === 1 ? '' : 's'}`;
}
