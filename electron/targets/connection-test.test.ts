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

describe('reading the probe’s answer', () => {
  it('reads the Alpine release, the architecture and whether the login is root', () => {
    expect(parseProbe('3.20.3\nx86_64\n0\n')).toEqual({ alpineVersion: '3.20.3', arch: 'x86_64', isRoot: true });
    expect(parseProbe('3.21_alpha20240807\naarch64\n1000\n')).toEqual({ alpineVersion: '3.21_alpha20240807', arch: 'aarch64', isRoot: false });
  });

  it('reports a box without /etc/alpine-release as not Alpine', () => {
    expect(parseProbe('x86_64\n0\n')).toEqual({ alpineVersion: null, arch: 'x86_64', isRoot: true });
  });

  it('rejects output that is not the three answers', () => {
    for (const odd of ['', '0\n', 'Welcome!\n3.20.3\nx86_64\n0\n', '3.20.3\nx86 64\n0\n', '3.20.3\nx86_64\nroot\n']) expect(parseProbe(odd)).toBeNull();
  });
});

describe('knownHosts:accept', () => {
  it('trusts the key for the host and port and lists its fingerprint', async () => {
    const accepted = await call('knownHosts:accept', { host: 'box.lan', port: 2222, keyType: 'ssh-ed25519', key: ED25519 });
    expect(accepted).toEqual({ ok: true, value: { host: 'box.lan', port: 2222, keyType: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/) } });
    expect(await call('knownHosts:list', {})).toMatchObject({ ok: true, value: { hosts: [{ host: 'box.lan', port: 2222, keyType: 'ssh-ed25519' }] } });
  });

  it('refuses a key blob that is not of the named type, or not a key at all', async () => {
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-rsa', key: ED25519 })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'keyType' } });
    expect(await call('knownHosts:accept', { host: 'box', port: 22, keyType: 'ssh-rsa', key: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'key' } });
    expect(await call('knownHosts:list', {})).toMatchObject({ ok: true, value: { hosts: [] } });
  });
});

describe('targets:test-connection', () => {
  it('says a removed target no longer exists, without connecting', async () => {
    expect(await call('targets:test-connection', { targetId: 'gone' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
