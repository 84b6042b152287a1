import type { Profile } from '../profile';
import type { Assignment } from './assignments';
import type { Diagnostics } from './diagnostics';
import { getopts, hasFlag, optionWords, reportGetopts } from './option-words';
import { asked } from './sections-parse';

// The apkrepos section (APKREPOSOPTS). Its functions keep the profile key's
// spelling, apkRepos, which stored profiles use (shared/profile/sections.ts).
type ApkRepos = Profile['apkRepos'];

const MODE_FLAG = { first: '-1', fastest: '-f', random: '-r' } as const;
const FLAG_MODE: Record<string, ApkRepos['mode']> = { '1': 'first', f: 'fastest', r: 'random' };

/**
 * The community repositories setup-apkrepos would not add itself: with
 * explicit URLs it writes exactly those lines (-c only affects mirrors it
 * picks), so "community" means adding the sibling of each …/main URL.
 */
function communitySiblings(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    const m = /^(.*\/)main(\/?)$/.exec(u);
    if (m === null) continue;
    const sibling = `${m[1]}community${m[2]}`;
    if (!urls.includes(sibling) && !out.includes(sibling)) out.push(sibling);
  }
  return out;
}

export interface RenderedRepos {
  value: string;
  /** Exported environment setup-apkrepos reads (its prompt's default answer). */
  env: Array<[string, string]>;
  comment: string | null;
}

/** APKREPOSOPTS for the profile, following what setup-apkrepos really accepts. */
export function apkReposOptions(r: ApkRepos): RenderedRepos {
  const c = r.community ? ['-c'] : [];
  switch (r.mode) {
    case 'urls':
      return { value: [...c, ...r.urls, ...(r.community ? communitySiblings(r.urls) : [])].join(' '), env: [], comment: null };
    case 'none':
      // setup-apkrepos has no "leave alone" option: -o only enables community
      // in the existing repositories; otherwise it prompts, and the default
      // answer "skip" makes that prompt change nothing.
      return r.community
        ? { value: '-o', env: [], comment: '# Keep the current repositories, enabling community in them.' }
        : { value: '', env: [['APKREPO_DEFAULT_ANSWER', 'skip']], comment: '# Keep the current repositories: setup-apkrepos asks, and the default answer skips.' };
    default:
      return { value: [MODE_FLAG[r.mode], ...c].join(' '), env: [], comment: null };
  }
}

export function parseApkRepos(opts: Assignment | undefined, answer: Assignment | undefined, d: Diagnostics): ApkRepos {
  const skip = answer?.value === 'skip';
  if (answer !== undefined && !skip)
    d.add(
      answer.line,
      'warning',
      `APKREPO_DEFAULT_ANSWER="${answer.value}" cannot be kept; Cairn only understands "skip" (leave the repositories alone).`,
      'APKREPO_DEFAULT_ANSWER',
    );
  if (answer !== undefined && skip && !answer.exported)
    d.add(
      answer.line,
      'warning',
      'APKREPO_DEFAULT_ANSWER is not exported, so setup-apkrepos would not see it and would pick the first mirror. Cairn kept it and exports it.',
      'APKREPO_DEFAULT_ANSWER',
    );
  const words = opts === undefined ? [] : optionWords(opts.value, 'APKREPOSOPTS', 'setup-apkrepos', d.at(opts.line, 'APKREPOSOPTS'));
  if (words.length === 0) {
    if (skip) return { mode: 'none', urls: [], community: false };
    asked(d, 'APKREPOSOPTS', 'setup-apkrepos', 'adds the first mirror (the CDN) without the community repository');
    return { mode: 'first', urls: [], community: false };
  }
  const note = d.at(opts?.line ?? 0, 'APKREPOSOPTS');
  const g = getopts(words, 'c1fhor');
  reportGetopts(g, 'APKREPOSOPTS', 'setup-apkrepos', note);
  const community = hasFlag(g, 'c');
  const modes = g.options.map((o) => FLAG_MODE[o.flag]).filter((m) => m !== undefined);
  if (hasFlag(g, 'o')) {
    if (modes.length > 0 || community || g.operands.length > 0)
      note('warning', 'APKREPOSOPTS combines -o with other options, which setup-apkrepos refuses. Cairn kept only -o (enable community in the current repositories).');
    return { mode: 'none', urls: [], community: true };
  }
  if (g.operands.length > 0) {
    if (modes.length > 0)
      note('warning', 'APKREPOSOPTS has both mirror options and repository URLs; setup-apkrepos would write the URLs and then add a mirror too. Cairn kept the URLs.');
    return { mode: 'urls', urls: community ? withoutSiblings(g.operands) : g.operands, community };
  }
  if (modes.length > 1) note('warning', 'APKREPOSOPTS has more than one of -1, -f and -r, which setup-apkrepos refuses. Cairn kept the first.');
  if (modes.length === 0) {
    note('warning', 'APKREPOSOPTS picks no mirror (-1, -f, -r or URLs), so setup-apkrepos would ask. Cairn used the first mirror (-1).');
    return { mode: 'first', urls: [], community };
  }
  return { mode: modes[0] ?? 'first', urls: [], community };
}

/** Undoes communitySiblings: the shortest URL list whose added siblings are exactly the rest. */
function withoutSiblings(urls: string[]): string[] {
  for (let k = 0; k < urls.length; k++) {
    const head = urls.slice(0, k);
    const tail = urls.slice(k);
    const siblings = communitySiblings(head);
    if (siblings.length === tail.length && siblings.every((s, n) => s === tail[n])) return head;
  }
  return urls;
}
