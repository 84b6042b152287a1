import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import type { SshConnection } from '../ssh/connect';
import { boxConnector, boxFile } from './box-target.test-support';
import { addPackages, listPackages, listUpgradable, removePackages, upgradeAll } from './packages';

describe('packages over SSH', () => {
  let target: TestTarget;
  let box: ReturnType<typeof boxConnector>;
  let conn: SshConnection;
  beforeAll(async () => {
    target = await startOpenSshTarget();
    box = boxConnector(target);
    conn = await box.conn();
  });
  afterAll(async () => {
    await box?.cleanup();
    await target?.stop();
  });

  it('lists what the real apk has installed, marking what the world file asks for', async () => {
    const list = await listPackages(conn);
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value).toHaveLength(14);
    expect(list.value).toContainEqual({ name: 'busybox', version: '1.36.1-r29', inWorld: true });
    expect(list.value).toContainEqual({ name: 'musl', version: '1.2.5-r0', inWorld: false });
  });

  it('installs a checked name, streaming apk output, and the box then lists it', async () => {
    await target.standIns?.clearRecords();
    const output: string[] = [];
    const added = await addPackages(conn, ['htop'], { onOutput: (text) => output.push(text) });
    expect(added).toEqual({ ok: true, value: { names: ['htop'], summary: expect.stringMatching(/^OK: /) } });
    expect(output.join('')).toContain('Installing htop');
    expect((await target.standIns?.recordsOf('apk'))?.map((r) => r.argv)).toEqual([['add', '--no-progress', 'htop']]);
    const list = await listPackages(conn);
    expect(list.ok && list.value.find((p) => p.name === 'htop')).toMatchObject({ inWorld: true });
    expect(await boxFile(target, 'etc/apk/world')).toContain('htop\n');
  });

  it('refuses a name that is not a package without running anything', async () => {
    await target.standIns?.clearRecords();
    const result = await addPackages(conn, ['nano', 'vim; reboot']);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'packages.1', message: expect.stringMatching(/^"vim; reboot" is not a package name; .*Nothing was changed\.$/) },
    });
    expect(await target.standIns?.records()).toEqual([]);
  });

  it('passes apk refusing an unknown package back with its first error line', async () => {
    const result = await addPackages(conn, ['htopp']);
    expect(result).toMatchObject({ ok: false, error: { code: 'remote-failed', exitCode: 1, message: expect.stringMatching(/refused "apk add htopp": ERROR: unable to select packages:$/) } });
  });

  it('removes a package', async () => {
    expect((await removePackages(conn, ['htop'])).ok).toBe(true);
    const list = await listPackages(conn);
    expect(list.ok && list.value.some((p) => p.name === 'htop')).toBe(false);
  });

  it('says the indexes are missing rather than that everything is up to date', async () => {
    expect(await listUpgradable(conn)).toEqual({ ok: true, value: { packages: [], indexesMissing: true } });
  });

  it('upgrades everything with live output', async () => {
    await target.standIns?.clearRecords();
    const output: string[] = [];
    const result = await upgradeAll(conn, { onOutput: (text, stream) => output.push(`${stream}:${text}`) });
    expect(result).toEqual({ ok: true, value: { summary: expect.stringMatching(/^OK: \d+ packages, 0 upgraded$/) } });
    expect(output.join('')).toMatch(/^stdout:OK: /);
    expect((await target.standIns?.recordsOf('apk'))?.map((r) => r.argv)).toEqual([['-U', '--no-progress', 'upgrade']]);
  });
});
