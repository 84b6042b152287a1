import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../e2e/target';
import { installerRuns } from '../e2e/target/stand-ins.test-support';
import { createStore } from '../electron/store';
import { templateById, type Profile } from '../shared/profile';
import { buildCli, cairn, isolatedEnv, jsonLines, REPO } from './cli-process.test-support';

// `cairn push` as a script runs it, against a real sshd box (an Alpine chroot
// with the real installer and recording stand-ins): the run the app's Run
// screen starts, kept in the data folder the app reads.

let box: TestTarget;
let dir: string;
let data: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  buildCli();
  box = await startOpenSshTarget();
});
afterAll(() => box?.stop());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-cli-push-'));
  data = join(dir, 'data');
  env = isolatedEnv(dir);
  await box.standIns?.clearRecords();
  await box.standIns?.control({});
  return () => rm(dir, { recursive: true, force: true });
});

/** The box saved as a target in the data folder, as the app saves it, its host key trusted there. */
async function saveTarget(name: string): Promise<void> {
  const store = await createStore(data);
  const saved = await store.targets.save({ name, host: box.host, port: box.port, user: box.user, auth: 'key', keyPath: box.privateKeyPath, tags: [] });
  if (!saved.ok) throw new Error(saved.error.message);
  await store.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
}

async function profileFile(profile: Profile): Promise<string> {
  const path = join(dir, `${profile.hostname}.json`);
  await writeFile(path, JSON.stringify(profile));
  return path;
}

const diskless = (): Profile => {
  const p = templateById('diskless-iot')?.make() as Profile;
  return { ...p, name: 'Sensor', hostname: 'sensor', packages: [], services: [] };
};

describe('cairn push', () => {
  it('installs a diskless profile on a saved target, with progress by section on stderr, and keeps the run', async () => {
    await saveTarget('garage');
    const r = await cairn(['push', await profileFile(diskless()), 'garage', '--data', data], { env });
    expect(r.stderr).toMatch(/^garage: {3}setup-alpine \d+\/\d+: Hostname$/m);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^garage: installed \(run run-[a-z0-9-]+, log .+\/output\.log\)$/m);

    expect(installerRuns((await box.standIns?.records()) ?? [])).toBe(1);
    expect(await readFile(join(box.root ?? '', 'etc/hostname'), 'utf8')).toBe('sensor\n');
    // Where the app's Runs screen reads it: userData/runs/RUN/summary.json and output.log.
    const runs = await readdir(join(data, 'runs'));
    expect(runs).toHaveLength(1);
    const runId = runs[0];
    const summary = JSON.parse(await readFile(join(data, 'runs', runId ?? '', 'summary.json'), 'utf8')) as { status: string; profileName: string; target: { port: number } };
    expect(summary).toMatchObject({ status: 'succeeded', profileName: 'Sensor', target: { port: box.port } });
    expect(await readFile(join(data, 'runs', runId ?? '', 'output.log'), 'utf8')).toMatch(/^ Hostname$/m);
  });

  it('with --json prints the run events and the outcome, one object per line, and nothing on stderr but warnings', async () => {
    await saveTarget('garage');
    const r = await cairn(['push', '--json', await profileFile(diskless()), 'garage', '--data', data], { env });
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    const types = lines.map((l) => l.type);
    expect(types[0]).toBe('plan');
    expect(types).toContain('fleet.started');
    expect(types).toContain('run.progress');
    expect(lines.find((l) => l.type === 'run')).toMatchObject({ target: 'garage', status: 'succeeded', error: null });
    expect(lines.at(-1)).toEqual({ type: 'result', ok: true, exitCode: 0 });
    expect(r.stderr).not.toMatch(/setup-alpine \d/);
  });

  it('ends a box whose key cannot be read with key-unreadable and its own sentence, in the run and the exit status', async () => {
    const keyPath = `${box.privateKeyPath}.pub`;
    const address = `${box.user}@${box.host}:${box.port}`;
    const store = await createStore(data);
    await store.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
    const r = await cairn(['push', '--json', await profileFile(diskless()), address, '--key', keyPath, '--data', data], { env });
    const message = `The file ${keyPath} holds a public key, which cannot log in: choose the private key file that goes with it (${box.privateKeyPath}).`;
    expect(jsonLines(r.stdout).find((l) => l.type === 'run')).toMatchObject({ status: 'failed', error: { code: 'key-unreadable', message, stepId: 'preflight' } });
    expect(r.stderr).toContain(`${address}: ${message}`);
    expect(r.status).toBe(5);
    expect(await box.standIns?.records()).toEqual([]);
  });

  it('refuses a plan that erases a disk unless --erase names exactly that disk, and sends nothing', async () => {
    await saveTarget('garage');
    const oldPc = await profileFile(templateById('old-pc')?.make() as Profile);
    const unconfirmed = await cairn(['push', oldPc, 'garage', '--data', data], { env });
    expect(unconfirmed.status).toBe(3);
    expect(unconfirmed.stderr).toContain('This plan erases /dev/sda on every target: add --erase /dev/sda to confirm that this disk may be erased. Nothing was sent to the boxes.');

    const wrong = await cairn(['push', oldPc, 'garage', '--erase', '/dev/sdb', '--data', data, '--json'], { env });
    expect(wrong.status).toBe(3);
    expect(jsonLines(wrong.stdout).at(-2)).toMatchObject({ type: 'error', code: 'confirmation-mismatch', exitCode: 3 });
    expect(await box.standIns?.records()).toEqual([]);
    expect(await readdir(join(data, 'runs')).catch(() => [])).toEqual([]);
  });

  it('refuses a box whose host key is unknown with exit 4 and its fingerprint; --accept-new trusts it and installs', async () => {
    const profile = await profileFile(diskless());
    const address = `${box.user}@${box.host}:${box.port}`;
    const refused = await cairn(['push', profile, address, '--key', box.privateKeyPath, '--data', data], { env });
    expect(refused.status).toBe(4);
    expect(refused.stderr).toContain(box.hostKeyFingerprint);
    expect(refused.stderr).toContain('run the command again with --accept-new');
    expect(installerRuns((await box.standIns?.records()) ?? [])).toBe(0);

    const accepted = await cairn(['push', profile, address, '--key', box.privateKeyPath, '--data', data, '--accept-new'], { env });
    expect(accepted.stderr).toContain(`trusted the new ssh-ed25519 host key ${box.hostKeyFingerprint}`);
    expect(accepted.status).toBe(0);
    expect(await readFile(join(data, 'known_hosts'), 'utf8')).toContain(box.hostPublicKey.split(' ')[1]);
  });

  it('stops the run on Ctrl-C with exit 130, the run kept as stopped', async () => {
    await saveTarget('garage');
    await box.standIns?.control({ apk: { startDelayMs: 400 } });
    const child = spawn(process.execPath, ['bin/cairn.js', 'push', await profileFile(diskless()), 'garage', '--data', data], { cwd: REPO, env });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // Ctrl-C once setup-alpine is under way, as a person at the terminal would (a second one would quit at once).
      if (!interrupted && /setup-alpine \d+\/\d+: Hostname/.test(stderr)) interrupted = child.kill('SIGINT');
    });
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toContain('Stopping the runs');
    expect(status).toBe(130);
    expect(stdout).toMatch(/^garage: stopped \(run /m);
    const [runId] = await readdir(join(data, 'runs'));
    expect(JSON.parse(await readFile(join(data, 'runs', runId ?? '', 'summary.json'), 'utf8'))).toMatchObject({ status: 'cancelled' });
  });
});
