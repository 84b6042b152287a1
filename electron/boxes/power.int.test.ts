import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { freePort } from '../../e2e/target/net';
import { freshTrust } from '../../e2e/target/ssh-trust.test-support';
import { connect, type SshConnection } from '../ssh/connect';
import { boxConnector, writeBoxFile } from './box-target.test-support';
import { lbuCommit } from './lbu';
import { poweroff, reboot, waitUntilBack } from './power';
import { runOnBox } from './run-on-box';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('reboot and power-off over SSH', () => {
  let target: TestTarget;
  let box: ReturnType<typeof boxConnector>;
  let conn: SshConnection;
  // The chroot's reboot, poweroff and halt are stand-ins that record the call (the real ones would signal the host's init).
  const shutdowns = async () => ((await target.standIns?.records()) ?? []).filter((r) => ['reboot', 'poweroff', 'halt'].includes(r.tool)).map((r) => [r.tool, ...r.argv].join(' '));
  beforeAll(async () => {
    target = await startOpenSshTarget();
    box = boxConnector(target);
    conn = await box.conn();
    const lbu = await runOnBox(conn, ['setup-lbu', 'usb'], 'setup-lbu usb');
    if (!lbu.ok) throw new Error(lbu.error.message);
    const saved = await lbuCommit(conn, 'lbu set up');
    if (!saved.ok) throw new Error(saved.error.message);
  });
  afterAll(async () => {
    await box?.cleanup();
    await target?.stop();
  });

  it('refuses to reboot or power off while lbu has uncommitted changes, and runs nothing', async () => {
    await writeBoxFile(target, 'etc/motd', 'changed\n');
    const refused = await reboot(conn, { label: 'kitchen-pi' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'unsaved-changes',
        uncommitted: 1,
        message: 'kitchen-pi runs from RAM and has 1 change not saved with lbu commit: a reboot loses it. Save with lbu commit first, or reboot anyway.',
      },
    });
    expect(await poweroff(conn)).toMatchObject({ ok: false, error: { code: 'unsaved-changes' } });
    expect(await shutdowns()).toEqual([]);
  });

  it('reboots anyway when forced', async () => {
    const output: string[] = [];
    expect(await reboot(conn, { force: true, onOutput: (text, stream) => output.push(`${stream}:${text}`) })).toEqual({
      ok: true,
      value: { action: 'reboot', previousBootId: null },
    });
    expect(output[0]).toMatch(/^cairn:Rebooting 127\.0\.0\.1:\d+\n$/);
    expect(await shutdowns()).toEqual(['reboot']);
  });

  it('powers off without asking once the changes are committed', async () => {
    expect((await lbuCommit(conn, 'before power-off')).ok).toBe(true);
    expect((await poweroff(conn)).ok).toBe(true);
    expect(await shutdowns()).toEqual(['reboot', 'poweroff']);
  });

  it('waits until the box answers again after it went away', async () => {
    const closed = await freePort();
    const ports = [closed, closed, target.port];
    let calls = 0;
    const back = await waitUntilBack(() => box.open(ports[Math.min(calls++, ports.length - 1)]), { timeoutMs: 30_000, intervalMs: 50 });
    // The reboot stand-in started a "new boot", so the box has a boot id now.
    expect(back).toMatchObject({ ok: true, value: { attempts: 3, bootId: expect.stringMatching(UUID) } });
    if (back.ok) await back.value.conn.close();
  });

  it('tells the new boot from the old one by its boot id', async () => {
    const down = await reboot(conn, { force: true });
    if (!down.ok) throw new Error(down.error.message);
    const before = down.value.previousBootId;
    expect(before).toMatch(UUID);
    const back = await waitUntilBack(() => box.open(), { timeoutMs: 30_000, intervalMs: 50, previousBootId: before });
    expect(back).toMatchObject({ ok: true, value: { attempts: 1, bootId: expect.stringMatching(UUID) } });
    if (back.ok) {
      expect(back.value.bootId).not.toBe(before);
      await back.value.conn.close();
    }
  });

  it('gives up after its time limit, saying why the last attempt failed', async () => {
    const closed = await freePort();
    const result = await waitUntilBack(() => box.open(closed), { timeoutMs: 300, intervalMs: 50, label: 'kitchen-pi' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'timeout', message: expect.stringMatching(/^kitchen-pi did not come back within 0\.3 s: check it at its console\. Last attempt: .*refused the connection/) },
    });
  });

  it('stops waiting at once when the box comes back with a host key Cairn does not know', async () => {
    const trust = freshTrust();
    let calls = 0;
    const result = await waitUntilBack(
      () => {
        calls++;
        return connect({ host: target.host, port: target.port, username: target.user, auth: { kind: 'key', privateKeyPath: target.privateKeyPath }, trust });
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    trust.cleanup();
    expect(result).toMatchObject({ ok: false, error: { code: 'host-key-unknown' } });
    expect(calls).toBe(1);
  });
});
