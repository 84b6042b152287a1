import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'ssh2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { hideOnBox, installerRuns } from '../../e2e/target/stand-ins.test-support';
import { renderInterfaces } from '../../shared/answerfile/interfaces-render';
import { plan, type Step } from '../../shared/plan';
import { sh } from '../../shared/shell';
import { templateById, type Profile } from '../../shared/profile';
import { runTarget, type Planner, type RunTargetOptions } from './run-target';
import { disklessProfile, eventLog, loginTo, running, runsFolder } from './runs.test-support';

const ROOT_HASH = '$6$rootsalt$' + 'R'.repeat(86);
const USER_HASH = '$6$usersalt$' + 'U'.repeat(86);

let target: TestTarget;
let login: ReturnType<typeof loginTo>;
let runs: ReturnType<typeof runsFolder>;
beforeAll(async () => {
  target = await startOpenSshTarget();
  login = loginTo(target);
});
afterAll(async () => {
  login?.cleanup();
  await target?.stop();
});
beforeEach(async () => {
  runs = runsFolder();
  await target.standIns?.clearRecords();
  await target.standIns?.control({});
});
afterEach(() => runs.cleanup());

const onBox = (file: string) => path.join(target.root ?? '', file);
/** Cairn's run folders left in the box's /tmp. */
const runFolders = async () => (await readdir(onBox('tmp'))).filter((name) => name.startsWith('cairn.'));
const records = async () => (await target.standIns?.records()) ?? [];
/** What the stand-ins were asked beyond preflight's read-only `apk info`: empty means nothing was changed on the box. */
const actions = async () => (await records()).filter((r) => !(r.tool === 'apk' && r.argv[0] === 'info'));

function run(profile: Profile, options: Partial<RunTargetOptions> = {}) {
  const events = eventLog();
  const result = runTarget({ targetId: 'box-1', connect: login.connect, profile, openRun: runs.openRun, sink: events.sink, ...options });
  return { events, result };
}

/** An old PC install with every optional step: passwords, a full name setup-user cannot take, packages, a service, the disk. */
function fullProfile(): Profile {
  const p = templateById('old-pc')?.make() as Profile;
  return { ...p, rootPasswordHash: ROOT_HASH, user: { ...(p.user as NonNullable<Profile['user']>), fullName: 'Jane Doe', passwordHash: USER_HASH } };
}

