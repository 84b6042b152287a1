import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/api/names';
import { dispatch } from '../ipc';
import { harness, type Harness } from '../services.test-support';
import { parseProbe } from './connection-test';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.cleanup());

const call = (channel: ChannelName, payload: unknown) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log });
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIGb0xM1zYvXq2d7Lw5k3n8b2G9ZcQm0rT4sJ1hUe7pVx';
const OTHER = 'AAAAC3NzaC1lZDI1NTE5AAAAIHb0xM1zYvXq2d7Lw5k3n8b2G9ZcQm0rT4sJ1hUe7pVx';

describe('reading the probe’s answer', () => {
  it('reads the Alpine release, the architecture and whether the login is root', () => {
    expect(parseProbe('3.20.3\nx86_64\n0\n')).toEqual({ alpineVersion: '3.20.3', arch: 'x86_64', isRoot: true, disks: [] });
    expect(parseProbe('3.21_alpha20240807\naarch64\n1000\n')).toEqual({ alpineVersion: '3.21_alpha20240807', arch: 'aarch64', isRoot: false, disks: [] });
  });

  it('reports a box without /etc/alpine-release as not Alpine', () => {
    expect(parseProbe('x86_64\n0\n')).toEqual({ alpineVersion: null, arch: 'x86_64', isRoot: true, disks: [] });
  });

  it('lists each disk with its size in bytes and its trimmed model, or null for either when the box does not say', () => {
    const out = ['3.20.3', 'x86_64', '0', 'disk\tsda\t41943040\tVBOX HARDDISK   ', 'disk\tvda\t2097152\t', 'disk\tnvme0n1\t\tSamsung SSD 980', 'disk\tcciss!c0d0\t8\t', ''].join(
      '\n',
    );
    expect(parseProbe(out)?.disks).toEqual([
      { path: '/dev/sda', size: 21_474_836_480, model: 'VBOX HARDDISK' },
      { path: '/dev/vda', size: 1_073_741_824, model: null },
      { path: '/dev/nvme0n1', size: null, model: 'Samsung SSD 980' },
      { path: '/dev/cciss/c0d0', size: 4096, model: null },
    ]);
  });

  it('lists no disks for a box without /sys, and skips a disk line whose name is not a device name', () => {
    expect(parseProbe('3.20.3\nx86_64\n0\n')?.disks).toEqual([]);
    expect(parseProbe('3.20.3\nx86_64\n0\ndisk\t../etc\t8\tx\ndisk\tsdb\t8\t\n')?.disks).toEqual([{ path: '/dev/sdb', size: 4096, model: null }]);
  });

  it('rejects output that is not the three answers', () => {
    for (const odd of ['', '0\n', 'Welcome!\n3.20.3\nx86_64\n0\n', '3.20.3\nx86 64\n0\n', '3.20.3\nx86_64\nroot\n']) expect(parseProbe(odd)).toBeNull();
  });
});

describe('knownHosts:accept', () => {
  // What connect() notes when a box shows its key (a refusal at "Test connection", a box action, a run).
  const shown = (host: string, port: number, base64 = ED25519) => h.services.knownHosts.presented.record(host, port, { type: 'ssh-ed25519', base64 });
  const listed = async () => (await call('knownHosts:list', {})) as { ok: true; value: { hosts: unknown[] } };

  it('trusts the key the host last showed and lists its fingerprint', async () => {
    shown('box.lan', 2222);
    const accepted = await call('knownHosts:accept', { host: 'box.lan', port: 2222, keyType: 'ssh-ed25519', key: ED25519 });
    expect(accepted).toEqual({ ok: true, value: { host: 'box.lan', port: 2222, keyType: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/) } });
    expect(await call('knownHosts:list', {})).toMatchObject({ ok: true, value: { hosts: [{ host: 'box.lan', port: 2222, keyType: 'ssh-ed25519' }] } });
  });

  it('refuses a host that would write a pattern, another host or another line into known_hosts', async () => {
    for (const host of ['box\n*', 'box,*', 'box *', '*', 'box?', '!box', '[box]:22', '|1|c2FsdA==|aGFzaA==', '@revoked', '#box', 'box\u0000', 'box\u0085x']) {
      expect(await call('knownHosts:accept', { host, port: 22, keyType: 'ssh-ed25519', key: ED25519 }), JSON.stringify(host)).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', field: 'host' },
      });
    }
    expect((await listed()).value.hosts).toEqual([]);
    expect(await readFile(h.services.knownHosts.path, 'utf8').catch(() => '')).toBe('');
  });

  it('refuses a key no box showed, or not the one the host showed last', async () => {
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-ed25519', key: ED25519 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'key', message: expect.stringContaining('box has not shown Cairn a host key lately') },
    });
    shown('box', 2222);
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-ed25519', key: ED25519 })).toMatchObject({ ok: false, error: { field: 'key' } });
    shown('box', 22, OTHER);
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-ed25519', key: ED25519 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'key', message: expect.stringContaining('last showed Cairn a different host key') },
    });
    expect((await listed()).value.hosts).toEqual([]);
  });

  it('refuses a key revoked in the person’s known_hosts, naming the file', async () => {
    const userFile = join(h.dir, '.ssh', 'known_hosts');
    await mkdir(dirname(userFile), { recursive: true });
    await writeFile(userFile, `@revoked * ssh-ed25519 ${ED25519}\n`);
    shown('box', 22);
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-ed25519', key: ED25519 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'key', message: expect.stringContaining(`is marked @revoked in ${userFile}`) },
    });
    expect((await listed()).value.hosts).toEqual([]);
  });

  it('refuses a key blob that is not of the named type, or not a key at all', async () => {
    shown('box', 22);
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-rsa', key: ED25519 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'keyType' },
    });
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-rsa', key: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'key' },
    });
    expect(await call('knownHosts:list', {})).toMatchObject({ ok: true, value: { hosts: [] } });
  });
});

describe('targets:test-connection', () => {
  it('says a removed target no longer exists, without connecting', async () => {
    expect(await call('targets:test-connection', { targetId: 'gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('says a key file that cannot be read is that, not a refused login, before connecting', async () => {
    const keyPath = join(h.dir, 'no-such-key');
    const saved = await h.services.targets.save({ name: 'attic', host: '127.0.0.1', port: 22, user: 'root', auth: 'key', keyPath, tags: [] });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await call('targets:test-connection', { targetId: saved.value.id })).toEqual({
      ok: false,
      error: { code: 'key-unreadable', message: `The private key file ${keyPath} cannot be read: check the path and its permissions.` },
    });
  });

  it('names the password as the field at fault when none is kept, before connecting', async () => {
    const saved = await h.services.targets.save({ name: 'cellar', host: '127.0.0.1', port: 22, user: 'root', auth: 'password', tags: [] });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(await call('targets:test-connection', { targetId: saved.value.id })).toEqual({
      ok: false,
      error: { code: 'auth-failed', field: 'password', message: expect.stringMatching(/^No password is stored for “cellar”/) },
    });
  });
});
