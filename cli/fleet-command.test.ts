import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { templateById, type Profile } from '../shared/profile';
import { createStore } from '../electron/store';
import { DEFAULT_PARALLEL } from './fleet-options';
import { main } from './main';

// `cairn fleet` before any box is reached: its command line, and the dry
// run, which checks the batch through the app's runs:check-batch over a real
// data folder and a ~/.ssh/config in a home of its own. The integration test
// (cairn-fleet.int.test.ts) installs real boxes.

let dir: string;
let data: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-fleet-'));
  data = join(dir, 'data');
  return () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function cairn(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (path) => readFile(path, 'utf8'),
    env: { HOME: dir, ...env },
  });
  return { status, stdout, stderr };
}

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** A board with a static address on eth0, so rows can take their own. */
const board = (): Profile => {
  const p = templateById('diskless-iot')?.make() as Profile;
  const eth0 = p.interfaces[0] as Profile['interfaces'][number];
  const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsZ4t0h8vKq1XbWq0d9n3Yy0dTGQZ1nJ9yP8mFvZr2c jane@laptop';
  return {
    ...p,
    name: 'Board',
    hostname: 'board',
    interfaces: [{ ...eth0, ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' }, wifi: null }],
    dns: { searchDomain: '', servers: ['192.168.1.1'] },
    ...(p.user === null ? {} : { user: { ...p.user, sshKeys: [key] } }),
  };
};

describe('the command line of cairn fleet', () => {
  it.each([
    [['fleet', 'p.json'], 'cairn fleet takes a profile file, then --batch FILE.csv or at least one target (none was given).'],
    [['fleet', 'p.json', '--batch', 'b.csv', 'garage'], 'cairn fleet takes --batch FILE.csv or targets, not both: add garage to b.csv as a row.'],
    [['fleet', 'p.json', 'garage', '--hostname', 'pi-{nn}'], 'cairn fleet: --hostname goes with --batch FILE.csv; without it every target gets the profile as it is.'],
    [['fleet', 'p.json', '--batch', 'b.csv', '--parallel', '0'], 'cairn fleet: --parallel takes a whole number from 1 to 50, how many boxes install at the same time (got "0").'],
    [['fleet', 'p.json', '--batch', 'b.csv', '--parallel=51'], 'cairn fleet: --parallel takes a whole number from 1 to 50, how many boxes install at the same time (got "51").'],
    [['fleet', 'p.json', 'garage', '--parallel', 'many'], 'cairn fleet: --parallel takes a whole number from 1 to 50, how many boxes install at the same time (got "many").'],
    [['fleet', 'p.json', 'garage', '--parallel', '2.5'], 'cairn fleet: --parallel takes a whole number from 1 to 50, how many boxes install at the same time (got "2.5").'],
    [['push', 'p.json', 'garage', '--parallel', '-1'], 'cairn push: --parallel takes a whole number from 1 to 50, how many boxes install at the same time (got "-1").'],
    [['fleet', 'p.json', '--batch'], 'cairn fleet: --batch needs a value.'],
  ])('%j is refused with its help, before any file is read', async (args, message) => {
    const r = await cairn(args);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr.startsWith(`${message}\n\nUsage: cairn ${args[0]} `)).toBe(true);
  });

  it('explains the batch, the row targets and the default of --parallel in its help', async () => {
    const r = await cairn(['fleet', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: cairn fleet PROFILE\.json --batch FILE\.csv /);
    for (const words of [
      '--dry-run',
      'target,hostname,ipv4,ipv6,wifi_ssid,wifi_passphrase,packages',
      'Host',
      '~/.ssh/config',
      `default, ${DEFAULT_PARALLEL}, is the app's "Boxes at once"`,
      'Exit status:',
    ])
      expect(r.stdout).toContain(words);
    expect((await cairn(['--help'])).stdout).toContain('  fleet PROFILE.json --batch FILE.csv');
    expect((await cairn(['push', '--help'])).stdout).toContain('--parallel N');
  });
});

describe('cairn fleet --dry-run', () => {
  async function setUp() {
    const store = await createStore(data);
    const saved = await store.targets.save({ name: 'garage', host: '192.0.2.5', port: 22, user: 'root', auth: 'agent', tags: [] });
    if (!saved.ok) throw new Error(saved.error.message);
    await mkdir(join(dir, '.ssh'));
    await writeFile(join(dir, '.ssh', 'config'), 'Host rack1\n  HostName 192.0.2.11\n  User root\n  Port 2222\n  IdentityFile ~/.ssh/id_rack\n');
    return file('board.json', JSON.stringify(board()));
  }

  it('prints one line per box with its hostname from the pattern and its address from the range, and contacts nothing', async () => {
    const profile = await setUp();
    const csv = await file('rack.csv', 'target,hostname,ipv4\ngarage,,\nrack1,,\nroot@192.0.2.7:2200,kitchen,192.168.1.99/24\n');
    const args = ['fleet', profile, '--batch', csv, '--hostname', 'node-{nn}', '--ipv4-pool', '192.168.1.40-49', '--key', join(dir, 'id'), '--data', data, '--dry-run'];
    const r = await cairn(args);
    expect(r.stderr).toBe('3 boxes ready; nothing was contacted (--dry-run).\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'row 2  garage               node-01  192.168.1.40/24',
        'row 3  rack1                node-02  192.168.1.41/24',
        'row 4  root@192.0.2.7:2200  kitchen  192.168.1.99/24',
        '',
      ].join('\n'),
    );
    expect(await readdir(join(data, 'runs')).catch(() => [])).toEqual([]);
    // The command's boxes are not saved: the app's target list is as it was.
    expect((await (await createStore(data)).targets.list()).targets.map((t) => t.name)).toEqual(['garage']);

    const json = await cairn([...args, '--json']);
    expect(json.status).toBe(0);
    expect(
      json.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { type: 'box', row: 2, target: 'garage', hostname: 'node-01', addresses: ['192.168.1.40/24'] },
      { type: 'box', row: 3, target: 'rack1', hostname: 'node-02', addresses: ['192.168.1.41/24'] },
      { type: 'box', row: 4, target: 'root@192.0.2.7:2200', hostname: 'kitchen', addresses: ['192.168.1.99/24'] },
      { type: 'result', ok: true, exitCode: 0 },
    ]);
  });

  it('prints every problem with its row and column and exits 1', async () => {
    const profile = await setUp();
    const csv = await file('rack.csv', 'target,hostname,ipv4\ngarage,twin,\nrack1,twin,\nroot@192.0.2.7,,10.0.0.300/24\nnowhere,,\n');
    const r = await cairn(['fleet', profile, '--batch', csv, '--hostname', 'node-{nn}', '--ipv4-pool', '192.168.1.40-192.168.1.49', '--data', data, '--dry-run']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `${csv}: row 3, hostname: Row 2 has the same hostname (twin); each box needs its own.`,
      `${csv}: row 4, ipv4: “10.0.0.300/24” is not an IPv4 address, like 192.168.1.40/24.`,
      `${csv}: row 4, target: root@192.0.2.7: give --key FILE (your private key), or start ssh-agent with your key loaded; the cairn command logs in to rows without a key of their own with one of them.`,
      `${csv}: row 5, target: No saved target is named “nowhere”, and ~/.ssh/config has no Host nowhere: write its name as Targets lists it, user@host[:port], or a Host alias from ~/.ssh/config.`,
      `${csv}: 4 problems to fix (each named by row and column above); nothing was sent to the boxes.`,
      '',
    ]);
  });

  it('names a range that cannot hold every row, and the lines of a CSV it cannot read', async () => {
    const profile = await setUp();
    const csv = await file('rack.csv', 'target\ngarage\nrack1\n');
    const small = await cairn(['fleet', profile, '--batch', csv, '--ipv4-pool', '192.168.1.40-192.168.1.40', '--data', data, '--dry-run', '--json']);
    expect(small.status).toBe(1);
    expect(small.stderr).toContain('--ipv4-pool: The range holds 1 address but 2 rows take one from it; widen it or give some rows their own address.\n');
    expect(small.stdout).toContain('{"type":"batch.problem","row":null,"column":"ipv4Pool"');

    const typo = await file('typo.csv', 'target,hostnme\ngarage,a\n');
    const r = await cairn(['fleet', profile, '--batch', typo, '--data', data, '--dry-run']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${typo}:1: “hostnme” is not a column Cairn knows; use target, hostname, ipv4, ipv6, wifi_ssid, wifi_passphrase, packages.\n`);
  });

  it('refuses a plan that erases disks unless --erase names them, as the run would', async () => {
    await setUp();
    const oldPc = await file('old-pc.json', JSON.stringify(templateById('old-pc')?.make()));
    const csv = await file('rack.csv', 'target,hostname\ngarage,a\nrack1,b\n');
    const r = await cairn(['fleet', oldPc, '--batch', csv, '--data', data, '--dry-run']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('This plan erases /dev/sda on every target: add --erase /dev/sda');
    expect((await cairn(['fleet', oldPc, '--batch', csv, '--data', data, '--dry-run', '--erase', '/dev/sda'])).status).toBe(0);
  });

  it('with targets instead of a batch, prints each with the profile as it is', async () => {
    const profile = await setUp();
    const r = await cairn(['fleet', profile, 'garage', 'root@192.0.2.9', '--data', data, '--dry-run'], { SSH_AUTH_SOCK: join(dir, 'agent.sock') });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('garage          board  192.168.1.10/24\nroot@192.0.2.9  board  192.168.1.10/24\n');
  });
});