describe('a full install on the OpenSSH target', () => {
  it('runs every step in order on the real installer and records it all', async () => {
    const profile = fullProfile();
    const { events, result } = run(profile, { confirm: { erase: ['/dev/sda'] } });
    const done = await result;
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');

    const steps = done.summary.steps.map((s) => [s.id, s.status]);
    expect(steps).toEqual([
      ['preflight', 'succeeded'],
      ['root-password', 'succeeded'],
      ['setup-alpine', 'succeeded'],
      ['cleanup', 'succeeded'],
      ['user-fullname', 'succeeded'],
      ['user-password', 'succeeded'],
      ['packages', 'succeeded'],
      ['services', 'succeeded'],
      ['disk', 'succeeded'],
    ]);
    const workDir = done.summary.workDir ?? '';
    expect(workDir).toMatch(/^\/tmp\/cairn\.\w+$/);

    const seen = await records();
    // The real setup-alpine ran once on the answer file, with stdin closed, and the box shows it.
    expect(installerRuns(seen)).toBe(1);
    expect(seen.filter((r) => r.tool === 'apk').every((r) => r.stdin === '' && !r.stdinLeftOpen)).toBe(true);
    expect(await readFile(onBox('etc/hostname'), 'utf8')).toBe(`${profile.hostname}\n`);
    expect(await readFile(onBox('etc/network/interfaces'), 'utf8')).toBe(renderInterfaces(profile.interfaces));
    expect(seen.find((r) => r.tool === 'apk' && r.argv[0] === 'add' && r.argv.includes('htop'))?.argv).toEqual(['add', 'htop', 'nftables']);
    expect(seen.find((r) => r.tool === 'rc-update' && r.argv.includes('nftables'))?.argv).toEqual(['add', 'nftables', 'default']);
    const disk = seen.filter((r) => r.tool === 'setup-disk').at(-1);
    expect(disk?.argv).toEqual(['-m', 'sys', '-L', '-s', '2048', '/dev/sda']);
    expect(disk?.env.ERASE_DISKS).toBe('/dev/sda');

    // The passwords arrived as hashes through chpasswd's stdin, and the full name in its own step.
    const shadow = await readFile(onBox('etc/shadow'), 'utf8');
    expect(shadow).toContain(`root:${ROOT_HASH}:`);
    expect(shadow).toContain(`admin:${USER_HASH}:`);
    expect(await readFile(onBox('etc/passwd'), 'utf8')).toMatch(/^admin:x:\d+:\d+:Jane Doe:/m);
    // The work folder (answer file, logs) is gone from the box.
    expect(existsSync(onBox(workDir))).toBe(false);

    const progress = events.of('run.progress').map((e) => e.progress.section);
    expect(progress).toEqual(['Keymap', 'Hostname', 'Interface', 'Timezone', 'Proxy', 'Network Time Protocol', 'APK Mirror', 'User', 'Disk & Install']);
    expect(events.events.at(-1)).toMatchObject({ type: 'run.done', status: 'succeeded', runId: done.runId, targetId: 'box-1' });
    const output = events
      .of('run.output')
      .map((e) => e.text)
      .join('');
    const log = await readFile(done.logPath, 'utf8');
    expect(output).toBe(log);
    expect(log).toContain(' ALPINE LINUX INSTALL');

    const saved = JSON.parse(await readFile(path.join(runs.dir, done.runId, 'summary.json'), 'utf8'));
    expect(saved).toMatchObject({ status: 'succeeded', runId: done.runId, logBytes: Buffer.byteLength(log) });
    // Secrets travel on stdin only and are never written down.
    for (const text of [log, JSON.stringify(saved), JSON.stringify(events.events)]) {
      expect(text).not.toContain(ROOT_HASH);
      expect(text).not.toContain(USER_HASH);
    }
  });
});

// Each channel costs the box a process of its SSH server, and each is a round trip: 50 boxes at once feel both.
describe('the round trips of a run', () => {
  it('pushes and runs setup-alpine in three channels: preflight, the answer file with the launch, the cleanup with the folder', async () => {
    const exec = vi.spyOn(Client.prototype, 'exec');
    try {
      const planner: Planner = (profile, facts, options) => plan(profile, facts, options).filter((s) => s.id === 'setup-alpine' || s.id === 'cleanup');
      const { result } = run(disklessProfile(), { planner });
      const done = await result;
      expect(done.status).toBe('succeeded');
      expect(installerRuns(await records())).toBe(1);
      expect(exec).toHaveBeenCalledTimes(3);
      expect(await runFolders()).toEqual([]);
    } finally {
      exec.mockRestore();
    }
  });
});

