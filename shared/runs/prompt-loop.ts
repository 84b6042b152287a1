import type { Finding } from './findings';
import type { Section } from './sections';

/** How many times the same prompt may appear before it counts as a loop. */
export const PROMPT_REPEATS = 5;

/** The last character of text[start, end) that is not a space, tab or carriage return, or -1. */
export function lastVisible(text: string, start = 0, end = text.length): number {
  for (let i = end - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return c;
  }
  return -1;
}

/** Whether a line whose last visible character is this code may be a prompt: ':' '?' ']'. */
export const mayEndPrompt = (code: number): boolean => code === 58 || code === 63 || code === 93;

/** A line that waits for an answer: "Select variant (or 'abort'):", "Erase the above disk(s) and continue? (y/n) [n]". */
export function isPrompt(line: string): boolean {
  // ':' '?' ']' — checked first, as almost no output line ends in one.
  if (!mayEndPrompt(lastVisible(line))) return false;
  return /[:?]$|\?\s*(?:\([^)]*\)\s*)?\[[^\]]*\]$/.test(line.trimEnd());
}

const HINTS: Partial<Record<Section, string>> = {
  Keymap: 'the keymap in the profile does not exist on the box; pick a layout and variant from the list',
  Hostname: 'the hostname was rejected; use only letters, digits, "." and "-"',
  Interface: 'the interfaces text was rejected; check the Interfaces step',
  Timezone: 'the time zone was rejected; pick one from the list',
  'APK Mirror': 'the mirror could not be used; check the repository URLs',
  User: 'the user options were rejected; check the User step',
  'Disk & Install': 'setup-disk wanted an answer; check the disk names (ERASE_DISKS must list exactly the disks to erase)',
};

export function promptLoopFinding(prompt: string, times: number, section: Section | null): Finding {
  const where = section ? ` in the ${section} section` : '';
  const hint = (section && HINTS[section]) ?? 'a value in the answer file was rejected; check the profile';
  return {
    kind: 'prompt-loop',
    severity: 'error',
    reason: `setup-alpine asked "${prompt.trim()}" ${times} times${where} with nobody to answer, so it was stopped: ${hint}.`,
    line: prompt,
    section,
  };
}

/** Counts each prompt line within one section; a real loop never crosses a heading. */
export class PromptCounter {
  private counts = new Map<string, number>();
  constructor(private readonly limit = PROMPT_REPEATS) {}

  /** The prompt, once it has been seen `limit` times. */
  see(line: string): string | null {
    if (!isPrompt(line)) return null;
    const key = line.trim();
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n >= this.limit ? key : null;
  }

  reset(): void {
    this.counts.clear();
  }
}

/**
 * A prompt repeated with no newline in between ("Which one? Which one? ..."):
 * the smallest unit that ends the text `repeats` times over, if it is a prompt.
 */
export function repeatedPromptAtEnd(text: string, repeats = PROMPT_REPEATS, longest = 256): string | null {
  const max = Math.min(longest, Math.floor(text.length / repeats));
  for (let size = 2; size <= max; size++) {
    const unit = text.slice(-size);
    if (!isPrompt(unit)) continue;
    let same = true;
    for (let k = 2; k <= repeats && same; k++) same = text.slice(-size * k, -size * (k - 1)) === unit;
    if (same) return unit;
  }
  return null;
}
