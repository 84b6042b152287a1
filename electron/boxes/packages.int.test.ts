import { describe, expect, it } from 'vitest';
import { connectedBox, boxFile } from './box-target.test-support';
import { addPackages, listPackages, listUpgradable, removePackages, upgradeAll } from './packages';

describe('packages over SSH', () => {
  const env = connectedBox();

  it('lists what the real apk has installed, marking what the world file asks for', async () => {
    const list = await listPackages(env.conn);
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value).toHaveLength(14);
    expect(list.value).toContainEqual({ name: 'busybox', version: '1.36.1-r29', inWorld: true });
    expect(list.value).toContainEqual({ name: 'musl', version: '1.2.5-r0', inWorld: false });
  });

  it('installs a checked name, streaming apk output, and the box then lists it', async () => {
    await env.target.standIns?.clearRecords();
    const output: string[] = [];
    const added = await addPackages(env.conn, ['htop'], { onOutput: (text) => output.push(text) });
    expect(added).toEqual({ ok: true, value: { names: ['htop'], summary: expect.stringMatching(/^OK: /) } });
    expect(output.join('')).toContain('Installing htop');
    expect((await env.target.standIns?.recordsOf('apk'))?.map((r) => r.argv)).toEqual([['add', '--no-progress', 'htop']]);
    const list = await listPackages(env.conn);
    expect(list.ok && list.value.find((p) => p.name === 'htop')).toMatchObject({ inWorld: true });
    expect(await boxFile(env.target, 'etc/apk/world')).toContain('htop\n');
  });

  it('refuses a name that is not a package without running anything', async () => {
    await env.target.standIns?.clearRecords();
    const result = await addPackages(env.conn, ['nano', 'vim; reboot']);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'packages.1', message: expect.stringMatching(/^"vim; reboot" is not a package name; .*Nothing was changed\.$/) },
    });
    expect(await env.target.standIns?.records()).toEqual([]);
  });

  it('passes apk refusing an unknown package back with its first error line', async () => {
    const result = await addPackages(env.conn, ['htopp']);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'remote-failed', exitCode: 1, message: expect.stringMatching(/refused "apk add htopp": ERROR: unable to select packages:$/) },
    });
  });

  it('removes a package', async () => {
    expect((await removePackages(env.conn, ['htop'])).ok).toBe(true);
    const list = await listPackages(env.conn);
    expect(list.ok && list.value.some((p) => p.name === 'htop')).toBe(false);
  });

  it('says the indexes are missing rather than that everything is up to date', async () => {
    expect(await listUpgradable(env.conn)).toEqual({ ok: true, value: { packages: [], indexesMissing: true } });
  });

  it('upgrades everything with live output', async () => {
    await env.target.standIns?.clearRecords();
    const output: string[] = [];
    const result = await upgradeAll(env.conn, { onOutput: (text, stream) => output.push(`${stream}:${text}`) });
    expect(result).toEqual({ ok: true, value: { summary: expect.stringMatching(/^OK: \d+ packages, 0 upgraded$/) } });
    expect(output.join('')).toMatch(/^stdout:OK: /);
    expect((await env.target.standIns?.recordsOf('apk'))?.map((r) => r.argv)).toEqual([['-U', '--no-progress', 'upgrade']]);
  });

  it('stops an apk change that runs past its overall limit even while it prints, and leaves nothing running', async () => {
    await env.target.standIns?.control({ apk: { lineDelayMs: 200, startDelayMs: 60_000 } });
    try {
      const started = Date.now();
      const result = await upgradeAll(env.conn, { timeoutMs: 1500 });
      expect(result).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringContaining('was still running after 1.5 s') } });
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect.poll(() => env.target.processes().filter((p) => /\bapk\b/.test(p.command))).toEqual([]);
    } finally {
      await env.target.standIns?.control({});
    }
  });
});
