/**
 * A hostname pattern numbers the rows: `pi-{nn}` gives pi-01, pi-02, … (as
 * many n as digits, zero-padded; a number longer than that is written whole).
 * Text without braces is taken as it is.
 */
export function expandPattern(pattern: string, rowNumber: number): string {
  return pattern.replace(/\{(n+)\}/g, (_m, n: string) => String(rowNumber).padStart(n.length, '0'));
}

export const isPattern = (text: string): boolean => /\{n+\}/.test(text);
