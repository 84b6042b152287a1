import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { waitForSshBanner } from '../../e2e/target/net';
import { createTestNetwork, staticInterfaces, type TestNetwork } from '../../e2e/target/test-network';
import { confirmCommand, GUARD_ROOT } from '../../shared/boxes/revert-script';
import { boxHarness, type BoxHarness } from '../ipc/box-harness.test-support';
import { createBoxAccess, type BoxAccess } from './access';
import { applyGuarded, type GuardDeps } from './guarded-change';

// A box with a network of its own: sshd in a namespace behind a veth pair,
// its networking service really running BusyBox ifdown/ifup on
// /etc/network/interfaces. A change that moves it somewhere the host cannot
// reach is put back by the box itself; one that moves it somewhere reachable
// is confirmed there and the target follows.

// Also the limit on each restart: a loaded machine needs some seconds to restart networking in a namespace.
const WINDOW_MS = 10_000;
const WINDOW_S = WINDOW_MS / 1000;
const INTERFACES = 'etc/network/interfaces';

let net: TestNetwork;
let box: TestTarget;
let h: BoxHarness;
let access: BoxAccess;
let deps: GuardDeps;
let original: string;

const answers = (host: string) =>
  waitForSshBanner(host, 22, () => null, 2000).then(
    () => true,
    () => false,
  );
const onBox = (file: string) => path.join(box.root ?? '/nonexistent', file);
const savedTarget = async (id: string) => {
  const found = await h.services.targets.get(id);
  if (!found.ok) throw new Error(found.error.message);
  return found.value;
};

beforeAll(async () => {
  net = await createTestNetwork();
  original = `${staticInterfaces(net.address(2))}# kept byte for byte: a tab\there, no newline at the end`;
  box = await startOpenSshTarget({ netns: { name: net.name, address: net.address(2), interfaces: original } });
});
afterAll(async () => {
  await box?.stop();
  await net?.remove();
});

