import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { overlayEntries } from '../../shared/bootmedia';
import { dhcpInterface, templateById } from '../../shared/profile';
import { overlayArchive } from './archive';
import { newBoxHostKey } from './host-key';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsZ4t0h8vKq1XbWq0d9n3Yy0dTGQZ1nJ9yP8mFvZr2c jane@laptop';
const hostKey = newBoxHostKey('pi');
const profile = { ...templateById('vm')!.make(), hostname: 'pi', rootSshKeys: [KEY], interfaces: [dhcpInterface('eth0')] };
const entries = overlayEntries(profile, { hostKey, authorizedKeys: [KEY], wifiPsk: null });

/** GNU tar's own listing: what any tar, BusyBox's included, reads from the archive. */
function listing(bytes: Buffer): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'cairn-ovl-')), 'x.apkovl.tar.gz');
  writeFileSync(file, bytes);
  return execFileSync('tar', ['--numeric-owner', '-tvzf', file], { encoding: 'utf8' }).trim().split('\n');
}

describe('the overlay archive', () => {
  it('lists every entry owned by 0:0 with its mode, links as links', async () => {
    const lines = listing(await overlayArchive(entries));
    expect(lines).toHaveLength(entries.length);
    for (const line of lines) expect(line.split(/\s+/)[1], line).toBe('0/0');
    const find = (path: string) => lines.find((l) => l.split(/\s+/)[5] === path) ?? '';
    expect(find('root/')).toMatch(/^drwx------ /);
    expect(find('root/.ssh/')).toMatch(/^drwx------ /);
    expect(find('root/.ssh/authorized_keys')).toMatch(/^-rw------- /);
    expect(find('etc/ssh/ssh_host_ed25519_key')).toMatch(/^-rw------- /);
    expect(find('etc/hostname')).toMatch(/^-rw-r--r-- /);
    expect(find('etc/runlevels/default/sshd')).toMatch(/^lrwxrwxrwx .* etc\/runlevels\/default\/sshd -> \/etc\/init.d\/sshd$/);
  });

  it('is byte for byte the same for the same entries (no times, names or owners of this desktop)', async () => {
    const a = await overlayArchive(entries);
    const b = await overlayArchive(entries);
    expect(a.equals(b)).toBe(true);
    // gzip's header time (bytes 4-7) is zero.
    expect(a.readUInt32LE(4)).toBe(0);
    expect(gunzipSync(a).includes(Buffer.from(process.env.USER ?? 'root\0nobody'))).toBe(false);
  });
});

describe('the box host key', () => {
  it('is read by OpenSSH as the key whose fingerprint Cairn stores', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-hostkey-'));
    const file = join(dir, 'ssh_host_ed25519_key');
    writeFileSync(file, hostKey.privateKey, { mode: 0o600 });
    // ssh-keygen -y derives the public key from the private file: the private key is valid OpenSSH.
    const derived = execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
    expect(derived).toBe(`${hostKey.type} ${hostKey.base64}`);
    writeFileSync(`${file}.pub`, hostKey.publicKey);
    expect(execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' })).toContain(hostKey.fingerprint);
  });

  it('is new for every box', () => {
    expect(newBoxHostKey('pi').fingerprint).not.toBe(newBoxHostKey('pi').fingerprint);
  });
});
