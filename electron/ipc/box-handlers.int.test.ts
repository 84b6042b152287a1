import { readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { freePort } from '../../e2e/target/net';
import { sshRun } from '../../e2e/target/target-exec.test-support';
import { defaultProfile } from '../../shared/profile';
import { boxHarness, valueOf, type BoxHarness } from './box-harness.test-support';

// The boxes channels through the real handler table (temp userData, real
// stores, secrets and known_hosts) against the Alpine chroot over OpenSSH.

let h: BoxHarness;
beforeEach(async () => {
  h = await boxHarness();
});
afterEach(() => h.cleanup());

/** The box's processes of an install (the apk stand-in, its wait, the command line that started it). */
const installs = (target: TestTarget) => target.processes().filter((p) => /apk .*add|sleep 60/.test(p.command));
const records = async (target: TestTarget) => ((await target.standIns?.records()) ?? []).map((r) => `${r.tool} ${r.argv.join(' ')}`);
/** The run of the first action of this kind: its first output event names it before anything else is known. */
const firstRunOf = (action: string) =>
  (h.events.find((e) => e.event === 'boxes.output' && (e.payload as { action: string }).action === action)?.payload as { runId: string } | undefined)?.runId ?? '';

describe('reading boxes', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());

  it('stops at first contact with the fingerprint to compare, and reads the facts once the key is trusted', async () => {
    const id = await h.addTarget(target, 'garage-pi', false);
    const first = await h.call('boxes:facts', { targetId: id });
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'host-key-unknown', details: { host: '127.0.0.1', port: target.port, keyType: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint } },
    });
    const details = first.ok ? null : first.error.details;
    await valueOf(h.call('knownHosts:accept', { host: details?.host ?? '', port: details?.port ?? 22, keyType: details?.keyType ?? '', key: details?.key ?? '' }));
    const read = await valueOf(h.call('boxes:facts', { targetId: id }));
    expect(read).toMatchObject({ targetId: id, facts: { alpineVersion: '3.20.3', arch: 'x86_64', hostname: 'localhost', storage: 'diskless' } });
  });

  it('refreshes many boxes, each outcome sent as it is known; a stopped one says why and an unknown id is not found', async () => {
    const up = await h.addTarget(target, 'attic');
    const closed = await freePort();
    const saved = await h.services.targets.save({ name: 'cellar', host: target.host, port: closed, user: target.user, auth: 'key', keyPath: target.privateKeyPath, tags: [] });
    const down = saved.ok ? saved.value.id : '';
    const { boxes } = await valueOf(h.call('boxes:refresh', { targetIds: [down, up, 'gone-1'] }));
    expect(boxes.map((b) => [b.targetId, b.outcome.ok])).toEqual([
      [down, false],
      [up, true],
      ['gone-1', false],
    ]);
    expect(boxes[0]?.outcome).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/refused the connection/) } });
    expect(boxes[1]?.outcome).toMatchObject({ ok: true, facts: { alpineVersion: '3.20.3' } });
    expect(boxes[2]?.outcome).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const sent = h.events.filter((e) => e.event === 'boxes.facts').map((e) => (e.payload as { targetId: string }).targetId);
    expect(sent.sort()).toEqual([down, up].sort());
  });

  it('lists services, packages, upgrades, lbu changes and backups', async () => {
    const id = await h.addTarget(target);
    const services = await valueOf(h.call('boxes:services', { targetId: id }));
    expect(services.services.find((s) => s.name === 'crond')).toEqual({ name: 'crond', state: 'stopped', upSeconds: null, runlevels: [] });
    const { packages } = await valueOf(h.call('boxes:packages', { targetId: id }));
    expect(packages.find((p) => p.name === 'busybox')).toMatchObject({ inWorld: true });
    expect(await valueOf(h.call('boxes:upgradable', { targetId: id }))).toEqual({ packages: [], indexesMissing: true });
    await sshRun(target, 'echo changed > /etc/motd-cairn');
    expect(await valueOf(h.call('boxes:lbu-status', { targetId: id }))).toEqual({ changes: [{ kind: 'added', path: 'etc/motd-cairn' }] });
    expect((await valueOf(h.call('boxes:lbu-diff', { targetId: id }))).text).toContain('etc/motd-cairn');
    expect(await valueOf(h.call('boxes:lbu-backups', { targetId: id }))).toEqual({ backups: [] });
  });
});

