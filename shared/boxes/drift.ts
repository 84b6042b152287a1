import type { Profile } from '../profile';
import { isPackageName } from '../profile/package-name';
import { op, sh } from '../shell';
import type { BoxFacts } from './facts';
import { isRunlevelName } from './commands';
import { isServiceName } from './rc-status';
import type { Parts } from './sections';
import { sameZone } from './system';

/** The profile sections drift compares, named as the profile names them. */
export type DriftField = 'hostname' | 'timezone' | 'apkRepos' | 'packages' | 'services';

/** A command that makes one part of the box match its profile again. */
export interface FixStep {
  /** Stable: `hostname`, `timezone`, `repositories`, `packages`, `services`. */
  id: string;
  title: string;
  /** One command line built from quoted parts, run as root. */
  command: string;
}

export interface Drift {
  field: DriftField;
  /** The package, service (`nginx@default`) or repository URL the row is about; null for a single-valued field. */
  item: string | null;
  expected: string;
  actual: string;
  /** null when Cairn cannot put it right by itself (the reason is in `actual`). */
  fix: FixStep | null;
}

const step = (id: string, title: string, parts: Parts): FixStep => ({ id, title, command: sh(...parts) });

const writeHostname = (name: string) => step('hostname', `Set the hostname to ${name}`, ['printf', '%s\\n', name, op('>'), '/etc/hostname']);
const setTimezone = (zone: string) => step('timezone', `Set the time zone to ${zone}`, ['setup-timezone', zone]);
const appendRepositories = (urls: readonly string[]) =>
  step('repositories', `Add ${urls.length === 1 ? 'a repository' : `${urls.length} repositories`}`, ['printf', '%s\\n', ...urls, op('>>'), '/etc/apk/repositories']);
const addPackages = (names: readonly string[]) => step('packages', `Install ${names.join(', ')}`, ['apk', 'add', '--no-progress', ...names]);
const enableServices = (services: ReadonlyArray<{ name: string; runlevel: string }>) =>
  step(
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

/**
 * How the box differs from the profile it was installed from, in what the
 * profile sets and a running box keeps: hostname, time zone, repositories,
 * packages asked for and services per runlevel. Only what is missing counts:
 * packages and services the box has beyond the profile are its own business.
 */
export function drift(profile: Profile, facts: BoxFacts): Drift[] {
  const out: Drift[] = [];

  if (facts.hostname !== profile.hostname) {
    out.push({
      field: 'hostname',
      item: null,
      expected: profile.hostname,
      actual: facts.hostname ?? 'no /etc/hostname',
      fix: isHostname(profile.hostname) ? writeHostname(profile.hostname) : null,
    });
  }

  if (profile.timezone !== null && (facts.timezone === null || !sameZone(facts.timezone, profile.timezone))) {
    out.push({
      field: 'timezone',
      item: null,
      expected: profile.timezone,
      actual: facts.timezone ?? '/etc/localtime names no zone',
      fix: isZone(profile.timezone) ? setTimezone(profile.timezone) : null,
    });
  }

  const have = new Set(facts.repositories.map((r) => trimSlash(r.url)));
  const missingRepos = expectedRepositories(profile, facts.repositories.filter((r) => r.tag === null).map((r) => r.url)).filter((u) => !have.has(trimSlash(u)));
  const repoFix = missingRepos.every(isRepoUrl) && missingRepos.length > 0 ? appendRepositories(missingRepos) : null;
  for (const url of missingRepos) out.push({ field: 'apkRepos', item: url, expected: 'listed in /etc/apk/repositories', actual: 'missing', fix: repoFix });

  const world = new Set(facts.world);
  const missingPackages = [...new Set(profile.packages)].filter((n) => !world.has(n));
  const installable = missingPackages.filter(isPackageName);
  const packageFix = installable.length > 0 ? addPackages(installable) : null;
  for (const name of missingPackages) {
    const ok = isPackageName(name);
    out.push({ field: 'packages', item: name, expected: 'installed', actual: ok ? 'not installed' : 'not installed (not a package name)', fix: ok ? packageFix : null });
  }

  const seen = new Set<string>();
  const missingServices = profile.services.filter((s) => {
    const key = `${s.name}@${s.runlevel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !(facts.runlevels[s.runlevel] ?? []).includes(s.name);
  });
  const enableable = missingServices.filter((s) => isServiceName(s.name) && isRunlevelName(s.runlevel));
  const serviceFix = enableable.length > 0 ? enableServices(enableable) : null;
  for (const s of missingServices) {
    const elsewhere = Object.entries(facts.runlevels).filter(([, list]) => list.includes(s.name)).map(([level]) => level);
    out.push({
      field: 'services',
      item: `${s.name}@${s.runlevel}`,
      expected: `in the ${s.runlevel} runlevel`,
      actual: elsewhere.length > 0 ? `only in ${elsewhere.join(', ')}` : 'in no runlevel',
      fix: enableable.includes(s) ? serviceFix : null,
    });
  }
  return out;
}

/**
 * The commands that put the drift right, each once and in a working order:
 * repositories before the packages that may come from them, packages before
 * the services they ship. Empty when nothing can be fixed.
 */
export function fixSteps(drifts: readonly Drift[]): FixStep[] {
  const order = ['hostname', 'timezone', 'repositories', 'packages', 'services'];
  const steps = new Map<string, FixStep>();
  for (const d of drifts) if (d.fix !== null && !steps.has(d.fix.id)) steps.set(d.fix.id, d.fix);
  return [...steps.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}
