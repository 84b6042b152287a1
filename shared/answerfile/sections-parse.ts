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
    note(
      'warning',
      `${a.name} is split at spaces by setup-alpine, so ${helper} would use only ${JSON.stringify(words[0])} and ignore ${showWords(words.slice(1))}. Cairn kept "${words.join(' ')}"; fix the value (a name with spaces does not work here).`,
    );
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

/**
 * An unset variable: the helper asks, and over SSH with stdin closed (how
 * Cairn runs it) nobody answers, so it takes its default. The profile holds
 * that default, and the note says so.
 */
export const asked = (d: Diagnostics, variable: string, helper: string, unattended: string) =>
  d.missing(variable, 'info', (state) => `${variable} is ${state}: ${helper} would ask here; unattended, it ${unattended}, and so does this profile.`);

export function parseKeymap(a: Assignment | undefined, d: Diagnostics): Profile['keymap'] {
  if (a === undefined) {
    d.missing(
      'KEYMAPOPTS',
      'info',
      (state) => `KEYMAPOPTS is ${state}: setup-alpine asks for a keymap only on a local console; over SSH (as Cairn runs it) it sets none, and neither does this profile.`,
    );
    return null;
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
    asked(d, 'HOSTNAMEOPTS', 'setup-hostname', 'keeps the current name (localhost on a freshly booted Alpine)');
    return 'localhost';
  }
  return single(readOptions(a, 'setup-hostname', 'hn:', d), 'n');
}

export function parseDevd(a: Assignment | undefined, d: Diagnostics): Profile['devd'] {
  // setup-alpine keeps mdev when DEVDOPTS is unset, without asking.
  return a === undefined ? 'mdev' : choice(readOptions(a, 'setup-devd', 'hC', d), devdSchema, 'mdev');
}

export function parseNtp(a: Assignment | undefined, d: Diagnostics): Profile['ntp'] {
  if (a !== undefined) return choice(readOptions(a, 'setup-ntp', 'h', d), ntpSchema, 'chrony');
  asked(d, 'NTPOPTS', 'setup-ntp', 'runs BusyBox ntpd');
  return 'busybox';
}

export function parseSshd(a: Assignment | undefined, d: Diagnostics): { sshd: Profile['sshd']; key: string | null } {
  if (a === undefined) {
    asked(d, 'SSHDOPTS', 'setup-sshd', 'installs OpenSSH');
    return { sshd: 'openssh', key: null };
  }
  const r = readOptions(a, 'setup-sshd', 'hc:k:', d);
  return { sshd: choice(r, sshdSchema, 'openssh', 'c'), key: lastArg(r.g, 'k') };
}

export function parseTimezone(a: Assignment | undefined, d: Diagnostics): Pick<Profile, 'timezone' | 'timezoneMode'> {
  if (a === undefined) {
    asked(d, 'TIMEZONEOPTS', 'setup-timezone', 'sets UTC');
    return { timezone: 'UTC', timezoneMode: 'copy' };
  }
  const r = readOptions(a, 'setup-timezone', 'hikz:', d);
  // -i links into tzdata; -k only matters for a copy, so -i wins over it.
  const timezoneMode = hasFlag(r.g, 'i') ? 'link' : hasFlag(r.g, 'k') ? 'copy-keep' : 'copy';
  const zone = single(r, 'z');
  return { timezone: zone === 'none' ? null : zone, timezoneMode };
}

/** What an unset variable's helper does unattended (said in the note), and the value that means; null when the helper does not run. */
export interface Unattended {
  does: string;
  value: string | null;
  /** When what it does depends on the box, so the profile's value may differ: a warning that says so instead. */
  dependsOnBox?: string;
}

/** A value that is a word, or none (proxy, LBU media, apk cache). */
export function parseNoneable(variable: string, a: Assignment | undefined, helper: string, spec: string, d: Diagnostics, unset: Unattended | null): string | null {
  if (a === undefined) {
    if (unset?.dependsOnBox !== undefined)
      d.missing(variable, 'warning', (state) => `${variable} is ${state}: ${helper} would ask here; unattended, it ${unset.does}. ${unset.dependsOnBox}`);
    else if (unset !== null) asked(d, variable, helper, unset.does);
    return unset?.value ?? null;
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

export const sshKeyLines = (value: string): string[] => (value.trim() === 'none' ? [] : value.split('\n').filter((k) => k.trim() !== ''));

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
  if (!['0', 'no', 'false', ''].includes(a.value)) d.add(a.line, 'warning', `${a.name} is 1 (on) or 0 (off); "${a.value}" is neither, so Cairn left it off.`, a.name);
  return false;
}