describe('changing boxes: every action is a run on disk', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());

  it('restarts a service, streaming its output, and keeps the run with its title, status and log', async () => {
    const id = await h.addTarget(target);
    await target.standIns?.clearRecords();
    const { runId } = await valueOf(h.call('boxes:service-action', { targetId: id, name: 'crond', action: 'restart' }));
    expect(await records(target)).toEqual(['rc-service crond restart']);
    expect(await h.summaryOf(runId)).toMatchObject({
      kind: 'box-action',
      action: { kind: 'service-action', title: 'Restart crond' },
      targetId: id,
      status: 'succeeded',
      steps: [{ id: 'service-action', status: 'succeeded', exitCode: 0 }],
    });
    expect(await h.logOf(runId)).toBe(' * Starting crond ... [ ok ]\n');
    const output = h.events.filter((e) => e.event === 'boxes.output').map((e) => e.payload);
    // The first event comes as the run opens, before the box prints anything: the window learns the run id at once.
    expect(output).toEqual([
      { runId, targetId: id, action: 'service-action', text: '' },
      { runId, targetId: id, action: 'service-action', text: ' * Starting crond ... [ ok ]\n' },
    ]);
  });

  it('adds a service to a runlevel and removes it again', async () => {
    const id = await h.addTarget(target);
    await valueOf(h.call('boxes:runlevel-action', { targetId: id, name: 'crond', runlevel: 'default', action: 'add' }));
    expect((await valueOf(h.call('boxes:services', { targetId: id }))).services.find((s) => s.name === 'crond')?.runlevels).toEqual(['default']);
    await valueOf(h.call('boxes:runlevel-action', { targetId: id, name: 'crond', runlevel: 'default', action: 'del' }));
    expect((await valueOf(h.call('boxes:services', { targetId: id }))).services.find((s) => s.name === 'crond')?.runlevels).toEqual([]);
  });

  it('installs and removes packages; a name that is not one is refused before anything connects', async () => {
    const id = await h.addTarget(target);
    await target.standIns?.clearRecords();
    const added = await valueOf(h.call('boxes:add-packages', { targetId: id, names: ['htop'] }));
    expect(added).toMatchObject({ names: ['htop'], summary: expect.stringMatching(/^OK: /) });
    expect((await valueOf(h.call('boxes:packages', { targetId: id }))).packages.find((p) => p.name === 'htop')).toMatchObject({ inWorld: true });
    await valueOf(h.call('boxes:remove-packages', { targetId: id, names: ['htop'] }));
    expect((await records(target)).filter((r) => /^apk (add|del)/.test(r))).toEqual(['apk add --no-progress htop', 'apk del --no-progress htop']);

    const logins = target
      .serverLog()
      .split('\n')
      .filter((l) => l.includes('Accepted')).length;
    expect(await h.call('boxes:add-packages', { targetId: id, names: ['htop', 'rm -rf'] })).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'names.1', message: expect.stringContaining('"rm -rf" is not a package name') },
    });
    expect(
      target
        .serverLog()
        .split('\n')
        .filter((l) => l.includes('Accepted')).length,
    ).toBe(logins);
  });

  it('fails an apk error with the box’s own sentence, and the run says so', async () => {
    const id = await h.addTarget(target);
    const refused = await h.call('boxes:add-packages', { targetId: id, names: ['htopp'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'remote-failed', message: 'garage-pi refused "apk add htopp": ERROR: unable to select packages:' } });
    const run = (await valueOf(h.call('runs:list', {}))).runs.find((r) => r.profileName === 'Install htopp');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'remote-failed' } });
  });

  it('stops a running install by its run id: apk is killed on the box, the run ends cancelled and the install answers so', async () => {
    const id = await h.addTarget(target);
    // apk waits a minute before doing anything: the install is surely still going when it is stopped.
    await target.standIns?.control({ apk: { startDelayMs: 60_000 } });
    try {
      const installing = h.call('boxes:add-packages', { targetId: id, names: ['mc'] });
      const { runId } = await h.nextEvent('boxes.output', (e) => e.targetId === id && e.action === 'add-packages');
      await expect.poll(() => installs(target), { timeout: 20_000 }).not.toEqual([]);
      expect(await valueOf(h.call('boxes:cancel', { runId }))).toEqual({ cancelled: true });
      // Stop answers once the run has ended: nothing is left to wait for.
      expect(installs(target)).toEqual([]);
      expect(await h.summaryOf(runId)).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' }, steps: [{ id: 'add-packages', status: 'cancelled' }] });
      expect(await installing).toEqual({
        ok: false,
        error: { code: 'cancelled', message: 'Install mc on garage-pi was stopped before it finished, as asked: start it again to finish it.' },
      });
      expect(await h.logOf(runId)).toBe('Install mc on garage-pi was stopped before it finished, as asked: start it again to finish it.\n');
      expect(await valueOf(h.call('boxes:cancel', { runId }))).toEqual({ cancelled: false });
    } finally {
      await target.standIns?.control({});
    }
  });

  it('says a login key Cairn cannot read is that, in the answer and in the run, without asking the box', async () => {
    // The public half, chosen by mistake for the private key.
    const keyPath = `${target.privateKeyPath}.pub`;
    const saved = await h.services.targets.save({ name: 'shed', host: target.host, port: target.port, user: target.user, auth: 'key', keyPath, tags: [] });
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.value.id;
    await h.services.knownHosts.add(target.host, target.port, 'ssh-ed25519', target.hostPublicKey.split(' ')[1] ?? '');
    await target.standIns?.clearRecords();
    const unreadable = {
      code: 'key-unreadable',
      message: `The file ${keyPath} holds a public key, which cannot log in: choose the private key file that goes with it (${target.privateKeyPath}).`,
    };

    expect(await h.call('boxes:facts', { targetId: id })).toEqual({ ok: false, error: unreadable });
    expect(await h.call('boxes:add-packages', { targetId: id, names: ['mc'] })).toEqual({ ok: false, error: unreadable });
    expect(await h.summaryOf(firstRunOf('add-packages'))).toMatchObject({ status: 'failed', error: { ...unreadable, stepId: null } });
    expect(await h.call('targets:test-connection', { targetId: id })).toEqual({ ok: false, error: unreadable });
    expect(await records(target)).toEqual([]);
  });

  it('answers cancelled: false for a run that is unknown or already over', async () => {
    const id = await h.addTarget(target);
    expect(await valueOf(h.call('boxes:cancel', { runId: 'run-never-started' }))).toEqual({ cancelled: false });
    const { runId } = await valueOf(h.call('boxes:service-action', { targetId: id, name: 'crond', action: 'restart' }));
    expect(await valueOf(h.call('boxes:cancel', { runId }))).toEqual({ cancelled: false });
    expect(await h.summaryOf(runId)).toMatchObject({ status: 'succeeded' });
  });

  it('commits with lbu: the message is in the run log, and a box without media says to run setup-lbu', async () => {
    const id = await h.addTarget(target);
    expect(await h.call('boxes:lbu-commit', { targetId: id, message: 'before setup-lbu' })).toMatchObject({
      ok: false,
      error: { code: 'lbu-not-configured', message: expect.stringContaining('run setup-lbu there') },
    });
    // The run on record says the same, not a nearer code of the installer's.
    expect(await h.summaryOf(firstRunOf('lbu-commit'))).toMatchObject({
      status: 'failed',
      error: { code: 'lbu-not-configured', stepId: null },
      steps: [{ id: 'lbu-commit', error: { code: 'lbu-not-configured' } }],
    });
    await sshRun(target, 'setup-lbu usb');
    const { runId, message } = await valueOf(h.call('boxes:lbu-commit', { targetId: id, message: 'Opened port 8080 for the dashboard' }));
    expect(message).toBe('Opened port 8080 for the dashboard');
    expect(await h.logOf(runId)).toContain('lbu commit: Opened port 8080 for the dashboard\n');
    expect(await h.summaryOf(runId)).toMatchObject({ status: 'succeeded', action: { title: 'Save the configuration (lbu commit): Opened port 8080 for the dashboard' } });
    expect((await records(target)).filter((r) => r.startsWith('lbu commit'))).toEqual(['lbu commit', 'lbu commit']);
    expect(await valueOf(h.call('boxes:lbu-status', { targetId: id }))).toEqual({ changes: [] });
  });

  it('refuses to reboot a box with unsaved changes, reboots when forced and says when it is back', async () => {
    const id = await h.addTarget(target);
    await sshRun(target, 'mkdir -p /proc/sys/kernel/random && echo 11111111-2222-3333-4444-555555555555 > /proc/sys/kernel/random/boot_id; echo edited > /etc/motd');
    const refused = await h.call('boxes:power', { targetId: id, action: 'reboot' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsaved-changes', message: expect.stringContaining('not saved with lbu commit') } });
    expect((await records(target)).filter((r) => r.startsWith('reboot'))).toEqual([]);
    expect(await h.summaryOf(firstRunOf('power'))).toMatchObject({
      status: 'refused',
      error: { code: 'unsaved-changes', stepId: null },
      steps: [{ id: 'power', error: { code: 'unsaved-changes' } }, { id: 'wait' }],
    });

    const started = await valueOf(h.call('boxes:power', { targetId: id, action: 'reboot', force: true }));
    expect(started).toMatchObject({ action: 'reboot', waiting: true });
    const back = await h.nextEvent('boxes.back', (e) => e.runId === started.runId);
    expect(back).toMatchObject({ targetId: id, ok: true, bootId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(back.bootId).not.toBe('11111111-2222-3333-4444-555555555555');
    expect((await records(target)).filter((r) => r.startsWith('reboot'))).toEqual(['reboot ']);
    expect(await h.summaryOf(started.runId)).toMatchObject({
      status: 'succeeded',
      steps: [
        { id: 'power', status: 'succeeded' },
        { id: 'wait', status: 'succeeded' },
      ],
    });
    expect(await h.logOf(started.runId)).toMatch(/Rebooting garage-pi\nWaiting for garage-pi to come back…\ngarage-pi is back \(after \d+ s\)\.\n$/);
  });

  it('finds the drift from a saved profile and applies only the missing steps', async () => {
    const id = await h.addTarget(target);
    // The box's own keymap, NTP, user and SSH server (none), so these are not part of the drift.
    const profile = {
      ...defaultProfile(),
      name: 'Shed',
      hostname: 'shed',
      timezone: 'Europe/Paris',
      packages: ['htop'],
      keymap: null,
      ntp: 'none' as const,
      user: null,
      sshd: 'none' as const,
    };
    const { id: profileId } = await valueOf(h.call('profiles:save', { profile }));
    const found = await valueOf(h.call('boxes:drift', { targetId: id, profileId }));
    expect(found.profileName).toBe('Shed');
    expect(found.drift.map((d) => [d.field, d.item ?? d.expected])).toEqual(
      expect.arrayContaining([
        ['hostname', 'shed'],
        ['timezone', 'Europe/Paris'],
        ['packages', 'htop'],
      ]),
    );
    expect(found.steps.map((s) => [s.id, s.guarded])).toEqual([
      ['hostname', false],
      ['interfaces', true],
      ['timezone', false],
      ['packages', false],
    ]);

    const applied = await valueOf(h.call('boxes:apply-drift', { targetId: id, profileId }));
    // The box had no /etc/network/interfaces: it is written through confirm-or-revert, after the plain steps.
    expect(applied.ran.map((s) => s.id)).toEqual(['hostname', 'timezone', 'packages', 'interfaces']);
    expect(applied.remaining).toEqual([]);
    expect(await readFile(path.join(target.root ?? '', 'etc/network/interfaces'), 'utf8')).toBe('auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n');
    expect(await h.logOf(applied.runId)).toMatch(/kept|confirm/i);
    expect(await readlink(path.join(target.root ?? '', 'etc/localtime'))).toBe('/etc/zoneinfo/Europe/Paris');
    expect(await h.summaryOf(applied.runId)).toMatchObject({ profileName: 'Shed', status: 'succeeded', action: { kind: 'apply-drift' } });
    expect((await valueOf(h.call('boxes:apply-drift', { targetId: id, profileId }))).ran).toEqual([]);
  });
});

describe('a reboot after an install that gave the box a static address', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget();
  });
  afterAll(() => target?.stop());

  it('finds the box at its new address by its host key, and the target follows it there', async () => {
    const id = await h.addTarget(target, 'shed-pi');
    const base = defaultProfile();
    const profile = {
      ...base,
      name: 'Shed Pi',
      hostname: 'shed-pi',
      interfaces: [{ ...base.interfaces[0]!, ipv4: { mode: 'static' as const, address: '127.0.0.9', prefix: 8, gateway: '' } }],
      disk: { ...base.disk, mode: 'none' as const, disks: [] },
      diskless: { lbuMedia: 'usb', apkCacheDir: null },
    };
    const { id: profileId } = await valueOf(h.call('profiles:save', { profile }));
    const fleet = await valueOf(h.call('runs:start', { profileId, targetIds: [id], confirmErase: [] }));
    const runId = fleet.runIds[0] ?? '';
    await expect.poll(async () => (await valueOf(h.call('runs:get', { runId }))).summary.status, { timeout: 60_000 }).not.toBe('running');

    await sshRun(target, 'rm -f /proc/sys/kernel/random/boot_id');
    const started = await valueOf(h.call('boxes:power', { targetId: id, action: 'reboot', force: true, afterRun: runId }));
    // The reboot brings the network up with the profile's address: the box answers there, with the key it had.
    await target.moveTo?.('127.0.0.9');
    const back = await h.nextEvent('boxes.back', (e) => e.runId === started.runId);
    expect(back).toMatchObject({ targetId: id, ok: true, movedTo: '127.0.0.9' });
    expect((await valueOf(h.call('targets:list', {}))).targets.find((t) => t.id === id)).toMatchObject({ host: '127.0.0.9', port: target.port });
    expect(await h.logOf(started.runId)).toContain('It answers at 127.0.0.9 now, with the host key it had: the target points there from now on.');
    // From now on the box is read at its new address with no trust prompt.
    expect(await valueOf(h.call('boxes:facts', { targetId: id }))).toMatchObject({ facts: { alpineVersion: '3.20.3' } });
    await target.moveTo?.('127.0.0.1');
  });

  it('refuses another machine answering at that address with another key, and leaves the target where it was', async () => {
    const id = await h.addTarget(target, 'shed-pi');
    const base = defaultProfile();
    const profile = {
      ...base,
      name: 'Moved',
      interfaces: [{ ...base.interfaces[0]!, ipv4: { mode: 'static' as const, address: '127.0.0.10', prefix: 8, gateway: '' } }],
      disk: { ...base.disk, mode: 'none' as const, disks: [] },
      diskless: { lbuMedia: 'usb', apkCacheDir: null },
    };
    const { id: profileId } = await valueOf(h.call('profiles:save', { profile }));
    const fleet = await valueOf(h.call('runs:start', { profileId, targetIds: [id], confirmErase: [] }));
    const runId = fleet.runIds[0] ?? '';
    await expect.poll(async () => (await valueOf(h.call('runs:get', { runId }))).summary.status, { timeout: 60_000 }).not.toBe('running');
    const before = (await valueOf(h.call('targets:list', {}))).targets.find((t) => t.id === id)?.host;
    // Without a boot id to compare, only the old address going quiet (or the new one answering) counts as back:
    // the stand-in reboot does not really take the old address away, the move below does.
    await sshRun(target, 'rm -f /proc/sys/kernel/random/boot_id');

    const started = await valueOf(h.call('boxes:power', { targetId: id, action: 'reboot', force: true, afterRun: runId }));
    // The box goes somewhere else; at the profile's address another machine answers, with its own key.
    const impostor = await startOpenSshTarget({ listenAddress: '127.0.0.10', port: target.port });
    try {
      await target.moveTo?.('127.0.0.11');
      const back = await h.nextEvent('boxes.back', (e) => e.runId === started.runId);
      expect(back).toMatchObject({ targetId: id, ok: false, error: { code: 'host-key-changed', details: { host: '127.0.0.10', fingerprint: impostor.hostKeyFingerprint } } });
      expect(back.movedTo).toBeUndefined();
      expect((await valueOf(h.call('targets:list', {}))).targets.find((t) => t.id === id)?.host).toBe(before);
    } finally {
      await impostor.stop();
      await target.moveTo?.('127.0.0.1');
    }
  });
});
