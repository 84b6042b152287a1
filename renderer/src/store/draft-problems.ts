import type { Problem } from '../../../shared/profile/problems';

/** Fields whose text must be a whole number; their drafts are checked here because the profile cannot hold "24x". */
const WHOLE_NUMBER = [/^interfaces\.\d+\.ipv[46]\.prefix$/, /^disk\.swapMb$/, /^disk\.rootMb$/];

export const isWholeNumberPath = (path: string): boolean => WHOLE_NUMBER.some((re) => re.test(path));

/** Problems with text that could not become a profile value, at the field's own path. */
export function draftProblems(drafts: Readonly<Record<string, string>>): Problem[] {
  const out: Problem[] = [];
  for (const [path, text] of Object.entries(drafts)) {
    const t = text.trim();
    if (isWholeNumberPath(path) && t !== '' && !/^\d+$/.test(t)) out.push({ path, message: `"${t}" is not a whole number; write digits only, like 24.`, severity: 'error' });
  }
  return out;
}

/** Parses a whole-number field: a number, null when empty or not a number (the draft keeps the text). */
export function wholeNumberOrNull(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * After list item `removed` under `prefix` (like "interfaces") goes away,
 * drafts (or stashed values) of later items move up one so each stays with its item.
 */
export function shiftDrafts<T>(drafts: Readonly<Record<string, T>>, prefix: string, removed: number): Record<string, T> {
  const out: Record<string, T> = {};
  const re = new RegExp(`^${prefix.replaceAll('.', '\\.')}\\.(\\d+)(\\..*)?$`);
  for (const [path, text] of Object.entries(drafts)) {
    const m = re.exec(path);
    if (!m) out[path] = text;
    else {
      const n = Number(m[1]);
      if (n < removed) out[path] = text;
      else if (n > removed) out[`${prefix}.${n - 1}${m[2] ?? ''}`] = text;
    }
  }
  return out;
}
