import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../e2e/target';
import { installerRuns } from '../e2e/target/stand-ins.test-support';
import { createStore } from '../electron/store';
import type { FleetActivity, RunActivity } from '../electron/runs/fleet-registry';
import { templateById, type Profile } from '../shared/profile';
import { openBackend } from './backend';
import { buildCli, cairn, isolatedEnv, jsonLines } from './cli-process.test-support';

// `cairn fleet --batch` as a script runs it, against three real sshd boxes
// (Alpine chroots with the real installer): the app's batch, each row's box
// named as a saved target, as user@host or as a ~/.ssh/config alias, each
// installed with its own hostname. The boxes are shared by every case.

let boxes: TestTarget[];
let dir: string;
let data: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  buildCli();
  boxes = await Promise.all([startOpenSshTarget(), startOpenSshTarget(), startOpenSshTarget()]);
}, 120_000);
afterAll(async () => {
  await Promise.all((boxes ?? []).map((b) => b.stop()));
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-cli-fleet-'));
  data = join(dir, 'data');
  env = isolatedEnv(dir);
  for (const box of boxes) {
    await box.standIns?.clearRecords();
    await box.standIns?.control({});
  }
  return () => rm(dir, { recursive: true, force: true });
});

const box = (n: number) => boxes[n] as TestTarget;
const hostnameOf = (n: number) => readFile(join(box(n).root ?? '', 'etc/hostname'), 'utf8');
const installs = async (n: number) => installerRuns((await box(n).standIns?.records()) ?? []);

const diskless = (): Profile => {
  const p = templateById('diskless-iot')?.make() as Profile;
  return { ...p, name: 'Sensor', hostname: 'sensor', packages: [], services: [] };
};

/**
 * The batch of three: box 0 saved in the data folder as "garage", box 1 as
 * user@host:port (logging in with --key), box 2 as the Host alias "rack3" of
 * ~/.ssh/config in the test's own HOME, through an Include.
 */
async function setUp({ trusted = true }: { trusted?: boolean } = {}): Promise<{ profile: string; csv: string; key: string[] }> {
  const store = await createStore(data);
  const saved = await store.targets.save({ name: 'garage', host: box(0).host, port: box(0).port, user: box(0).user, auth: 'key', keyPath: box(0).privateKeyPath, tags: [] });
  if (!saved.ok) throw new Error(saved.error.message);
  if (trusted) for (const b of boxes) await store.knownHosts.add(b.host, b.port, 'ssh-ed25519', b.hostPublicKey.split(' ')[1] ?? '');
  await mkdir(join(dir, '.ssh', 'hosts'), { recursive: true });
  await writeFile(join(dir, '.ssh', 'config'), 'Include hosts/*\n');
  await writeFile(
    join(dir, '.ssh', 'hosts', 'rack'),
    `Host rack3\n  HostName ${box(2).host}\n  Port ${box(2).port}\n  User ${box(2).user}\n  IdentityFile ${box(2).privateKeyPath}\n`,
  );
  const profile = join(dir, 'sensor.json');
  await writeFile(profile, JSON.stringify(diskless()));
  const csv = join(dir, 'rack.csv');
  await writeFile(csv, `target,hostname\ngarage,\n${box(1).user}@${box(1).host}:${box(1).port},\nrack3,\n`);
  return { profile, csv, key: ['--key', box(1).privateKeyPath] };
}

