import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { freePort } from '../../e2e/target/net';
import { boxConnector, writeBoxFile } from './box-target.test-support';
import { gatherFacts } from './facts';
import { refreshMany } from './refresh-many';

describe('box facts over SSH on the Alpine chroot', () => {
  let target: TestTarget;
  let box: ReturnType<typeof boxConnector>;
  beforeAll(async () => {
    target = await startOpenSshTarget();
    box = boxConnector(target);
  });
  afterAll(async () => {
    await box?.cleanup();
    await target?.stop();
  });

  it('reads the real Alpine userland in one command', async () => {
    const conn = await box.conn();
    const facts = await gatherFacts(conn);
    expect(facts.ok && facts.value).toMatchObject({
      alpineVersion: '3.20.3',
      hostname: 'localhost',
      arch: 'x86_64',
      storage: 'diskless',
      timezone: 'UTC',
      world: ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'libc-utils'],
      lbu: { media: null, uncommitted: 0, problem: null },
      upgrades: { count: 0, indexesMissing: true },
    });
    const records = (await target.standIns?.records()) ?? [];
    expect(records.map((r) => `${r.tool} ${r.argv.join(' ')}`)).toEqual(['lbu status', 'apk version -l <']);
  });

  it('counts a changed file in /etc as an uncommitted LBU change', async () => {
    await writeBoxFile(target, 'etc/motd', 'Managed by Cairn\n');
    const facts = await gatherFacts(await box.conn());
    expect(facts.ok && facts.value.lbu.uncommitted).toBe(1);
  });

  it('reads many boxes at once, and a stopped one comes back unreachable with the reason', async () => {
    const other = await startOpenSshTarget();
    const closed = await freePort();
    await other.stop();
    const seen: string[] = [];
    const outcomes = await refreshMany(
      [
        { id: 'up', connect: () => box.open() },
        { id: 'stopped', connect: () => box.open(other.port) },
        { id: 'nothing-listens', connect: () => box.open(closed) },
      ],
      { concurrency: 2, onResult: (o) => seen.push(o.id) },
    );
    expect(outcomes.map((o) => o.id)).toEqual(['up', 'stopped', 'nothing-listens']);
    expect(outcomes[0]).toMatchObject({ ok: true, facts: { alpineVersion: '3.20.3' } });
    for (const down of outcomes.slice(1)) {
      expect(down).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/refused the connection: check that an SSH server runs there/) } });
    }
    expect(seen.sort()).toEqual(['nothing-listens', 'stopped', 'up']);
  });
});
