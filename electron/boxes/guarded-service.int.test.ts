import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { waitForSshBanner } from '../../e2e/target/net';
import { createTestNetwork, staticInterfaces, type TestNetwork } from '../../e2e/target/test-network';
import { boxHarness, valueOf, type BoxHarness } from '../ipc/box-harness.test-support';

// The Boxes service's risky actions through the real handler table, on a box
// whose networking service really takes its address away.

let net: TestNetwork;
let box: TestTarget;
let h: BoxHarness;

const answers = (host: string) =>
  waitForSshBanner(host, 22, () => null, 2000).then(
    () => true,
    () => false,
  );
const rcCalls = async () => ((await box.standIns?.recordsOf('rc-service')) ?? []).map((r) => r.argv.join(' '));

beforeAll(async () => {
  net = await createTestNetwork();
  box = await startOpenSshTarget({ netns: { name: net.name, address: net.address(2), interfaces: staticInterfaces(net.address(2)) } });
});
afterAll(async () => {
  await box?.stop();
  await net?.remove();
});
beforeEach(async () => {
  h = await boxHarness();
});
afterEach(() => h.cleanup());

describe('a service action that can cut Cairn off', () => {
  it('stopping networking: the box starts it again by itself when Cairn cannot reach it, and the run says what happened', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const before = (await rcCalls()).length;
    const done = await valueOf(h.call('boxes:service-action', { targetId: id, name: 'networking', action: 'stop', windowSeconds: 5 }));
    expect(done).toMatchObject({ name: 'networking', action: 'stop', guarded: { outcome: 'reverted', why: 'timeout', at: net.address(2), windowSeconds: 5 } });
    expect(done.guarded?.summary).toBe(
      `Cairn could not reach shed-pi within 5 s of the change, so the box put everything back by itself; it answers at ${net.address(2)} as before.`,
    );
    // It really was stopped (nothing answered), and really started again.
    expect((await rcCalls()).slice(before)).toEqual(['networking stop', 'networking start']);
    expect(await answers(net.address(2))).toBe(true);
    const summary = await h.summaryOf(done.runId);
    expect(summary).toMatchObject({ status: 'succeeded', action: { kind: 'service-action', title: 'Stop networking (confirm or revert)' } });
    const log = await h.logOf(done.runId);
    expect(log).toContain('starting its revert timer (5 s)');
    expect(log).toContain('box: ');
    expect(log).toContain('undoing the change (timeout)');
  });

  it('restarting sshd: Cairn reaches the box again and confirms, so nothing is undone', async () => {
    // A box with OpenSSH installed has its service script.
    await writeFile(path.join(box.root ?? '', 'etc/init.d/sshd'), '#!/sbin/openrc-run\n', { mode: 0o755 });
    const id = await h.addTarget(box, 'shed-pi');
    const before = (await rcCalls()).length;
    const done = await valueOf(h.call('boxes:service-action', { targetId: id, name: 'sshd', action: 'restart', windowSeconds: 5 }));
    expect(done.guarded).toMatchObject({ outcome: 'confirmed', at: net.address(2) });
    expect(done.guarded?.movedTo).toBeUndefined();
    await new Promise((r) => setTimeout(r, 6500));
    expect((await rcCalls()).slice(before)).toEqual(['sshd restart']);
  });

  it('restarting a service the box lacks: the change fails there, the box puts it back at once, and Cairn says why', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const done = await valueOf(h.call('boxes:service-action', { targetId: id, name: 'dropbear', action: 'restart', windowSeconds: 60 }));
    expect(done.guarded).toMatchObject({ outcome: 'reverted', why: 'apply-failed', at: net.address(2) });
    expect(done.guarded?.summary).toMatch(/^The change failed on shed-pi \(rc-service dropbear restart failed\), so the box put everything back; it answers at [\d.]+ as before\./);
    expect(await h.logOf(done.runId)).toContain("box:  * rc-service: service `dropbear' does not exist");
  });

  it('runs a harmless action at once, unguarded', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const done = await valueOf(h.call('boxes:service-action', { targetId: id, name: 'crond', action: 'restart', windowSeconds: 5 }));
    expect(done.guarded).toBeUndefined();
    expect((await rcCalls()).at(-1)).toBe('crond restart');
  });

  it('refuses a window shorter than the box could be reached in, naming the field', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const refused = await h.call('boxes:service-action', { targetId: id, name: 'networking', action: 'stop', windowSeconds: 2 });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'windowSeconds', message: expect.stringContaining('Give the box at least 5 seconds to be reached again.') },
    });
  });
});
