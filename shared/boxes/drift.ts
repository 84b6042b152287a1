import { wifiPackages } from '../plan/plan';
import { chpasswdLine } from '../plan/user-steps';
import type { Profile } from '../profile';
import { isPackageName } from '../profile/package-name';
import { op } from '../shell';
import { isRunlevelName } from './commands';
import { FIX_ORDER, fixStep, row, type Drift, type DriftInput, type FixStep } from './drift-core';
import { dnsDrift } from './drift-dns';
import { interfacesDrift } from './drift-interfaces';
import { renderInterfaces } from '../answerfile/interfaces-render';
import { wifiConfigPath } from '../answerfile/wifi-config';
import { keymapDrift } from './drift-keymap';
import { lbuDrift } from './drift-lbu';
import { ntpDrift } from './drift-ntp';
import { proxyDrift } from './drift-proxy';
import { sshdDrift } from './drift-sshd';
import { userDrift } from './drift-user';
import type { BoxConfig } from './facts-config';
import type { BoxFacts } from './facts';
import { isServiceName } from './rc-status';
import { sameZone } from './system';

export { DRIFT_SECTIONS, FIX_ORDER, lineDiff, type DiffLine, type Drift, type DriftInput, type DriftSection, type FixStep } from './drift-core';

const writeHostname = (name: string) => fixStep('hostname', 'hostname', `Set the hostname to ${name}`, ['printf', '%s\\n', name, op('>'), '/etc/hostname']);
const setTimezone = (zone: string) => fixStep('timezone', 'timezone', `Set the time zone to ${zone}`, ['setup-timezone', zone]);
const appendRepositories = (urls: readonly string[]) =>
  fixStep('repositories', 'apkrepos', `Add ${urls.length === 1 ? 'a repository' : `${urls.length} repositories`}`, ['printf', '%s\\n', ...urls, op('>>'), '/etc/apk/repositories']);
const addPackages = (names: readonly string[]) => fixStep('packages', 'packages', `Install ${names.join(', ')}`, ['apk', 'add', '--no-progress', ...names]);
const enableServices = (services: ReadonlyArray<{ name: string; runlevel: string }>) =>
  fixStep(
    'services',
    'services',
    `Enable ${services.map((s) => `${s.name} (${s.runlevel})`).join(', ')}`,
    services.flatMap((s, n) => [...(n > 0 ? [op('&&')] : []), 'rc-update', 'add', s.name, s.runlevel]),
  );

const isHostname = (h: string) => /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(h) && h.length <= 253;
const isZone = (z: string) => /^[A-Za-z0-9][A-Za-z0-9_+./-]*$/.test(z) && !z.includes('..');
const isRepoUrl = (u: string) => /^(https?|ftp):\/\/\S+$|^\/\S+$/.test(u);
const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** The repository lines the profile asks for, when it names them; mirror modes pick theirs on the box. */
function expectedRepositories(p: Profile, actual: readonly string[]): string[] {
  const { mode, urls, community } = p.apkRepos;
  const wanted = mode === 'urls' ? [...urls] : [];
  if (community && mode !== 'none') {
    // setup-apkrepos -c adds the community sibling of every …/main it writes.
    for (const u of mode === 'urls' ? urls : actual) {
      const m = /^(.*\/)main(\/?)$/.exec(u);
      if (m !== null) wanted.push(`${m[1]}community${m[2]}`);
    }
  }
  return [...new Set(wanted)];
}

function hostnameDrift({ profile, facts }: DriftInput): Drift[] {
  if (facts.hostname === profile.hostname) return [];
  return [
    row({
      field: 'hostname',
      item: null,
      expected: profile.hostname,
      actual: facts.hostname ?? 'no /etc/hostname',
      fix: isHostname(profile.hostname) ? writeHostname(profile.hostname) : null,
    }),
  ];
}

function timezoneDrift({ profile, facts }: DriftInput): Drift[] {
  if (profile.timezone === null || (facts.timezone !== null && sameZone(facts.timezone, profile.timezone))) return [];
  return [
    row({
      field: 'timezone',
      item: null,
      expected: profile.timezone,
      actual: facts.timezone ?? '/etc/localtime names no zone',
      fix: isZone(profile.timezone) ? setTimezone(profile.timezone) : null,
    }),
  ];
}

