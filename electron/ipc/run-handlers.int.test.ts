import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { installerRuns } from '../../e2e/target/stand-ins.test-support';
import type { RequestOf, ResultOf } from '../../shared/api/channels';
import type { ChannelName, EventName } from '../../shared/api/names';
import { templateById, type Profile } from '../../shared/profile';
import type { FleetActivity, RunActivity } from '../runs/fleet-registry';
import { createRunServices } from '../runs/run-services';
import { harness, type Harness } from '../services.test-support';
import { ownedByGoneProcess } from '../store/run-owner.test-support';
import { dispatch } from './dispatch';
import { createEventSender } from './events';
import { createHandlers } from './handlers';

// The run channels over the real handler table, stores and runner, against
// real sshd targets: what the Run screen and the journeys rely on.

let boxes: TestTarget[];
beforeAll(async () => {
  boxes = await Promise.all([startOpenSshTarget(), startOpenSshTarget()]);
});
afterAll(async () => {
  await Promise.all((boxes ?? []).map((b) => b.stop()));
});

interface Backend {
  h: Harness;
  call<C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<ResultOf<C>>;
  activity: RunActivity[];
  sent: Array<{ event: EventName; payload: unknown }>;
  /** Resolves with the fleet.done of `fleetId`. */
  fleetDone(fleetId: string, from?: number): Promise<Extract<FleetActivity, { type: 'fleet.done' }>>;
}

let backend: Backend;
beforeEach(async () => {
  const h = await harness();
  const sent: Backend['sent'] = [];
  const emit = createEventSender((event, payload) => sent.push({ event, payload }), h.log);
  const runs = await createRunServices({ userData: h.dir, emit, log: h.log, limits: { reconnect: { attempts: 2, delayMs: 100 } } });
  const activity: RunActivity[] = [];
  const waiting: Array<() => void> = [];
  runs.onActivity((a) => {
    activity.push(a);
    for (const wake of waiting.splice(0)) wake();
  });
  const table = createHandlers({ ...h.services, runs: runs.services });
  const fleetDone = async (fleetId: string, from = 0) => {
    for (;;) {
      const done = activity.slice(from).find((a): a is Extract<FleetActivity, { type: 'fleet.done' }> => a.type === 'fleet.done' && a.fleetId === fleetId);
      if (done) return done;
      await new Promise<void>((wake) => waiting.push(wake));
    }
  };
  backend = {
    h,
    call: (channel, payload) => dispatch(table, channel, payload, { sender: 'test', log: h.log }) as never,
    activity,
    sent,
    fleetDone,
  };
  for (const box of boxes) {
    await box.standIns?.clearRecords();
    await box.standIns?.control({});
  }
});
afterEach(() => backend.h.cleanup());

/** A target that logs in with the box's key, its host key trusted in Cairn's known_hosts unless told otherwise. */
async function addTarget(box: TestTarget, name: string, options: { trusted?: boolean } = {}) {
  const saved = await backend.h.services.targets.save({ name, host: box.host, port: box.port, user: box.user, auth: 'key', keyPath: box.privateKeyPath, tags: [] });
  if (!saved.ok) throw new Error(saved.error.message);
  if (options.trusted !== false) await backend.h.services.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
  return saved.value;
}

async function saveProfile(profile: Profile) {
  const saved = await backend.h.services.profiles.save(profile);
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value.id;
}

