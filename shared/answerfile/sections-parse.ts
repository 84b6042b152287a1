import { devdSchema, ntpSchema, runlevelSchema, sshdSchema, type Profile, type Service } from '../profile';
import type { Assignment } from './assignments';
import type { Diagnostics, Note } from './diagnostics';
import { getopts, hasFlag, lastArg, optionWords, reportGetopts, showWords, type Getopts } from './option-words';

interface Read {
  a: Assignment;
  helper: string;
  g: Getopts;
  note: Note;
}

/** Splits and reads an *OPTS value the way its helper's getopts would, reporting what it would reject. */
export function readOptions(a: Assignment, helper: string, spec: string, d: Diagnostics): Read {
  const note = d.at(a.line, a.name);
  const g = getopts(optionWords(a.value, a.name, helper, note), spec);
  reportGetopts(g, a.name, helper, note);
  if (hasFlag(g, 'h')) note('warning', `${a.name} has -h: ${helper} would only print its help. Cairn ignored -h.`);
  return { a, helper, g, note };
}

/** The one operand a helper takes (or an option's value), keeping what was meant when it word-split. */
function single({ a, helper, g, note }: Read, option?: string): string {
  const fromOption = option === undefined ? null : lastArg(g, option);
  const words = fromOption === null ? g.operands : [fromOption, ...g.operands];
  if (words.length > 1)
    note('warning', `${a.name} is split at spaces by setup-alpine, so ${helper} would use only ${JSON.stringify(words[0])} and ignore ${showWords(words.slice(1))}. Cairn kept "${words.join(' ')}"; fix the value (a name with spaces does not work here).`);
  return words.join(' ');
}

interface Choices<T> {
  safeParse: (v: unknown) => { success: true; data: T } | { success: false };
}

function choice<T extends string>(r: Read, allowed: Choices<T>, fallback: T, option?: string): T {
  const v = single(r, option);
  const parsed = allowed.safeParse(v);
  if (parsed.success) return parsed.data;
  r.note('warning', `${r.a.name}="${v}" is not a choice Cairn knows for ${r.helper}; Cairn used ${fallback}.`);
  return fallback;
}

const asked = (d: Diagnostics, variable: string, helper: string, used: string) =>
  d.missing(variable, 'warning', (state) => `${variable} is ${state}, so ${helper} would ask during the install. Cairn used ${used}.`);

export function parseKeymap(a: Assignment | undefined, d: Diagnostics): Profile['keymap'] {
  if (a === undefined) {
    d.missing('KEYMAPOPTS', 'info', (state) => `KEYMAPOPTS is ${state}: setup-alpine asks for a keymap on a local console and skips it over SSH. Cairn used us us.`);
    return { layout: 'us', variant: 'us' };
  }
  const { g, note } = readOptions(a, 'setup-keymap', 'h', d);
  const [layout = '', variant = '', ...extra] = g.operands;
  if (layout === 'none') return null;
  if (variant === '') note('warning', `KEYMAPOPTS names the layout "${layout}" but no variant, so setup-keymap would ask for one. Choose the variant in the wizard.`);
  if (extra.length > 0) note('warning', `KEYMAPOPTS has more than a layout and a variant; setup-keymap ignores ${showWords(extra)} and so did Cairn.`);
  return { layout, variant };
}

export function parseHostname(a: Assignment | undefined, d: Diagnostics): string {
  if (a === undefined) {
    asked(d, 'HOSTNAMEOPTS', 'setup-hostname', 'the hostname "alpine"');
    return 'alpine';
  }
  return single(readOptions(a, 'setup-hostname', 'hn:', d), 'n');
}

export function parseDevd(a: Assignment | undefined, d: Diagnostics): Profile['devd'] {
  // setup-alpine keeps mdev when DEVDOPTS is unset, without asking.
  return a === undefined ? 'mdev' : choice(readOptions(a, 'setup-devd', 'hC', d), devdSchema, 'mdev');
}

