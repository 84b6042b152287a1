import { describe, expect, it } from 'vitest';
import { defaultProfile, type Profile } from '../profile';
import { runWithShims } from '../plan/shims.test-support';
import { drift, fixSteps } from './drift';
import { parseFacts, type BoxFacts } from './facts';
import { fixture } from './fixtures.test-support';

const pi = (): BoxFacts => {
  const facts = parseFacts(fixture('facts.diskless.documented.txt'));
  if (facts === null) throw new Error('fixture unreadable');
  return facts;
};

/** The profile the Pi of the fixture was installed from: it matches in every field drift compares. */
const piProfile = (): Profile => ({
  ...defaultProfile(),
  hostname: 'pi-sensor',
  timezone: 'Europe/Berlin',
  apkRepos: { mode: 'urls', urls: ['http://dl-cdn.alpinelinux.org/alpine/v3.20/main'], community: false },
  packages: ['mosquitto', 'chrony'],
  services: [
    { name: 'mosquitto', runlevel: 'default' },
    { name: 'sshd', runlevel: 'default' },
  ],
});

describe('drift', () => {
  it('finds nothing when the box matches its profile, extra packages and services notwithstanding', () => {
    expect(drift(piProfile(), pi())).toEqual([]);
  });

  it('reports each missing part with what was expected and what is there', () => {
    const profile: Profile = {
      ...piProfile(),
      hostname: 'pi-kitchen',
      timezone: 'Europe/Paris',
      apkRepos: { mode: 'urls', urls: ['http://dl-cdn.alpinelinux.org/alpine/v3.20/main/'], community: true },
      packages: ['mosquitto', 'htop', 'nftables'],
      services: [
        { name: 'nftables', runlevel: 'boot' },
        { name: 'sshd', runlevel: 'boot' },
      ],
    };
    expect(drift(profile, pi()).map(({ field, item, expected, actual }) => ({ field, item, expected, actual }))).toEqual([
      { field: 'hostname', item: null, expected: 'pi-kitchen', actual: 'pi-sensor' },
      { field: 'timezone', item: null, expected: 'Europe/Paris', actual: 'Europe/Berlin' },
      { field: 'apkRepos', item: 'http://dl-cdn.alpinelinux.org/alpine/v3.20/community/', expected: 'listed in /etc/apk/repositories', actual: 'missing' },
      { field: 'packages', item: 'htop', expected: 'installed', actual: 'not installed' },
      { field: 'packages', item: 'nftables', expected: 'installed', actual: 'not installed' },
      { field: 'services', item: 'nftables@boot', expected: 'in the boot runlevel', actual: 'in no runlevel' },
      { field: 'services', item: 'sshd@boot', expected: 'in the boot runlevel', actual: 'only in default' },
    ]);
  });

  it('fixes everything with one command per field, repositories before packages before services', () => {
    const profile: Profile = { ...piProfile(), hostname: "pi-kitchen", timezone: 'Europe/Paris', packages: ['htop', 'nftables'], services: [{ name: 'nftables', runlevel: 'boot' }, { name: 'sshd', runlevel: 'boot' }] };
    const steps = fixSteps(drift(profile, pi()));
    expect(steps.map((s) => [s.id, s.command])).toEqual([
      ['hostname', "printf '%s\\n' pi-kitchen > /etc/hostname"],
      ['timezone', 'setup-timezone Europe/Paris'],
      ['packages', 'apk add --no-progress htop nftables'],
      ['services', 'rc-update add nftables boot && rc-update add sshd boot'],
    ]);
  });

  it('runs the tools with exactly the profile values, through a real shell', () => {
    const profile: Profile = { ...piProfile(), timezone: 'America/Argentina/Buenos_Aires', packages: ['py3-yaml'], services: [{ name: 'mosquitto', runlevel: 'boot' }] };
    const commands = fixSteps(drift(profile, pi())).map((s) => s.command).join(' && ');
    const run = runWithShims(commands, ['setup-timezone', 'apk', 'rc-update']);
    expect(run.status).toBe(0);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([
      ['setup-timezone', 'America/Argentina/Buenos_Aires'],
      ['apk', 'add', '--no-progress', 'py3-yaml'],
      ['rc-update', 'add', 'mosquitto', 'boot'],
    ]);
  });

  it('asks for community beside every main repository when a mirror mode enables it', () => {
    const profile: Profile = { ...piProfile(), apkRepos: { mode: 'first', urls: [], community: true } };
    const found = drift(profile, pi());
    expect(found.map((d) => d.item)).toEqual(['http://dl-cdn.alpinelinux.org/alpine/v3.20/community']);
    expect(found[0]?.fix?.command).toBe("printf '%s\\n' http://dl-cdn.alpinelinux.org/alpine/v3.20/community >> /etc/apk/repositories");
    expect(drift({ ...profile, apkRepos: { mode: 'none', urls: [], community: true } }, pi())).toEqual([]);
  });

  it('treats UTC and Etc/UTC as the same zone, and ignores the zone when the profile sets none', () => {
    const facts = { ...pi(), timezone: 'Etc/UTC' };
    expect(drift({ ...piProfile(), timezone: 'UTC' }, facts)).toEqual([]);
    expect(drift({ ...piProfile(), timezone: null }, facts)).toEqual([]);
  });

  it('offers no fix for a value that is not safe to apply, and says so', () => {
    const found = drift({ ...piProfile(), packages: ['mosquitto', 'bad name'], hostname: '-x' }, pi());
    expect(found.map((d) => [d.field, d.fix])).toEqual([
      ['hostname', null],
      ['packages', null],
    ]);
    expect(found[1]?.actual).toBe('not installed (not a package name)');
    expect(fixSteps(found)).toEqual([]);
  });

  it('is empty after the box takes the fixes, so a second apply runs nothing', () => {
    const profile: Profile = { ...piProfile(), hostname: 'pi-kitchen', packages: ['htop'], services: [{ name: 'htop', runlevel: 'default' }] };
    const before = pi();
    expect(fixSteps(drift(profile, before))).toHaveLength(3);
    const after: BoxFacts = {
      ...before,
      hostname: 'pi-kitchen',
      world: [...before.world, 'htop'],
      runlevels: { ...before.runlevels, default: [...(before.runlevels.default ?? []), 'htop'] },
    };
    expect(fixSteps(drift(profile, after))).toEqual([]);
  });
});