describe('cairn fleet --batch', () => {
  it('installs each row with its own hostname from the pattern, progress per box on stderr, outcome per box on stdout', async () => {
    const { profile, csv, key } = await setUp();
    const r = await cairn(['fleet', profile, '--batch', csv, '--hostname', 'node-{nn}', ...key, '--data', data, '--parallel', '3'], { env });
    expect(r.stderr).toMatch(/^garage: {3}setup-alpine \d+\/\d+: Hostname$/m);
    expect(r.stderr).toMatch(/^rack3: {3}setup-alpine \d+\/\d+: Hostname$/m);
    expect(r.status).toBe(0);
    const address = `${box(1).user}@${box(1).host}:${box(1).port}`;
    for (const [who, hostname] of [
      ['garage', 'node-01'],
      [address, 'node-02'],
      ['rack3', 'node-03'],
    ])
      expect(r.stdout).toContain(`${who} (${hostname}): installed (run run-`);

    // The real installer wrote each box's own name.
    expect([await hostnameOf(0), await hostnameOf(1), await hostnameOf(2)]).toEqual(['node-01\n', 'node-02\n', 'node-03\n']);
    expect(await readdir(join(data, 'runs'))).toHaveLength(3);
    // Boxes named on the command line are not saved: the app's list is as it was.
    expect((await (await createStore(data)).targets.list()).targets.map((t) => t.name)).toEqual(['garage']);
  });

  it('with --json, --accept-new and --parallel 1: one object per line, each box trusted, installed one after the other', async () => {
    const { profile, csv, key } = await setUp({ trusted: false });
    const r = await cairn(['fleet', profile, '--batch', csv, '--hostname', 'edge-{n}', ...key, '--data', data, '--accept-new', '--parallel', '1', '--json'], { env });
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.filter((l) => l.type === 'host-key.accepted')).toHaveLength(3);
    expect(lines.filter((l) => l.type === 'box').map((l) => [l.row, l.hostname])).toEqual([
      [2, 'edge-1'],
      [3, 'edge-2'],
      [4, 'edge-3'],
    ]);
    const runs = lines.filter((l) => l.type === 'run');
    expect(runs.map((l) => [l.target, l.hostname, l.status])).toEqual([
      ['garage', 'edge-1', 'succeeded'],
      [`${box(1).user}@${box(1).host}:${box(1).port}`, 'edge-2', 'succeeded'],
      ['rack3', 'edge-3', 'succeeded'],
    ]);
    // One box at a time: each run's first event comes after the previous run ended.
    const events = lines.filter((l) => typeof l.runId === 'string' && l.type.startsWith('run.'));
    const ids = runs.map((l) => l.runId);
    for (let n = 1; n < ids.length; n++) {
      const previousDone = events.findIndex((e) => e.runId === ids[n - 1] && e.type === 'run.done');
      const firstOfNext = events.findIndex((e) => e.runId === ids[n]);
      expect(previousDone).toBeGreaterThanOrEqual(0);
      expect(firstOfNext).toBeGreaterThan(previousDone);
    }
    expect(lines.at(-1)).toEqual({ type: 'result', ok: true, exitCode: 0 });
    expect([await hostnameOf(0), await hostnameOf(1), await hostnameOf(2)]).toEqual(['edge-1\n', 'edge-2\n', 'edge-3\n']);
  });

  it('--dry-run with a duplicate hostname, a bad address and an unknown alias exits 1 naming each row, and reaches no box', async () => {
    const { profile, key } = await setUp();
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, `target,hostname,ipv4\ngarage,twin,\nrack3,twin,\n${box(1).user}@${box(1).host}:${box(1).port},c,192.168.1.300/24\nrack9,d,\n`);
    const r = await cairn(['fleet', profile, '--batch', csv, ...key, '--data', data, '--dry-run'], { env });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${csv}: row 3, hostname: Row 2 has the same hostname (twin); each box needs its own.\n`);
    expect(r.stderr).toContain(`${csv}: row 4, ipv4: “192.168.1.300/24” is not an IPv4 address, like 192.168.1.40/24.\n`);
    expect(r.stderr).toContain(`${csv}: row 5, target: No saved target is named “rack9”, and ~/.ssh/config has no Host rack9`);
    expect(r.stderr).toMatch(/3 problems to fix .*nothing was sent to the boxes\.\n$/);
    expect([await installs(0), await installs(1), await installs(2)]).toEqual([0, 0, 0]);
    expect(await box(0).standIns?.records()).toEqual([]);

    // Fixed, the dry run lists the boxes, the alias found through the Include.
    const good = join(dir, 'good.csv');
    await writeFile(good, 'target,hostname\ngarage,kitchen\nrack3,\n');
    const ok = await cairn(['fleet', profile, '--batch', good, '--hostname', 'pi-{nn}', '--data', data, '--dry-run', '--json'], { env });
    expect(ok.status).toBe(0);
    expect(
      jsonLines(ok.stdout)
        .filter((l) => l.type === 'box')
        .map((l) => [l.target, l.hostname]),
    ).toEqual([
      ['garage', 'kitchen'],
      ['rack3', 'pi-02'],
    ]);
    expect(await box(2).standIns?.records()).toEqual([]);
  });
});

describe("the app's batch", () => {
  it('takes a ~/.ssh/config alias as a row target, saves it as a target tagged batch and installs the box with its row values', async () => {
    const { profile } = await setUp();
    // The app's own services and handler table, reading the config of this HOME (as the window's batch would).
    const backend = await openBackend({ dataDir: data, homeDir: dir, localUser: userInfo().username, version: 'test' });
    const profileId = backend.useProfile(JSON.parse(await readFile(profile, 'utf8')) as Profile);
    const batch = { hostname: '', ipv4Pool: '', rows: [{ target: 'rack3', hostname: 'aliased', ipv4: '', ipv6: '', wifi_ssid: '', wifi_passphrase: '', packages: '' }] };
    const checked = await backend.call('runs:check-batch', { profileId, batch });
    expect(checked).toMatchObject({ ok: true, value: { problems: [], boxes: [{ row: 2, target: 'rack3', hostname: 'aliased' }] } });

    const activity: RunActivity[] = [];
    const done = new Promise<FleetActivity>((resolve) =>
      backend.onActivity((a) => {
        activity.push(a);
        if (a.type === 'fleet.done') resolve(a);
      }),
    );
    const started = await backend.call('runs:start-batch', { profileId, batch });
    expect(started.ok).toBe(true);
    expect(await done).toMatchObject({ runs: [{ targetName: 'rack3', status: 'succeeded' }] });
    expect(await hostnameOf(2)).toBe('aliased\n');
    const saved = (await (await createStore(data)).targets.list()).targets.find((t) => t.name === 'rack3');
    expect(saved).toMatchObject({ host: box(2).host, port: box(2).port, user: box(2).user, auth: 'key', keyPath: box(2).privateKeyPath, tags: ['batch', 'ssh-config'] });
  });
});
