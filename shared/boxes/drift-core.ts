import type { Profile } from '../profile';
import { sh } from '../shell';
import type { BoxConfig } from './facts-config';
import type { BoxFacts } from './facts';
import type { Parts } from './sections';

/**
 * What a drift row is about: setup-alpine's section names, plus the packages
 * and services Cairn adds after setup-alpine.
 */
export const DRIFT_SECTIONS = [
  'keymap',
  'hostname',
  'interfaces',
  'dns',
  'timezone',
  'proxy',
  'apkrepos',
  'ntp',
  'user',
  'sshd',
  'packages',
  'services',
  'lbu',
  'apkcache',
] as const;
export type DriftSection = (typeof DRIFT_SECTIONS)[number];

/** One line of a difference: in both, only in the profile (expected), or only on the box. */
export interface DiffLine {
  side: 'both' | 'profile' | 'box';
  text: string;
}

/** A command that makes one part of the box match its profile again. */
export interface FixStep {
  /** Stable: `hostname`, `keymap`, `repositories`, `user-keys`, ... (see FIX_ORDER). */
  id: string;
  section: DriftSection;
  title: string;
  /** One command line built from quoted parts, run as root. Secrets never appear here: see fixInput. */
  command: string;
  /**
   * It can cut Cairn off from the box (network, DNS, the SSH server): it is
   * applied only through confirm-or-revert, never by a plain apply.
   */
  guarded: boolean;
}

export interface Drift {
  field: DriftSection;
  /** The package, service (`nginx@default`), repository, interface or account the row is about; null for a single-valued section. */
  item: string | null;
  expected: string;
  actual: string;
  /** The difference line by line (secrets hidden); empty when expected and actual say it all. */
  diff: DiffLine[];
  /** null when Cairn cannot put it right by itself (the reason is in `actual`). */
  fix: FixStep | null;
  /** Putting it right can cut Cairn off from the box: it waits for confirm-or-revert. */
  guarded: boolean;
}

export interface DriftInput {
  profile: Profile;
  facts: BoxFacts;
  config: BoxConfig;
  /**
   * false when the profile is a receipt's: its secrets (wifi passphrases,
   * password hashes) were taken out, so they are neither compared nor written.
   */
  secretsKnown: boolean;
}

/** The order fixes run in: repositories first (the rest may install from them), setup-alpine's order after. */
export const FIX_ORDER = [
  'repositories',
  'keymap',
  'hostname',
  'interfaces',
  'dns',
  'timezone',
  'proxy',
  'ntp',
  'user',
  'user-password',
  'user-fullname',
  'user-groups',
  'user-keys',
  'root-keys',
  'sshd',
  'packages',
  'services',
  'lbu',
  'apkcache',
] as const;

export type FixId = (typeof FIX_ORDER)[number];

export const fixStep = (id: FixId, section: DriftSection, title: string, parts: Parts, guarded = false): FixStep => ({ id, section, title, command: sh(...parts), guarded });

/** A drift row; `guarded` follows its fix (a row without a fix in a guarded section is guarded too). */
export const row = (r: Omit<Drift, 'guarded' | 'diff'> & { diff?: DiffLine[]; guarded?: boolean }): Drift => ({
  ...r,
  diff: r.diff ?? [],
  guarded: r.guarded ?? r.fix?.guarded ?? false,
});

/**
 * The lines of `expected` and `actual` as one list, common lines once, in a
 * readable order (a longest-common-subsequence diff: the files are small).
 */
export function lineDiff(expected: readonly string[], actual: readonly string[]): DiffLine[] {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const here = lcs[i] as number[];
      here[j] = expected[i] === actual[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, here[j + 1] ?? 0);
    }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push({ side: 'both', text: expected[i] as string });
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      out.push({ side: 'profile', text: expected[i] as string });
      i++;
    } else {
      out.push({ side: 'box', text: actual[j] as string });
      j++;
    }
  }
  return out;
}

export const sameLines = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((l, n) => l === b[n]);