export function parseNtp(a: Assignment | undefined, d: Diagnostics): Profile['ntp'] {
  if (a !== undefined) return choice(readOptions(a, 'setup-ntp', 'h', d), ntpSchema, 'chrony');
  asked(d, 'NTPOPTS', 'setup-ntp', 'chrony');
  return 'chrony';
}

export function parseSshd(a: Assignment | undefined, d: Diagnostics): { sshd: Profile['sshd']; key: string | null } {
  if (a === undefined) {
    asked(d, 'SSHDOPTS', 'setup-sshd', 'openssh');
    return { sshd: 'openssh', key: null };
  }
  const r = readOptions(a, 'setup-sshd', 'hc:k:', d);
  return { sshd: choice(r, sshdSchema, 'openssh', 'c'), key: lastArg(r.g, 'k') };
}

export function parseTimezone(a: Assignment | undefined, d: Diagnostics): string | null {
  if (a === undefined) {
    asked(d, 'TIMEZONEOPTS', 'setup-timezone', 'UTC');
    return 'UTC';
  }
  const r = readOptions(a, 'setup-timezone', 'hikz:', d);
  for (const flag of ['i', 'k'])
    if (hasFlag(r.g, flag)) r.note('info', `TIMEZONEOPTS has -${flag} (how tzdata is installed); Cairn leaves it out and setup-timezone copies the zone file.`);
  const zone = single(r, 'z');
  return zone === 'none' ? null : zone;
}

/** A value that is a word, or none (proxy, LBU media, apk cache). */
export function parseNoneable(variable: string, a: Assignment | undefined, helper: string, spec: string, d: Diagnostics, unsetMessage: ((state: string) => string) | null): string | null {
  if (a === undefined) {
    if (unsetMessage !== null) d.missing(variable, 'warning', unsetMessage);
    return null;
  }
  const v = single(readOptions(a, helper, spec, d));
  return v === 'none' || v === '' ? null : v;
}

export function parseDns(a: Assignment | undefined, d: Diagnostics): Profile['dns'] {
  if (a === undefined) return { searchDomain: '', servers: [] };
  const { g } = readOptions(a, 'setup-dns', 'd:n:h', d);
  const n = lastArg(g, 'n');
  return { searchDomain: lastArg(g, 'd') ?? '', servers: [...(n === null ? [] : n.split(/\s+/)), ...g.operands] };
}

export const sshKeyLines = (value: string): string[] =>
  value.trim() === 'none' ? [] : value.split('\n').filter((k) => k.trim() !== '');

export const parsePackages = (a: Assignment | undefined): string[] => (a === undefined ? [] : a.value.split(/\s+/).filter(Boolean));

export function parseServices(a: Assignment | undefined, d: Diagnostics): Service[] {
  if (a === undefined) return [];
  const out: Service[] = [];
  for (const word of a.value.split(/\s+/).filter(Boolean)) {
    const colon = word.indexOf(':');
    const runlevel = runlevelSchema.safeParse(word.slice(0, Math.max(colon, 0)));
    if (colon < 0 || !runlevel.success) {
      d.add(a.line, 'warning', `CAIRN_SERVICES entries are RUNLEVEL:SERVICE (like default:nginx); "${word}" is not, so Cairn ignored it.`, a.name);
      continue;
    }
    out.push({ name: word.slice(colon + 1), runlevel: runlevel.data });
  }
  return out;
}

/** A Cairn on/off extension: 1 or 0 (yes/no and true/false are read too). */
export function parseSwitch(a: Assignment | undefined, d: Diagnostics): boolean {
  if (a === undefined) return false;
  if (['1', 'yes', 'true'].includes(a.value)) return true;
  if (!['0', 'no', 'false', ''].includes(a.value))
    d.add(a.line, 'warning', `${a.name} is 1 (on) or 0 (off); "${a.value}" is neither, so Cairn left it off.`, a.name);
  return false;
}