const oldPc = () => templateById('old-pc')?.make() as Profile;
const diskless = (): Profile => {
  const p = templateById('diskless-iot')?.make() as Profile;
  return { ...p, name: 'Sensor', packages: [], services: [] };
};
const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('starting an install from the window', () => {
  it('plans, refuses an unconfirmed erase without touching the box, then runs, streams and keeps the run', async () => {
    const box = boxes[0] as TestTarget;
    const target = await addTarget(box, 'garage');
    const profile = oldPc();
    const profileId = await saveProfile(profile);

    const planned = value(await backend.call('runs:plan', { profileId, targetIds: [target.id] }));
    expect(planned.erases).toEqual(['/dev/sda']);
    expect(planned.problems).toEqual([]);
    expect(planned.targets[0]).toMatchObject({ targetName: 'garage', address: `${box.user}@127.0.0.1:${box.port}` });
    expect(planned.targets[0]?.steps.filter((s) => s.destructive).map((s) => [s.id, s.erases])).toEqual([['disk', ['/dev/sda']]]);

    const unconfirmed = await backend.call('runs:start', { profileId, targetIds: [target.id], confirmErase: ['/dev/sdb'] });
    expect(unconfirmed).toMatchObject({
      ok: false,
      error: { code: 'confirmation-mismatch', field: 'confirmErase', message: expect.stringContaining('This plan erases /dev/sda') },
    });
    expect(await box.standIns?.records()).toEqual([]);

    const asked = Date.now();
    const started = value(await backend.call('runs:start', { profileId, targetIds: [target.id], confirmErase: ['/dev/sda'] }));
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(started.targetIds).toEqual([target.id]);
    const [runId] = started.runIds;
    const done = await backend.fleetDone(started.fleetId);
    expect(done.runs).toEqual([{ runId, targetId: target.id, targetName: 'garage', status: 'succeeded' }]);

    // Every runner event reached the window under its own name and kept the contract.
    const runEvents = backend.activity.filter((a) => a.type.startsWith('run.'));
    expect(backend.sent.map((s) => s.event)).toEqual(runEvents.map((e) => e.type));
    expect(backend.sent.find((s) => s.event === 'run.done')?.payload).toEqual({
      runId,
      fleetId: started.fleetId,
      targetId: target.id,
      status: 'succeeded',
      error: null,
      findings: [],
    });
    const sections = backend.sent.filter((s) => s.event === 'run.progress').map((s) => (s.payload as { progress: { section: string } }).progress.section);
    expect(sections).toContain('Disk & Install');

    const records = (await box.standIns?.records()) ?? [];
    expect(installerRuns(records)).toBe(1);
    expect(await readFile(path.join(box.root ?? '', 'etc/hostname'), 'utf8')).toBe(`${profile.hostname}\n`);
    // The last setup-disk is Cairn's own step; setup-alpine called it first with the disk held back.
    expect(records.filter((r) => r.tool === 'setup-disk').at(-1)).toMatchObject({ argv: ['-m', 'sys', '-L', '-s', '2048', '/dev/sda'], env: { ERASE_DISKS: '/dev/sda' } });

    const listed = value(await backend.call('runs:list', {}));
    expect(listed.runs.map((r) => [r.runId, r.status, r.profileName])).toEqual([[runId, 'succeeded', 'Old PC']]);
    const opened = value(await backend.call('runs:get', { runId: runId ?? '' }));
    expect(opened.summary.steps.map((s) => s.status).every((s) => s === 'succeeded')).toBe(true);
    expect(opened.log).toContain(' ALPINE LINUX INSTALL');
    expect(opened.log).toBe(await readFile(opened.logPath, 'utf8'));
    expect(opened.logStart).toBe(0);
  });

  it('refuses a box whose host key is not trusted, with its fingerprint, and sends nothing', async () => {
    const box = boxes[0] as TestTarget;
    const target = await addTarget(box, 'stranger', { trusted: false });
    const started = value(await backend.call('runs:start', { profileId: await saveProfile(diskless()), targetIds: [target.id] }));
    await backend.fleetDone(started.fleetId);
    const done = backend.sent.find((s) => s.event === 'run.done')?.payload;
    expect(done).toMatchObject({ status: 'failed', error: { code: 'host-key-unknown', stepId: 'preflight', message: expect.stringContaining(box.hostKeyFingerprint) } });
    expect(await box.standIns?.records()).toEqual([]);
    // The key the run was shown is the one "trust" takes, as the Runs screen sends it back.
    const details = (done as { error: { details: { host: string; port: number; keyType: string; key: string } } }).error.details;
    const trusted = await backend.call('knownHosts:accept', { host: details.host, port: details.port, keyType: details.keyType, key: details.key });
    expect(value(trusted)).toMatchObject({ host: box.host, port: box.port, fingerprint: box.hostKeyFingerprint });
  });

  it('ends a run whose login key cannot be read as key-unreadable, on screen and on record, and sends nothing', async () => {
    const box = boxes[0] as TestTarget;
    // The public half, chosen by mistake for the private key.
    const keyPath = `${box.privateKeyPath}.pub`;
    const saved = value(await backend.h.services.targets.save({ name: 'shed', host: box.host, port: box.port, user: box.user, auth: 'key', keyPath, tags: [] }));
    await backend.h.services.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
    const started = value(await backend.call('runs:start', { profileId: await saveProfile(diskless()), targetIds: [saved.id] }));
    await backend.fleetDone(started.fleetId);
    const unreadable = {
      code: 'key-unreadable',
      message: `The file ${keyPath} holds a public key, which cannot log in: choose the private key file that goes with it (${box.privateKeyPath}).`,
      stepId: 'preflight',
    };
    expect(backend.sent.find((s) => s.event === 'run.done')?.payload).toMatchObject({ status: 'failed', error: unreadable });
    const opened = value(await backend.call('runs:get', { runId: started.runIds[0] ?? '' }));
    expect(opened.summary.error).toEqual(unreadable);
    expect(await box.standIns?.records()).toEqual([]);
  });

  it('says which target has no stored password, before starting anything', async () => {
    const box = boxes[0] as TestTarget;
    const saved = value(await backend.h.services.targets.save({ name: 'attic', host: box.host, port: box.port, user: box.user, auth: 'password', tags: [] }));
    const result = await backend.call('runs:start', { profileId: await saveProfile(diskless()), targetIds: [saved.id] });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth-failed', field: 'targetIds.0', message: expect.stringMatching(/^attic: No password is stored/) } });
    expect(backend.activity).toEqual([]);
  });

  it('cancels a run on request and will not start a second run on a busy target', async () => {
    const box = boxes[0] as TestTarget;
    await box.standIns?.control({ apk: { startDelayMs: 400 } });
    const target = await addTarget(box, 'slow');
    const profileId = await saveProfile(diskless());
    const started = value(await backend.call('runs:start', { profileId, targetIds: [target.id] }));
    const again = await backend.call('runs:start', { profileId, targetIds: [target.id] });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('“slow” is already being installed') } });
    // Nor is the box changed under the install by a box action or a reboot.
    for (const refused of [
      await backend.call('boxes:add-packages', { targetId: target.id, names: ['htop'] }),
      await backend.call('boxes:service-action', { targetId: target.id, name: 'crond', action: 'restart' }),
      await backend.call('boxes:power', { targetId: target.id, action: 'reboot', force: true }),
    ])
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: 'An install is running on slow: wait for it to end, or cancel it on the Runs screen, before changing the box.' },
      });
    expect(((await box.standIns?.records()) ?? []).filter((r) => ['reboot', 'rc-service'].includes(r.tool) || (r.tool === 'apk' && r.argv.includes('htop')))).toEqual([]);
    await expect.poll(() => backend.activity.some((a) => a.type === 'run.progress' && a.progress.section === 'Hostname'), { timeout: 20_000 }).toBe(true);
    expect(value(await backend.call('runs:cancel', { runId: started.runIds[0] ?? '' }))).toEqual({ cancelled: 1 });
    const done = await backend.fleetDone(started.fleetId);
    expect(done.runs[0]?.status).toBe('cancelled');
    expect(value(await backend.call('runs:cancel', { fleetId: started.fleetId }))).toEqual({ cancelled: 0 });
  });
});