beforeEach(async () => {
  h = await boxHarness();
  access = createBoxAccess({
    targets: h.services.targets,
    secrets: h.services.secrets,
    knownHosts: h.services.knownHosts,
    userKnownHostsPath: null,
    homeDir: h.dir,
    log: h.log,
    readyTimeoutMs: 4000,
  });
  deps = {
    access,
    follow: { targets: h.services.targets, knownHosts: h.services.knownHosts, trust: { storePath: h.services.knownHosts.path, userKnownHostsPath: null } },
    retryMs: 300,
    graceMs: 20_000,
  };
});
afterEach(async () => {
  // Each test leaves the box at its first address with its first interfaces, whatever happened.
  await net.setLink(true);
  if (!(await answers(net.address(2)))) {
    await writeFile(onBox(INTERFACES), original);
    execFileSync('/usr/sbin/ip', ['netns', 'exec', net.name, '/usr/sbin/chroot', box.root ?? '', '/sbin/rc-service', 'networking', 'restart'], {
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
  }
  await h.cleanup();
});

describe('a guarded change of the network', () => {
  it('is put back by the box itself when it moves the box where Cairn cannot reach it, and Cairn finds it at the old address', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const target = await savedTarget(id);
    const before = await stat(onBox(INTERFACES));
    const progress: string[] = [];
    const started = Date.now();
    const moved = staticInterfaces(net.unroutedAddress(99));
    const pending = applyGuarded(
      deps,
      target,
      { files: [{ path: '/etc/network/interfaces', content: moved, mode: 0o600 }], restart: ['networking'], windowMs: WINDOW_MS, newAddress: net.unroutedAddress(99) },
      (t) => progress.push(t),
    );

    // The change really happened: the box left its address for one the host has no way back from.
    await expect.poll(() => readFile(onBox(INTERFACES), 'utf8'), { timeout: 10_000 }).toBe(moved);
    await expect.poll(() => answers(net.address(2)), { timeout: 10_000 }).toBe(false);

    const result = await pending;
    expect(result).toMatchObject({ ok: true, value: { outcome: 'reverted', why: 'timeout', at: net.address(2), windowSeconds: WINDOW_S } });
    expect(Date.now() - started).toBeLessThan(WINDOW_MS + 25_000);
    if (!result.ok) return;
    expect(result.value.summary).toBe(
      `Cairn could not reach shed-pi at ${net.unroutedAddress(99)} within ${WINDOW_S} s of the change, so the box put everything back by itself; it answers at ${net.address(2)} as before.`,
    );
    expect(result.value.log.join('\n')).toMatch(new RegExp(`applied; waiting ${WINDOW_S} s for Cairn to confirm[\\s\\S]*undoing the change \\(timeout\\)[\\s\\S]*undone`));
    // Byte for byte and with its mode; the box answers at its old address; the target was not moved.
    expect(await readFile(onBox(INTERFACES), 'utf8')).toBe(original);
    expect((await stat(onBox(INTERFACES))).mode).toBe(before.mode);
    expect(await answers(net.address(2))).toBe(true);
    expect((await savedTarget(id)).host).toBe(net.address(2));
    expect(progress.join('')).toContain(
      `Applying; Cairn looks for shed-pi at ${net.unroutedAddress(99)} to confirm within ${WINDOW_S} s, or the box goes back to ${net.address(2)} by itself.`,
    );
    // The revert timer is gone and its record cleared: nothing is left running or saved on the box.
    expect(box.processes().filter((p) => p.command.includes('guard.sh'))).toEqual([]);
    expect(await readdir(onBox(GUARD_ROOT.slice(1)))).toEqual([]);
    const rc = ((await box.standIns?.recordsOf('rc-service')) ?? []).map((r) => r.argv.join(' '));
    expect(rc.slice(-2)).toEqual(['networking restart', 'networking restart']);
  });

  it('stays when Cairn reaches the box at its new address, and the target follows it there by its host key', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const target = await savedTarget(id);
    const moved = staticInterfaces(net.address(3));
    const result = await applyGuarded(
      deps,
      target,
      { files: [{ path: '/etc/network/interfaces', content: moved, mode: 0o644 }], restart: ['networking'], windowMs: WINDOW_MS, newAddress: net.address(3) },
      () => undefined,
    );
    expect(result).toMatchObject({ ok: true, value: { outcome: 'confirmed', at: net.address(3), movedTo: net.address(3) } });
    if (result.ok)
      expect(result.value.summary).toBe(`shed-pi answers at ${net.address(3)} now, with the host key it had: the change is kept, and the target points there from now on.`);
    // Well past the window, the change is still there: the confirm stopped the timer.
    await new Promise((r) => setTimeout(r, WINDOW_MS + 1500));
    expect(await readFile(onBox(INTERFACES), 'utf8')).toBe(moved);
    expect(await answers(net.address(3))).toBe(true);
    expect(await answers(net.address(2))).toBe(false);
    expect(await savedTarget(id)).toMatchObject({ host: net.address(3), port: 22 });
    // The target is read at its new address with no trust prompt: the key was trusted there.
    const linked = await access.connect(await savedTarget(id));
    expect(linked.ok).toBe(true);
    if (linked.ok) await linked.value.conn.close();

    // Back to the first address (the same way, guarded), for the next test.
    const back = await applyGuarded(
      deps,
      await savedTarget(id),
      { files: [{ path: '/etc/network/interfaces', content: original, mode: 0o644 }], restart: ['networking'], windowMs: WINDOW_MS, newAddress: net.address(2) },
      () => undefined,
    );
    expect(back).toMatchObject({ ok: true, value: { outcome: 'confirmed', movedTo: net.address(2) } });
  });

  it('ends in one defined state when the confirm is lost with the connection: never received, the box puts the change back and Cairn says so', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const target = await savedTarget(id);
    let pulled = false;
    const result = await applyGuarded(
      deps,
      target,
      {
        files: [{ path: '/etc/network/interfaces', content: staticInterfaces(net.address(3)), mode: 0o644 }],
        restart: ['networking'],
        windowMs: WINDOW_MS,
        newAddress: net.address(3),
      },
      (text) => {
        // The cable goes the moment Cairn has reached the box and is about to confirm; it comes back after the window.
        if (!pulled && text.includes('confirming the change')) {
          pulled = true;
          execFileSync('/usr/sbin/ip', ['link', 'set', net.hostLink, 'down']);
          setTimeout(() => void net.setLink(true), WINDOW_MS + 2000);
        }
      },
    );
    expect(pulled).toBe(true);
    expect(result).toMatchObject({ ok: true, value: { outcome: 'reverted', why: 'timeout', at: net.address(2) } });
    expect(await readFile(onBox(INTERFACES), 'utf8')).toBe(original);
    expect(await answers(net.address(2))).toBe(true);
    expect((await savedTarget(id)).host).toBe(net.address(2));
  });

  it('ends in one defined state when the confirm reached the box but its answer was lost: Cairn reads "confirmed" after reconnecting', async () => {
    const id = await h.addTarget(box, 'shed-pi');
    const target = await savedTarget(id);
    let pulled = false;
    const moved = staticInterfaces(net.address(3));
    const result = await applyGuarded(
      deps,
      target,
      { files: [{ path: '/etc/network/interfaces', content: moved, mode: 0o644 }], restart: ['networking'], windowMs: WINDOW_MS, newAddress: net.address(3) },
      (text) => {
        if (pulled || !text.includes('confirming the change')) return;
        pulled = true;
        const [change = ''] = readdirSync(onBox(GUARD_ROOT.slice(1)));
        // Cairn waits here until the box has applied the change (a confirm before that only hears "applying")...
        const guard = onBox(`${GUARD_ROOT.slice(1)}/${change}`);
        // Ends as soon as the change is applied, or undone because applying failed (then the guard's log says why).
        execFileSync('/bin/sh', ['-c', 'while [ ! -e "$1/applied" ] && [ ! -e "$1/why" ]; do sleep 0.1; done', 'wait', guard], { timeout: 45_000 });
        expect(existsSync(`${guard}/applied`), readFileSync(`${guard}/log`, 'utf8')).toBe(true);
        // ...then the box runs the confirm (the very command Cairn sends), and the link drops before any answer gets back.
        const said = execFileSync('/usr/sbin/chroot', [box.root ?? '', '/bin/sh', '-c', confirmCommand(change)], { encoding: 'utf8' });
        expect(said).toMatch(/^cairn-guard confirmed/);
        execFileSync('/usr/sbin/ip', ['link', 'set', net.hostLink, 'down']);
        setTimeout(() => void net.setLink(true), 3000);
      },
    );
    expect(pulled).toBe(true);
    expect(result).toMatchObject({ ok: true, value: { outcome: 'confirmed', at: net.address(3), movedTo: net.address(3) } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await readFile(onBox(INTERFACES), 'utf8')).toBe(moved);
    expect((await savedTarget(id)).host).toBe(net.address(3));

    const back = await applyGuarded(
      deps,
      await savedTarget(id),
      { files: [{ path: '/etc/network/interfaces', content: original, mode: 0o644 }], restart: ['networking'], windowMs: WINDOW_MS, newAddress: net.address(2) },
      () => undefined,
    );
    expect(back).toMatchObject({ ok: true, value: { outcome: 'confirmed' } });
  });

  it('refuses a move to an address where it could not recognise the box, and changes nothing', async () => {
    const id = await h.addTarget(box, 'shed-pi', false);
    const result = await applyGuarded(
      deps,
      await savedTarget(id),
      { files: [{ path: '/etc/network/interfaces', content: 'x', mode: 0o644 }], restart: [], newAddress: net.address(3) },
      () => undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'newAddress' } });
    expect(await readFile(onBox(INTERFACES), 'utf8')).toBe(original);
  });
});
