import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { utils } from 'ssh2';
import { beforeAll, describe, expect, it } from 'vitest';
import { dhcpInterface, templateById, type Profile } from '../shared/profile';

const REPO = resolve(import.meta.dirname, '..');
const ROOT_KEY = utils.generateKeyPairSync('ed25519', { comment: 'jane@laptop' }).public;
let dir: string;

const cairn = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/cairn.js', ...args], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

function profileFile(name: string, change: (p: Profile) => Profile = (p) => p): string {
  const p = templateById('vm')!.make();
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(change({ ...p, hostname: 'pi-attic', rootSshKeys: [ROOT_KEY], interfaces: [dhcpInterface('eth0')] })));
  return path;
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: REPO, encoding: 'utf8' });
  expect(build.status).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'cairn-cli-overlay-'));
});

describe('cairn overlay', () => {
  it('writes HOSTNAME.apkovl.tar.gz and prints the host key fingerprint OpenSSH computes, last', () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = cairn(['overlay', profileFile('pi'), '--out', out]);
    // The profile's own warnings (a user without a key) go to stderr; the overlay is still written.
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(readdirSync(out)).toEqual(['pi-attic.apkovl.tar.gz']);
    const printed = r.stdout.trimEnd().split('\n').at(-1);
    expect(printed).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);

    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-C', unpacked, '-xzf', join(out, 'pi-attic.apkovl.tar.gz')]);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(unpacked, 'etc/ssh/ssh_host_ed25519_key.pub')], { encoding: 'utf8' });
    expect(fingerprint.split(' ')[1]).toBe(printed);
  });

  it('adds the --key public key to root, refuses a second overlay without --replace', () => {
    const out = join(dir, 'out2');
    mkdirSync(out);
    const keyFile = join(dir, 'extra.pub');
    const extra = utils.generateKeyPairSync('ed25519', { comment: 'ops@ci' }).public;
    writeFileSync(keyFile, `${extra}\n`);
    expect(cairn(['overlay', profileFile('pi2'), '--out', out, '--key', keyFile]).status).toBe(0);
    const unpacked = join(dir, 'unpacked2');
    mkdirSync(unpacked);
    execFileSync('tar', ['-C', unpacked, '-xzf', join(out, 'pi-attic.apkovl.tar.gz')]);
    expect(execFileSync('cat', [join(unpacked, 'root/.ssh/authorized_keys')], { encoding: 'utf8' })).toBe(`${ROOT_KEY}\n${extra}\n`);

    const again = cairn(['overlay', profileFile('pi2'), '--out', out]);
    expect(again).toMatchObject({ status: 1, stdout: '' });
    expect(again.stderr).toContain('already holds pi-attic.apkovl.tar.gz');
    expect(cairn(['overlay', profileFile('pi2'), '--out', out, '--replace']).status).toBe(0);
  });

  it('names what keeps a profile from making an overlay, and writes nothing', () => {
    const out = join(dir, 'out3');
    mkdirSync(out);
    const r = cairn(['overlay', profileFile('nokey', (p) => ({ ...p, rootSshKeys: [] })), '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^rootSshKeys: The box would let nobody in/m);
    expect(readdirSync(out)).toEqual([]);
  });

  it('needs --out', () => {
    const r = cairn(['overlay', profileFile('pi3')]);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith('cairn overlay needs --out.\n\nUsage: cairn')).toBe(true);
  });
});

describe('cairn find, refusing before any traffic', () => {
  it("refuses a malformed fingerprint, a subnet too large, and one that is not this computer's", () => {
    const fingerprint = `SHA256:${'A'.repeat(43)}`;
    expect(cairn(['find', '127.0.0.0/24', '--fingerprint', 'MD5:aa'])).toMatchObject({ status: 2, stderr: expect.stringContaining('is not a host key fingerprint') });
    expect(cairn(['find', '127.0.0.0/16', '--fingerprint', fingerprint])).toMatchObject({ status: 2, stderr: expect.stringMatching(/65,?534 addresses, more than the 1,?024/) });
    expect(cairn(['find', '203.0.113.0/24', '--fingerprint', fingerprint])).toMatchObject({ status: 2, stderr: expect.stringContaining("is not one of this computer's networks") });
  });
});