describe('a fleet with one failing box', () => {
  it('finishes the others, then retries only the failed one, in the same fleet, once the cause is fixed', async () => {
    const [good, bad] = boxes as [TestTarget, TestTarget];
    await bad.standIns?.control({ 'setup-disk': { mode: 'fail', exitCode: 2, errorLine: 'setup-alpine: the mirror is down' } });
    const targets = [await addTarget(good, 'one'), await addTarget(bad, 'two')];
    const profileId = await saveProfile(diskless());
    const started = value(await backend.call('runs:start', { profileId, targetIds: targets.map((t) => t.id) }));
    expect(await backend.call('runs:retry-failed', { fleetId: started.fleetId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('still running') } });

    const first = await backend.fleetDone(started.fleetId);
    expect(first.runs.map((r) => [r.targetName, r.status])).toEqual([
      ['one', 'succeeded'],
      ['two', 'failed'],
    ]);
    const failed = backend.activity.find((a) => a.type === 'run.done' && a.targetId === targets[1]?.id);
    expect(failed).toMatchObject({ error: { code: 'step-failed', message: expect.stringContaining('setup-alpine: the mirror is down') } });

    await bad.standIns?.control({});
    // Narrowed to a box that did not fail, nothing is run again.
    expect(await backend.call('runs:retry-failed', { fleetId: started.fleetId, targetIds: [targets[0]?.id ?? ''] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('nothing to retry') },
    });
    const from = backend.activity.length;
    const retried = value(await backend.call('runs:retry-failed', { fleetId: started.fleetId, targetIds: [targets[1]?.id ?? ''] }));
    expect(retried).toMatchObject({ fleetId: started.fleetId, targetIds: [targets[1]?.id] });
    const second = await backend.fleetDone(started.fleetId, from);
    expect(second.runs).toEqual([{ runId: retried.runIds[0], targetId: targets[1]?.id, targetName: 'two', status: 'succeeded' }]);
    expect(installerRuns((await good.standIns?.records()) ?? [])).toBe(1);
    expect(installerRuns((await bad.standIns?.records()) ?? [])).toBe(2);

    const listed = value(await backend.call('runs:list', {}));
    expect(listed.runs.map((r) => [r.targetId, r.status])[0]).toEqual([targets[1]?.id, 'succeeded']);
    expect(listed.runs).toHaveLength(3);
    expect(await backend.call('runs:retry-failed', { fleetId: started.fleetId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('nothing to retry') } });
  });
});

