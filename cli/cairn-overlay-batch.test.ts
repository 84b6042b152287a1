import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dhcpInterface, templateById, type Profile } from '../shared/profile';
import { buildCli, cairn, isolatedEnv } from './cli-process.test-support';

// `cairn overlay --batch` as a script runs it: its own process, a data folder
// and HOME of its own, the files it writes read back with tar and ssh-keygen.

const ROOT_KEY = utils.generateKeyPairSync('ed25519', { comment: 'jane@laptop' }).public;
let dir: string;
let n = 0;

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'cairn-cli-overlay-batch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh data folder, output folder and HOME for one case. */
function scene() {
  const base = join(dir, `case-${++n}`);
  const [home, data, out] = ['home', 'data', 'out'].map((d) => join(base, d)) as [string, string, string];
  for (const d of [home, data, out]) mkdirSync(d, { recursive: true });
  const profile = join(base, 'board.json');
  const p = templateById('vm')!.make();
  const board: Profile = {
    ...p,
    hostname: 'board',
    rootSshKeys: [ROOT_KEY],
    interfaces: [{ ...dhcpInterface('eth0'), ipv4: { mode: 'static', address: '10.20.0.10', prefix: 24, gateway: '10.20.0.1' } }],
  };
  writeFileSync(profile, JSON.stringify(board));
  const csv = (text: string) => {
    const path = join(base, 'boxes.csv');
    writeFileSync(path, text);
    return path;
  };
  const run = (args: string[]) => cairn(['overlay', profile, '--out', out, '--data', data, ...args], { env: isolatedEnv(home) });
  return { base, home, data, out, profile, csv, run };
}

describe('cairn overlay --batch', () => {
  it('writes one overlay per row, each key its own and trusted in the data folder’s known_hosts for its box’s address', async () => {
    const s = scene();
    const table = s.csv('target,hostname,ipv4\nroot@10.20.0.41,,\nroot@garage.lan:2200,,\nroot@10.20.0.43,shed,10.20.0.43/24\n');
    const r = await s.run(['--batch', table, '--hostname', 'node-{nn}', '--ipv4-pool', '10.20.0.41-42']);
    // Only the profile's own warnings go to stderr.
    expect(r.stderr.split('\n').filter((l) => l !== '' && !/: warning: /.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(readdirSync(s.out).sort()).toEqual(['node-01.apkovl.tar.gz', 'node-02.apkovl.tar.gz', 'shed.apkovl.tar.gz']);

    const known = join(s.data, 'known_hosts');
    const expected = [
      ['node-01', '10.20.0.41', '10.20.0.41'],
      ['node-02', '10.20.0.42', '[10.20.0.42]:2200'],
      ['shed', '10.20.0.43', '10.20.0.43'],
    ] as const;
    const fingerprints = new Set<string>();
    for (const [hostname, address, knownAs] of expected) {
      const root = join(s.base, `unpacked-${hostname}`);
      mkdirSync(root);
      execFileSync('tar', ['-C', root, '-xzf', join(s.out, `${hostname}.apkovl.tar.gz`)]);
      expect(readFileSync(join(root, 'etc/hostname'), 'utf8')).toBe(`${hostname}\n`);
      expect(readFileSync(join(root, 'etc/network/interfaces'), 'utf8')).toContain(`address ${address}/24`);
      const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(root, 'etc/ssh/ssh_host_ed25519_key.pub')], { encoding: 'utf8' }).split(' ')[1] ?? '';
      fingerprints.add(fingerprint);
      // OpenSSH finds the key under the box's address in Cairn's file, and the summary says where it was trusted.
      expect(execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-F', knownAs, '-f', known], { encoding: 'utf8' })).toContain(fingerprint);
      expect(r.stdout).toMatch(
        new RegExp(
          `row \\d  ${hostname}\\s+${hostname}\\.apkovl\\.tar\\.gz\\s+${fingerprint.replace(/[+/]/g, '\\$&')}  trusted for ${address.replace(/\./g, '\\.')} port (22|2200)`,
        ),
      );
    }
    expect(fingerprints.size).toBe(3);
    expect(r.stdout).toContain(`trusted in ${known}`);
  });

  it('names the rows of an invalid batch and writes and trusts nothing', async () => {
    const s = scene();
    const table = s.csv('target,hostname,ipv4\nroot@a.lan,twin,\n,second,\nroot@c.lan,twin,10.99.0.5\n');
    const r = await s.run(['--batch', table, '--ipv4-pool', '10.20.0.41-49']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `${table}: row 3, target: Name the box: a saved target, user@host[:port] or an alias from ~/.ssh/config.`,
        expect.stringMatching(new RegExp(`^${table}: row 4, hostname: Row 2 has the same hostname \\(twin\\)`)),
        expect.stringMatching(new RegExp(`^${table}: row 4, ipv4: `)),
      ]),
    );
    expect(lines.at(-1)).toMatch(/problems to fix \(each named by row and column above\); no overlay was written and no key trusted\.$/);
    expect(readdirSync(s.out)).toEqual([]);
    expect(existsSync(join(s.data, 'known_hosts'))).toBe(false);
    expect(existsSync(join(s.data, 'targets.json'))).toBe(false);
  });

  it('refuses to write over an overlay of the same name without --replace', async () => {
    const s = scene();
    writeFileSync(join(s.out, 'solo.apkovl.tar.gz'), 'from before');
    const table = s.csv('target,hostname\nroot@10.20.0.60,solo\n');
    const r = await s.run(['--batch', table]);
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toContain('--out: ');
    expect(r.stderr).toContain('already holds solo.apkovl.tar.gz: choose an empty folder, or add --replace to write over them.');
    expect(readFileSync(join(s.out, 'solo.apkovl.tar.gz'), 'utf8')).toBe('from before');
    expect((await s.run(['--batch', table, '--replace'])).status).toBe(0);
    expect(readFileSync(join(s.out, 'solo.apkovl.tar.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });

  it('says how to let someone in to boxes whose profile has no key: --key', async () => {
    const s = scene();
    const profile = JSON.parse(readFileSync(s.profile, 'utf8')) as Profile;
    writeFileSync(s.profile, JSON.stringify({ ...profile, rootSshKeys: [] }));
    const r = await s.run(['--batch', s.csv('target,hostname\nroot@10.20.0.61,one\nroot@10.20.0.62,two\n')]);
    expect(r.status).toBe(1);
    // Told once for the whole table, by the profile file, not on every row.
    expect(r.stderr.split('\n').filter((l) => l.includes('nobody in'))).toEqual([
      `${s.profile}: The boxes would let nobody in: add your public key for root to the profile (rootSshKeys), or give --key FILE with the private key Cairn logs in with.`,
    ]);
    expect(readdirSync(s.out)).toEqual([]);
  });

  it('takes --hostname and --ipv4-pool only with --batch', async () => {
    const s = scene();
    const r = await s.run(['--hostname', 'x-{n}']);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith('cairn overlay: --hostname and --data apply to the rows of a batch; give --batch FILE.csv too.')).toBe(true);
  });
});
