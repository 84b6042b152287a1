import { describe, expect, it } from 'vitest';
import type { TestTarget } from '../../e2e/target';
import { defaultProfile, type Profile } from '../../shared/profile';
import { connectedBox, boxFile } from './box-target.test-support';
import { applyDrift, checkDrift } from './drift';

const V321 = 'https://dl-cdn.alpinelinux.org/alpine/v3.21';

const profile = (): Profile => ({
  ...defaultProfile(),
  hostname: 'cairn-box',
  timezone: 'UTC',
  apkRepos: { mode: 'urls', urls: [`${V321}/main`], community: true },
  packages: ['htop', 'nginx'],
  services: [
    { name: 'nginx', runlevel: 'default' },
    { name: 'crond', runlevel: 'boot' },
  ],
});

/** The stand-in calls that change the box (facts read through apk version and lbu status too). */
const changes = async (target: TestTarget) =>
  ((await target.standIns?.records()) ?? [])
    .filter((r) => (r.tool === 'apk' && ['add', 'del'].includes(r.argv[0] ?? '')) || r.tool === 'rc-update' || r.tool === 'rc-service')
    .map((r) => `${r.tool} ${r.argv.join(' ')}`);

describe('drift between a box and its profile', () => {
  const env = connectedBox();

  it('finds what the fresh box lacks', async () => {
    const found = await checkDrift(env.conn, profile());
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.drift.map((d) => [d.field, d.item ?? d.expected])).toEqual([
      ['hostname', 'cairn-box'],
      ['apkRepos', `${V321}/main`],
      ['apkRepos', `${V321}/community`],
      ['packages', 'htop'],
      ['packages', 'nginx'],
      ['services', 'nginx@default'],
      ['services', 'crond@boot'],
    ]);
  });

  it('applies only the missing steps, after which the box matches; a second apply runs nothing', async () => {
    const log: string[] = [];
    const first = await applyDrift(env.conn, profile(), { onOutput: (text, stream) => stream === 'cairn' && log.push(text) });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.ran.map((s) => s.id)).toEqual(['hostname', 'repositories', 'packages', 'services']);
    expect(first.value.remaining).toEqual([]);
    expect(log).toEqual(['Set the hostname to cairn-box\n', 'Add 2 repositories\n', 'Install htop, nginx\n', 'Enable nginx (default), crond (boot)\n']);
    expect(await changes(env.target)).toEqual(['apk add --no-progress htop nginx', 'rc-update add nginx default', 'rc-update add crond boot']);
    expect(await boxFile(env.target, 'etc/hostname')).toBe('cairn-box\n');
    const repositories = await boxFile(env.target, 'etc/apk/repositories');
    expect(repositories.endsWith(`/v3.20/community\n${V321}/main\n${V321}/community\n`)).toBe(true);

    const again = await applyDrift(env.conn, profile());
    expect(again).toEqual({ ok: true, value: { ran: [], remaining: [] } });
    expect(await changes(env.target)).toHaveLength(3);
    expect(await boxFile(env.target, 'etc/apk/repositories')).toBe(repositories);
    expect(await checkDrift(env.conn, profile())).toMatchObject({ ok: true, value: { drift: [] } });
  });

  it('stops at the first step the box refuses, naming the box and its error', async () => {
    // setup-timezone refuses a zone the box has no zone file for.
    const result = await applyDrift(env.conn, { ...profile(), hostname: 'renamed', timezone: 'Mars/Base' }, { label: 'cairn-box' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'remote-failed', exitCode: 1, message: 'cairn-box refused "Set the time zone to Mars/Base": \'Mars/Base\' is not a valid timezone on this system' },
    });
    expect(await boxFile(env.target, 'etc/hostname')).toBe('renamed\n');
  });
});