describe('after Cairn stopped in the middle of a run', () => {
  it('marks the run interrupted at the next start, and "Retry failed" runs it again', async () => {
    const box = boxes[0] as TestTarget;
    const target = await addTarget(box, 'crashy');
    const started = value(await backend.call('runs:start', { profileId: await saveProfile(diskless()), targetIds: [target.id] }));
    await backend.fleetDone(started.fleetId);
    // As a Cairn that died during setup-alpine would have left it.
    const file = path.join(backend.h.dir, 'runs', started.runIds[0] ?? '', 'summary.json');
    const summary = JSON.parse(await readFile(file, 'utf8')) as { status: string; steps: Array<{ id: string; status: string }> };
    summary.status = 'running';
    for (const step of summary.steps) if (step.id !== 'preflight') step.status = step.id === 'setup-alpine' ? 'running' : 'pending';
    await writeFile(file, JSON.stringify(summary));
    await ownedByGoneProcess(path.dirname(file));

    const restarted = await createRunServices({ userData: backend.h.dir, emit: () => undefined, log: backend.h.log });
    expect(restarted.interrupted).toEqual(started.runIds);
    const table = createHandlers({ ...backend.h.services, runs: restarted.services });
    const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => dispatch(table, channel, payload, { sender: 'test', log: backend.h.log }) as Promise<ResultOf<C>>;
    const listed = value(await call('runs:list', {}));
    expect(listed.runs[0]).toMatchObject({ status: 'interrupted', error: { code: 'interrupted' } });
    expect(listed.runs[0]?.steps.map((s) => s.status)).toEqual(['succeeded', 'interrupted', 'skipped', 'skipped', 'skipped']);

    const ended = new Promise<RunActivity>((resolve) => restarted.onActivity((a) => a.type === 'fleet.done' && resolve(a)));
    const retried = value(await call('runs:retry-failed', { fleetId: started.fleetId }));
    expect(retried.targetIds).toEqual([target.id]);
    expect(await ended).toMatchObject({ runs: [{ status: 'succeeded' }] });
  });
});