describe('when setup-alpine goes wrong', () => {
  it('fails on a non-zero exit, says why, skips the rest but still removes the answer file', async () => {
    await target.standIns?.control({ 'setup-disk': { mode: 'fail', exitCode: 3, errorLine: '/dev/sda is not a block device suitable for partitioning' } });
    const done = await run(disklessProfile({ packages: ['htop'] })).result;
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'step-failed', stepId: 'setup-alpine' });
    expect(done.error?.message).toMatch(/failed with exit code 3: \/dev\/sda is not a disk on this box/);
    expect(done.summary.steps.map((s) => s.status)).toEqual(['succeeded', 'failed', 'succeeded', 'skipped', 'skipped']);
    expect((await records()).filter((r) => r.argv.includes('htop'))).toEqual([]);
    expect(existsSync(onBox(`${done.summary.workDir}/answers`))).toBe(false);
    // The cleanup, the last step to run, took the work folder with it.
    expect(await runFolders()).toEqual([]);
  });

  it('warns about a bad time zone although setup-alpine exits 0', async () => {
    const restore = await hideOnBox(target, 'usr/share/zoneinfo/UTC');
    const { events, result } = run(disklessProfile());
    const done = await result.finally(restore);
    expect(done.status).toBe('warned');
    expect(done.findings).toEqual([
      expect.objectContaining({ kind: 'invalid-timezone', severity: 'warning', section: 'Timezone', reason: expect.stringContaining('"UTC" does not exist') }),
    ]);
    expect(done.summary.steps.find((s) => s.id === 'setup-alpine')).toMatchObject({ status: 'warned', exitCode: 0 });
    expect(events.of('run.done')[0]?.findings).toHaveLength(1);
  });

  it('stops a prompt loop on the box and says which prompt repeated', async () => {
    const restore = await hideOnBox(target, 'usr/share/bkeymaps/us/us.bmap.gz');
    const done = await run(disklessProfile()).result.finally(restore);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'prompt-loop', stepId: 'setup-alpine' });
    expect(done.error?.message).toContain(`asked "Select variant (or 'abort'):" 5 times in the Keymap section`);
    await expect.poll(() => running(target, 'setup-')).toEqual([]);
    expect(installerRuns(await records())).toBe(0);
  });

  it('stops a step that goes quiet for too long', async () => {
    await target.standIns?.control({ apk: { mode: 'hang' } });
    const done = await run(disklessProfile(), { limits: { idleTimeoutMs: 1500 } }).result;
    expect(done.error).toMatchObject({ code: 'idle-timeout', stepId: 'setup-alpine', message: expect.stringContaining('printed nothing for 1.5 s') });
    await expect.poll(() => running(target, 'setup-alpine')).toEqual([]);
    await expect.poll(() => running(target, '/sbin/apk')).toEqual([]);
  });

  it('stops a step that runs longer than its limit even while it prints', async () => {
    await target.standIns?.control({ apk: { startDelayMs: 400 } });
    const done = await run(disklessProfile(), { limits: { stepTimeoutMs: { long: 1500 } } }).result;
    expect(done.error).toMatchObject({ code: 'timeout', stepId: 'setup-alpine', message: expect.stringContaining('still running after 1.5 s') });
    await expect.poll(() => running(target, 'setup-alpine')).toEqual([]);
  });

  it('cancels: stops setup-alpine on the box, removes the answer file, skips the rest', async () => {
    await target.standIns?.control({ apk: { startDelayMs: 300 } });
    const abort = new AbortController();
    const { events, result } = run(disklessProfile({ packages: ['htop'] }), {
      signal: abort.signal,
      sink: (e) => {
        events.sink(e);
        if (e.type === 'run.progress' && e.progress.section === 'Hostname') abort.abort();
      },
    });
    const done = await result;
    expect(done.status).toBe('cancelled');
    expect(done.summary.steps.map((s) => [s.id, s.status])).toEqual([
      ['preflight', 'succeeded'],
      ['setup-alpine', 'cancelled'],
      ['cleanup', 'succeeded'],
      ['packages', 'skipped'],
      ['lbu-commit', 'skipped'],
    ]);
    expect(existsSync(onBox(`${done.summary.workDir}/answers`))).toBe(false);
    expect(await runFolders()).toEqual([]);
    await expect.poll(() => running(target, 'setup-alpine')).toEqual([]);
    expect(events.of('run.done')[0]).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
  });

  it('still removes the work folder when the last step, which was to take it along, is stopped', async () => {
    const marker = `sleep 37.${process.pid}`;
    const last: Step = { id: 'last', title: 'Wait', command: sh('/bin/sh', '-c', marker), destructive: false, erases: [], duration: 'short' };
    const done = await run(disklessProfile(), { planner: () => [last], limits: { stepTimeoutMs: { short: 1000 } } }).result;
    expect(done.error).toMatchObject({ code: 'timeout', stepId: 'last' });
    expect(await runFolders()).toEqual([]);
    await expect.poll(() => running(target, marker)).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses before connecting when the erase confirmation names other disks', async () => {
    const profile = templateById('vm')?.make() as Profile;
    const { events, result } = run(profile, { confirm: { erase: ['/dev/sdb'] } });
    const done = await result;
    expect(done).toMatchObject({
      status: 'refused',
      error: { code: 'confirmation-mismatch', message: expect.stringContaining('This plan erases /dev/vda, but the confirmation names /dev/sdb') },
    });
    expect(await records()).toEqual([]);
    expect(done.summary.steps.every((s) => s.status === 'skipped')).toBe(true);
    expect(events.of('run.done')).toHaveLength(1);
    const missing = await run(profile).result;
    expect(missing.error?.code).toBe('confirmation-mismatch');
    expect(await records()).toEqual([]);
  });

  it('refuses in preflight when the named disk is not on the box', async () => {
    await mkdir(onBox('sys/block/sda'), { recursive: true });
    try {
      const done = await run(templateById('vm')?.make() as Profile, { confirm: { erase: ['/dev/vda'] } }).result;
      expect(done).toMatchObject({ status: 'refused', error: { code: 'preflight-refused', stepId: 'preflight' } });
      expect(done.error?.message).toContain('The disk /dev/vda does not exist on the box (it has /dev/sda)');
      expect(done.summary.preflight.facts?.disks).toEqual(['sda']);
      expect(await actions()).toEqual([]);
      // The run's folder is made with the facts, in one round trip; a refused box keeps none.
      expect(await runFolders()).toEqual([]);
    } finally {
      await rm(onBox('sys'), { recursive: true, force: true });
    }
  });

  it('refuses a disk install on a box that already runs from a disk', async () => {
    await mkdir(onBox('proc'), { recursive: true });
    const mounts = await readFile(onBox('proc/mounts'), 'utf8');
    await writeFile(onBox('proc/mounts'), '/dev/sda3 / ext4 rw,relatime 0 0\n');
    try {
      const done = await run(templateById('vm')?.make() as Profile, { confirm: { erase: ['/dev/vda'] } }).result;
      expect(done.error?.message).toContain('already runs from a disk (/ is /dev/sda3 ext4)');
      expect(await actions()).toEqual([]);
    } finally {
      await writeFile(onBox('proc/mounts'), mounts);
    }
  });

  it('says plainly when the run cannot make its folder in /tmp, after reading the box', async () => {
    // The login is root in the chroot, so no mode stops it: /tmp is made a plain file instead.
    await rename(onBox('tmp'), onBox('tmp.away'));
    await writeFile(onBox('tmp'), '');
    try {
      const done = await run(disklessProfile()).result;
      expect(done).toMatchObject({ status: 'failed', error: { code: 'remote-failed', stepId: 'preflight' } });
      expect(done.error?.message).toMatch(/^Cairn could not make its folder in \/tmp on the box \(.+\): check that \/tmp exists and has free space\.$/);
      expect(done.summary.preflight.facts).toMatchObject({ alpineRelease: '3.20.3' });
      expect(await actions()).toEqual([]);
    } finally {
      await rm(onBox('tmp'));
      await rename(onBox('tmp.away'), onBox('tmp'));
    }
  });

  it("reads alpine-conf's version from apk's database without running apk", async () => {
    const db = onBox('lib/apk/db/installed');
    const before = await readFile(db, 'utf8');
    await writeFile(db, `${before}C:Q1x\nP:alpine-conf-extra\nV:9.9.9-r9\n\nC:Q1y\nP:alpine-conf\nV:3.22.0-r0\nA:x86_64\n\n`);
    try {
      const done = await run(templateById('vm')?.make() as Profile, { planner: () => [] }).result;
      expect(done.summary.preflight.facts?.alpineConf).toBe('3.22.0-r0');
      expect(await records()).toEqual([]);
    } finally {
      await writeFile(db, before);
    }
  });

  it('passes preflight on the test target and says what it could not check', async () => {
    const done = await run(templateById('vm')?.make() as Profile, { planner: () => [] }).result;
    expect(done.status).toBe('succeeded');
    expect(done.summary.preflight.facts).toMatchObject({ alpineRelease: '3.20.3', arch: 'x86_64', uid: 0, setupAlpine: '/sbin/setup-alpine', disks: null, boot: 'ram' });
    expect(done.summary.preflight.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('cannot check that /dev/vda exists'));
  });

  it('fails without sending anything to a server whose host key is not trusted', async () => {
    const stranger = { ...login.connect, trust: { storePath: path.join(runs.dir, 'kh'), userKnownHostsPath: null } };
    const done = await run(disklessProfile(), { connect: stranger }).result;
    expect(done).toMatchObject({ status: 'failed', error: { code: 'host-key-unknown', stepId: 'preflight' } });
    expect(await records()).toEqual([]);
  });
});
