import type { Note } from './diagnostics';

/** How setup-alpine hands `${XOPTS}` to a helper: split at blanks and newlines, quotes kept literally. */
export const splitLikeSetupAlpine = (value: string): string[] => value.split(/[ \t\n]+/).filter((w) => w !== '');

/** The words a person meant when they put shell quotes inside a value: '…', "…" and backslashes group. */
export function intendedWords(value: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (/[ \t\n]/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      const end = value.indexOf(c, i + 1);
      const stop = end < 0 ? value.length : end;
      word = (word ?? '') + value.slice(i + 1, stop);
      i = stop;
    } else if (c === '\\' && i + 1 < value.length) {
      word = (word ?? '') + (value[++i] ?? '');
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

export const showWords = (words: readonly string[]): string => words.map((w) => JSON.stringify(w)).join(', ');

/**
 * The words of an *OPTS value as its author meant them, with a warning where
 * setup-alpine's unquoted expansion would change them (quotes, globs).
 */
export function optionWords(value: string, variable: string, helper: string, note: Note): string[] {
  const split = splitLikeSetupAlpine(value);
  if (/['"\\]/.test(value)) {
    const meant = intendedWords(value);
    note(
      'warning',
      `${variable} contains quotes or backslashes, but setup-alpine passes it to ${helper} unquoted: they stay literal and the value is split at every space, so ${helper} would receive ${showWords(split)}. Cairn read it as ${showWords(meant)}.`,
    );
    return meant;
  }
  const globbing = split.filter((w) => /[*?[]/.test(w));
  if (globbing.length > 0)
    note(
      'warning',
      `${variable} contains ${showWords(globbing)}: setup-alpine passes it unquoted, so the shell would replace a pattern with *, ? or [ by matching file names before ${helper} sees it.`,
    );
  return split;
}

export interface Getopts {
  options: Array<{ flag: string; arg: string | null }>;
  operands: string[];
  unknown: string[];
  missingArgument: string[];
}

/** POSIX getopts over words with a spec like "af:g:hk:u", as the setup-* helpers use it. */
export function getopts(words: readonly string[], spec: string): Getopts {
  const result: Getopts = { options: [], operands: [], unknown: [], missingArgument: [] };
  let n = 0;
  for (; n < words.length; n++) {
    const w = words[n] ?? '';
    if (w === '--') {
      n++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    for (let k = 1; k < w.length; k++) {
      const flag = w[k] ?? '';
      const at = spec.indexOf(flag);
      if (at < 0 || flag === ':') {
        result.unknown.push(`-${flag}`);
        continue;
      }
      if (spec[at + 1] !== ':') {
        result.options.push({ flag, arg: null });
        continue;
      }
      let arg: string | undefined = w.slice(k + 1);
      if (arg === '') arg = words[++n];
      if (arg === undefined) result.missingArgument.push(`-${flag}`);
      else result.options.push({ flag, arg });
      break;
    }
  }
  result.operands = words.slice(n);
  return result;
}

/** The last value given for an option (getopts overwrites), or null. */
export const lastArg = (g: Getopts, flag: string): string | null => g.options.filter((o) => o.flag === flag).at(-1)?.arg ?? null;

export const hasFlag = (g: Getopts, flag: string): boolean => g.options.some((o) => o.flag === flag);

/** Reports options and arguments the helper would reject or Cairn cannot keep. */
export function reportGetopts(g: Getopts, variable: string, helper: string, note: Note): void {
  if (g.unknown.length > 0)
    note('warning', `${variable} has ${g.unknown.join(' ')}, which ${helper} does not accept (it would print its usage); Cairn ignored ${g.unknown.length > 1 ? 'them' : 'it'}.`);
  if (g.missingArgument.length > 0) note('warning', `${variable} ends with ${g.missingArgument.join(' ')} but gives it no value; Cairn ignored it.`);
}