it('lists a damaged summary as a problem instead of failing the list', async () => {
  await mkdir(path.join(backend.h.dir, 'runs', 'run-broken'), { recursive: true });
  await writeFile(path.join(backend.h.dir, 'runs', 'run-broken', 'summary.json'), '{"runId": ');
  const listed = value(await backend.call('runs:list', {}));
  expect(listed.runs).toEqual([]);
  expect(listed.problems).toEqual([{ file: expect.stringContaining('run-broken'), message: expect.stringContaining('damaged') }]);
  expect(await backend.call('runs:get', { runId: 'run-broken' })).toMatchObject({ ok: false, error: { code: 'corrupt-store' } });
  expect(await backend.call('runs:get', { runId: 'run-gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
});

describe('a batch: one profile, five boxes, each with its own values', () => {
  let five: TestTarget[];
  beforeAll(async () => {
    five = await Promise.all(Array.from({ length: 5 }, () => startOpenSshTarget()));
  }, 120_000);
  afterAll(async () => {
    await Promise.all((five ?? []).map((b) => b.stop()));
  });

  const board = (): Profile => {
    const p = diskless();
    return { ...p, interfaces: [{ ...p.interfaces[0]!, ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' }, wifi: null }] };
  };
  const cells = (target: string, more: Record<string, string> = {}) => ({ target, hostname: '', ipv4: '', ipv6: '', wifi_ssid: '', wifi_passphrase: '', packages: '', ...more });
  const read = (box: TestTarget, file: string) => readFile(path.join(box.root ?? '', file), 'utf8');

  it('checks the table as a whole, installs each box with its own hostname and address, and retries only the failed box with its values', async () => {
    for (const box of five) {
      await box.standIns?.clearRecords();
      await box.standIns?.control({});
    }
    const names = ['b1', 'b2', 'b3', 'b4', 'b5'];
    for (const [n, box] of five.entries()) await addTarget(box, names[n] ?? '');
    const profileId = await saveProfile(board());

    // Two rows with the same hostname, and a row naming no known box: refused, by row and column, nothing sent.
    const bad = { hostname: '', ipv4Pool: '192.168.1.40-192.168.1.49', rows: [cells('b1', { hostname: 'twin' }), cells('b2', { hostname: 'twin' }), cells('nobody')] };
    const checked = value(await backend.call('runs:check-batch', { profileId, batch: bad }));
    expect(checked.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['3 hostname', '4 target']);
    const refused = await backend.call('runs:start-batch', { profileId, batch: bad });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Row 3, hostname: Row 2 has the same hostname (twin)') } });
    expect(installerRuns((await five[0]?.standIns?.records()) ?? [])).toBe(0);

    // The fourth box's apk fails: the others go on.
    await five[3]?.standIns?.control({ apk: { mode: 'fail', exitCode: 1 } });
    const batch = {
      hostname: 'pi-{nn}',
      ipv4Pool: '192.168.1.40-192.168.1.49',
      rows: names.map((n) => cells(n, n === 'b3' ? { hostname: 'kitchen', ipv4: '192.168.1.99/24' } : { packages: 'htop' })),
    };
    const lines = value(await backend.call('runs:check-batch', { profileId, batch }));
    expect(lines.problems).toEqual([]);
    expect(lines.boxes.map((b) => [b.target, b.hostname, b.addresses])).toEqual([
      ['b1', 'pi-01', ['192.168.1.40/24']],
      ['b2', 'pi-02', ['192.168.1.41/24']],
      ['b3', 'kitchen', ['192.168.1.99/24']],
      ['b4', 'pi-04', ['192.168.1.42/24']],
      ['b5', 'pi-05', ['192.168.1.43/24']],
    ]);
    const started = value(await backend.call('runs:start-batch', { profileId, batch, concurrency: 5 }));
    const first = await backend.fleetDone(started.fleetId);
    expect(first.runs.map((r) => [r.targetName, r.status])).toEqual([
      ['b1', 'succeeded'],
      ['b2', 'succeeded'],
      ['b3', 'succeeded'],
      ['b4', 'failed'],
      ['b5', 'succeeded'],
    ]);
    // The real installer wrote each box's own files.
    const expected: Array<[number, string, string]> = [
      [0, 'pi-01', '192.168.1.40'],
      [1, 'pi-02', '192.168.1.41'],
      [2, 'kitchen', '192.168.1.99'],
      [4, 'pi-05', '192.168.1.43'],
    ];
    for (const [n, hostname, address] of expected) {
      const box = five[n] as TestTarget;
      expect(await read(box, 'etc/hostname')).toBe(`${hostname}\n`);
      expect(await read(box, 'etc/network/interfaces')).toContain(`address ${address}`);
    }

    await five[3]?.standIns?.control({});
    const from = backend.activity.length;
    const retried = value(await backend.call('runs:retry-failed', { fleetId: started.fleetId }));
    expect(retried.targetIds).toHaveLength(1);
    const second = await backend.fleetDone(started.fleetId, from);
    expect(second.runs.map((r) => [r.targetName, r.status])).toEqual([['b4', 'succeeded']]);
    expect(await read(five[3] as TestTarget, 'etc/hostname')).toBe('pi-04\n');
    expect(await read(five[3] as TestTarget, 'etc/network/interfaces')).toContain('address 192.168.1.42');
    expect(installerRuns((await five[0]?.standIns?.records()) ?? [])).toBe(1);
  }, 180_000);
});
