import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSshBanner } from './net';
import { startOpenSshTarget } from './openssh-target';
import { sshRun } from './target-exec.test-support';
import { createTestNetwork, staticInterfaces, type TestNetwork } from './test-network';
import type { TestTarget } from './target-types';

const answers = (host: string, port: number) =>
  waitForSshBanner(host, port, () => null, 1500).then(
    () => true,
    () => false,
  );

/** Every rc-service call so far has ended: the address answers a moment before ifup has finished (and recorded its state). */
const settled = (target: TestTarget) =>
  expect.poll(async () => ((await target.standIns?.recordsOf('rc-service')) ?? []).every((r) => r.exitCode !== null), { timeout: 15_000 }).toBe(true);

describe('an OpenSSH target with a network of its own', () => {
  let net: TestNetwork;
  let target: TestTarget;
  beforeAll(async () => {
    net = await createTestNetwork();
    target = await startOpenSshTarget({ netns: { name: net.name, address: net.address(2), interfaces: staticInterfaces(net.address(2)) } });
  });
  afterAll(async () => {
    await target?.stop();
    await net?.remove();
  });

  it('boots its interfaces with ifup and answers at their address, on port 22', async () => {
    expect(target.host).toBe(net.address(2));
    expect(target.port).toBe(22);
    const run = await sshRun(target, 'ip -4 -o addr show dev eth0; cat /run/ifstate');
    expect(run.stdout).toContain(`inet ${net.address(2)}/24`);
    expect(run.stdout).toContain('eth0=eth0');
  });

  it('moves to the address its interfaces file gives once networking restarts, and back', async () => {
    await writeFile(path.join(target.root ?? '', 'etc/network/interfaces'), staticInterfaces(net.address(3)));
    // The session's own connection goes with the old address: the restart runs on after it, detached.
    await sshRun(target, 'setsid sh -c "sleep 0.2; rc-service networking restart" </dev/null >/dev/null 2>&1 &');
    await expect.poll(() => answers(net.address(3), 22), { timeout: 15_000 }).toBe(true);
    await settled(target);
    expect(await answers(net.address(2), 22)).toBe(false);
    const records = (await target.standIns?.recordsOf('rc-service')) ?? [];
    expect(records.map((r) => r.argv.join(' '))).toEqual(['networking start', 'networking restart']);

    await writeFile(path.join(target.root ?? '', 'etc/network/interfaces'), staticInterfaces(net.address(2)));
    const moved: TestTarget = Object.assign(Object.create(target) as TestTarget, { host: net.address(3), knownHostsLine: () => `${net.address(3)} ${target.hostPublicKey}` });
    await sshRun(moved, 'setsid sh -c "sleep 0.2; rc-service networking restart" </dev/null >/dev/null 2>&1 &');
    await expect.poll(() => answers(net.address(2), 22), { timeout: 15_000 }).toBe(true);
    await settled(target);
  });

  it('stops networking for real: nothing answers until it is started again', async () => {
    await sshRun(target, 'setsid sh -c "sleep 0.2; rc-service networking stop; sleep 6; rc-service networking start" </dev/null >/dev/null 2>&1 &');
    await expect.poll(() => answers(net.address(2), 22), { timeout: 10_000, interval: 100 }).toBe(false);
    await expect.poll(() => answers(net.address(2), 22), { timeout: 15_000 }).toBe(true);
  });
});

describe('an OpenSSH target on the host loopback', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());

  it('keeps networking a marker: the host network is not the box to take down', async () => {
    const run = await sshRun(target, 'rc-service networking restart && ls /run/openrc/started');
    expect(run).toMatchObject({ code: 0, stdout: ' * Starting networking ... [ ok ]\nnetworking\n' });
  });
});