function repositoriesDrift({ profile, facts }: DriftInput): Drift[] {
  const have = new Set(facts.repositories.map((r) => trimSlash(r.url)));
  const missing = expectedRepositories(
    profile,
    facts.repositories.filter((r) => r.tag === null).map((r) => r.url),
  ).filter((u) => !have.has(trimSlash(u)));
  const fix = missing.every(isRepoUrl) && missing.length > 0 ? appendRepositories(missing) : null;
  return missing.map((url) => row({ field: 'apkrepos', item: url, expected: 'listed in /etc/apk/repositories', actual: 'missing', fix }));
}

/** The profile's packages, and those its wifi needs (the plan installs them too). */
function packagesDrift({ profile, facts }: DriftInput): Drift[] {
  const world = new Set(facts.world);
  const missing = [...new Set([...profile.packages, ...wifiPackages(profile)])].filter((n) => !world.has(n));
  const installable = missing.filter(isPackageName);
  const fix = installable.length > 0 ? addPackages(installable) : null;
  return missing.map((name) => {
    const ok = isPackageName(name);
    return row({ field: 'packages', item: name, expected: 'installed', actual: ok ? 'not installed' : 'not installed (not a package name)', fix: ok ? fix : null });
  });
}

function servicesDrift({ profile, facts }: DriftInput): Drift[] {
  const seen = new Set<string>();
  const missing = profile.services.filter((s) => {
    const key = `${s.name}@${s.runlevel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !(facts.runlevels[s.runlevel] ?? []).includes(s.name);
  });
  const enableable = missing.filter((s) => isServiceName(s.name) && isRunlevelName(s.runlevel));
  const fix = enableable.length > 0 ? enableServices(enableable) : null;
  return missing.map((s) => {
    const elsewhere = Object.entries(facts.runlevels)
      .filter(([, list]) => list.includes(s.name))
      .map(([level]) => level);
    return row({
      field: 'services',
      item: `${s.name}@${s.runlevel}`,
      expected: `in the ${s.runlevel} runlevel`,
      actual: elsewhere.length > 0 ? `only in ${elsewhere.join(', ')}` : 'in no runlevel',
      fix: enableable.includes(s) ? fix : null,
    });
  });
}

/** Every section in setup-alpine's order, then Cairn's packages and services, then lbu and the apk cache. */
const SECTIONS: ReadonlyArray<(input: DriftInput) => Drift[]> = [
  keymapDrift,
  hostnameDrift,
  interfacesDrift,
  dnsDrift,
  timezoneDrift,
  proxyDrift,
  repositoriesDrift,
  ntpDrift,
  userDrift,
  sshdDrift,
  packagesDrift,
  servicesDrift,
  lbuDrift,
];

export interface DriftOptions {
  /** false for a receipt's profile: its secrets were taken out (see DriftInput). */
  secretsKnown?: boolean;
}

/**
 * How the box differs from a profile, section by section, in what the
 * profile sets and a running box keeps. Only what is missing or different
 * counts: packages, services, groups and keys the box has beyond the
 * profile are its own business.
 */
export function drift(profile: Profile, facts: BoxFacts, config: BoxConfig, options: DriftOptions = {}): Drift[] {
  const input: DriftInput = { profile, facts, config, secretsKnown: options.secretsKnown ?? true };
  return SECTIONS.flatMap((section) => section(input));
}

/**
 * The commands that put the drift right, each once and in a working order:
 * repositories before everything that may install from them, setup-alpine's
 * order after, packages before the services they ship. Guarded steps are
 * among them, marked: a plain apply leaves them to confirm-or-revert.
 */
export function fixSteps(drifts: readonly Drift[]): FixStep[] {
  const order: readonly string[] = FIX_ORDER;
  const steps = new Map<string, FixStep>();
  for (const d of drifts) if (d.fix !== null && !steps.has(d.fix.id)) steps.set(d.fix.id, d.fix);
  return [...steps.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/**
 * What a fix step reads on stdin, when it needs a secret or a whole file
 * (never part of its command): the interfaces file, a password hash.
 */
export function fixInput(step: FixStep, profile: Profile): string | undefined {
  if (step.id === 'interfaces') return renderInterfaces(profile.interfaces, { wifiConfigPath });
  if (step.id === 'user-password' && profile.user?.passwordHash) return chpasswdLine(profile.user.name, profile.user.passwordHash);
  return undefined;
}
