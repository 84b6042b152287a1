import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import type { ChannelName } from '../../shared/api/names';
import type { ApiError, Result } from '../../shared/api/result';
import type { ConnectionReport } from '../../shared/api/targets';
import { dispatch } from '../ipc';
import { harness, type Harness } from '../services.test-support';

// "Test connection" through the real handler table (temp userData, real
// stores and secrets) against real SSH servers on 127.0.0.1.

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.cleanup());

const call = (channel: ChannelName, payload: unknown) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log });

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function refusal(pending: Promise<Result<unknown>>): Promise<ApiError> {
  const result = await pending;
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

async function addTarget(target: TestTarget, auth: 'password' | 'key' | 'keyboard-interactive', secret?: { kind: 'password' | 'passphrase'; value: string }) {
  const saved = await value<{ id: string }>(
    call('targets:save', {
      target: { name: `${target.kind}-${auth}`, host: target.host, port: target.port, user: target.user, auth, ...(auth === 'key' ? { keyPath: target.privateKeyPath } : {}) },
    }),
  );
  if (secret) await value(call('secrets:set', { targetId: saved.id, ...secret }));
  return saved.id;
}

const loginAttempts = (target: TestTarget) =>
  target
    .serverLog()
    .split('\n')
    .filter((l) => /Accepted|Failed|Postponed|auth succeeded|Bad password/.test(l)).length;

async function trustFirstContact(targetId: string, target: TestTarget) {
  const first = await refusal(call('targets:test-connection', { targetId }));
  const details = first.details;
  if (details === undefined) throw new Error('no key details');
  return value(call('knownHosts:accept', { host: details.host, port: details.port, keyType: details.keyType, key: details.key })).then(() => target);
}

describe('testing a connection to the OpenSSH target (Alpine userland)', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget({ keyPassphrase: 'correct horse' });
  });
  afterAll(() => target?.stop());

  it('stops at first contact with the fingerprint to compare, and logs in once it is trusted', async () => {
    const id = await addTarget(target, 'password', { kind: 'password', value: target.password });
    const before = loginAttempts(target);
    const first = await refusal(call('targets:test-connection', { targetId: id }));
    expect(first).toMatchObject({
      code: 'host-key-unknown',
      message: expect.stringContaining(target.hostKeyFingerprint),
      details: { host: '127.0.0.1', port: target.port, keyType: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint },
    });
    expect(loginAttempts(target)).toBe(before);

    const accepted = await value(call('knownHosts:accept', { host: first.details?.host, port: first.details?.port, keyType: first.details?.keyType, key: first.details?.key }));
    expect(accepted).toEqual({ host: '127.0.0.1', port: target.port, keyType: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint });
    expect(await value(call('knownHosts:list', {}))).toMatchObject({ hosts: [{ host: '127.0.0.1', port: target.port, fingerprint: target.hostKeyFingerprint }] });

    expect(await value(call('targets:test-connection', { targetId: id }))).toEqual({
      alpineVersion: '3.20.3',
      arch: 'x86_64',
      isRoot: true,
      disks: [],
      hostKey: { keyType: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint },
    });
  });

  it('lists the disks under /sys/block with their size and model, leaving out loop and optical devices', async () => {
    const sys = join(target.root ?? '', 'sys/block');
    try {
      mkdirSync(join(sys, 'sda/device'), { recursive: true });
      writeFileSync(join(sys, 'sda/size'), '41943040\n');
      writeFileSync(join(sys, 'sda/device/model'), 'QEMU HARDDISK   \n');
      mkdirSync(join(sys, 'vdb'));
      writeFileSync(join(sys, 'vdb/size'), '2097152\n');
      for (const skipped of ['loop0', 'sr0', 'zram0']) mkdirSync(join(sys, skipped));
      const id = await addTarget(target, 'password', { kind: 'password', value: target.password });
      await trustFirstContact(id, target);
      expect((await value<ConnectionReport>(call('targets:test-connection', { targetId: id }))).disks).toEqual([
        { path: '/dev/sda', size: 21_474_836_480, model: 'QEMU HARDDISK' },
        { path: '/dev/vdb', size: 1_073_741_824, model: null },
      ]);
    } finally {
      rmSync(sys, { recursive: true, force: true });
    }
  });

  it('logs in with the password, the keyboard-interactive answer and the key passphrase kept by the secret store', async () => {
    const password = await addTarget(target, 'password', { kind: 'password', value: target.password });
    await trustFirstContact(password, target);
    expect(await value(call('targets:test-connection', { targetId: password }))).toMatchObject({ isRoot: true });
    const interactive = await addTarget(target, 'keyboard-interactive', { kind: 'password', value: target.password });
    expect(await value(call('targets:test-connection', { targetId: interactive }))).toMatchObject({ isRoot: true });
    const key = await addTarget(target, 'key', { kind: 'passphrase', value: 'correct horse' });
    expect(await value(call('targets:test-connection', { targetId: key }))).toMatchObject({ alpineVersion: '3.20.3' });
  });

  it('says plainly when the password is wrong or none is stored, and that a locked key is not a refused login', async () => {
    const wrong = await addTarget(target, 'password', { kind: 'password', value: 'not-the-password' });
    await trustFirstContact(wrong, target);
    expect(await refusal(call('targets:test-connection', { targetId: wrong }))).toMatchObject({
      code: 'auth-failed',
      message: `127.0.0.1:${target.port} did not let ${target.user} log in with password: check the user name and the password.`,
    });
    await value(call('secrets:clear', { targetId: wrong }));
    expect(await refusal(call('targets:test-connection', { targetId: wrong }))).toMatchObject({
      code: 'auth-failed',
      field: 'password',
      message: expect.stringMatching(/^No password is stored for “openssh-password”.*enter its password\.$/),
    });
    const key = await addTarget(target, 'key');
    const attempts = loginAttempts(target);
    // A key that cannot be opened is not a refused login: the box was never asked.
    expect(await refusal(call('targets:test-connection', { targetId: key }))).toEqual({
      code: 'key-unreadable',
      message: `The private key ${target.privateKeyPath} is protected by a passphrase: enter the passphrase to use it.`,
    });
    expect(loginAttempts(target)).toBe(attempts);
  });

  it('trusts a key already in the person’s own known_hosts without asking', async () => {
    mkdirSync(join(h.dir, '.ssh'));
    writeFileSync(join(h.dir, '.ssh', 'known_hosts'), `${target.knownHostsLine()}\n`);
    const id = await addTarget(target, 'password', { kind: 'password', value: target.password });
    expect(await value(call('targets:test-connection', { targetId: id }))).toMatchObject({ isRoot: true });
  });

  it('says when nothing listens on the port', async () => {
    const saved = await value<{ id: string }>(call('targets:save', { target: { name: 'nothing', host: '127.0.0.1', port: 1, user: 'root', auth: 'password' } }));
    await value(call('secrets:set', { targetId: saved.id, kind: 'password', value: 'x' }));
    expect(await refusal(call('targets:test-connection', { targetId: saved.id }))).toMatchObject({ code: 'unreachable', message: expect.stringMatching(/refused the connection/) });
  });

  // Last: it gives the server a new host key.
  it('refuses a changed host key naming both fingerprints, and asks again once the old key is removed', async () => {
    const id = await addTarget(target, 'password', { kind: 'password', value: target.password });
    await trustFirstContact(id, target);
    const old = target.hostKeyFingerprint;
    await target.replaceHostKey();
    const before = loginAttempts(target);
    const changed = await refusal(call('targets:test-connection', { targetId: id }));
    expect(changed.code).toBe('host-key-changed');
    expect(changed.message).toContain(old);
    expect(changed.message).toContain(target.hostKeyFingerprint);
    expect(changed.details).toMatchObject({ expected: old, fingerprint: target.hostKeyFingerprint, knownIn: 'cairn' });
    expect(loginAttempts(target)).toBe(before);

    expect(await value(call('knownHosts:remove', { host: '127.0.0.1', port: target.port }))).toEqual({ removed: 1 });
    expect(await refusal(call('targets:test-connection', { targetId: id }))).toMatchObject({ code: 'host-key-unknown', details: { fingerprint: target.hostKeyFingerprint } });
  });

  it('points at ~/.ssh/known_hosts when the old key is there, not in Cairn’s file', async () => {
    mkdirSync(join(h.dir, '.ssh'));
    const stale = 'AAAAC3NzaC1lZDI1NTE5AAAAIGb0xM1zYvXq2d7Lw5k3n8b2G9ZcQm0rT4sJ1hUe7pVx';
    writeFileSync(join(h.dir, '.ssh', 'known_hosts'), `[127.0.0.1]:${target.port} ssh-ed25519 ${stale}\n`);
    const id = await addTarget(target, 'password', { kind: 'password', value: target.password });
    const changed = await refusal(call('targets:test-connection', { targetId: id }));
    expect(changed).toMatchObject({ code: 'host-key-changed', details: { knownIn: 'user' } });
    expect(changed.message).toContain(`ssh-keygen -R "[127.0.0.1]:${target.port}"`);
  });
});

describe('testing a connection to the Dropbear target (not Alpine, not root)', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startDropbearTarget();
  });
  afterAll(() => target?.stop());

  it('logs in with a key file and reports a box that is not Alpine and a login that is not root', async () => {
    const id = await addTarget(target, 'key');
    await trustFirstContact(id, target);
    expect(await value(call('targets:test-connection', { targetId: id }))).toEqual({
      alpineVersion: null,
      arch: 'x86_64',
      isRoot: false,
      // The host's own disks: whatever this machine has.
      disks: expect.any(Array),
      hostKey: { keyType: 'ssh-ed25519', fingerprint: target.hostKeyFingerprint },
    });
  });
});

describe('testing a target behind a jump host', () => {
  let jump: TestTarget;
  let box: TestTarget;
  beforeAll(async () => {
    [jump, box] = await Promise.all([startOpenSshTarget(), startDropbearTarget()]);
    // The jump host lets in the key the target logs in with, as a bastion would.
    await jump.authorizeKey(box.publicKey);
  });
  afterAll(async () => {
    await Promise.all([jump?.stop(), box?.stop()]);
  });

  it('asks to trust the jump host, then the box, each by its own fingerprint, then reads the box through the tunnel', async () => {
    const saved = await value<{ id: string }>(
      call('targets:save', {
        target: {
          name: 'behind',
          host: box.host,
          port: box.port,
          user: box.user,
          auth: 'key',
          keyPath: box.privateKeyPath,
          jump: [{ host: jump.host, port: jump.port, user: jump.user }],
        },
      }),
    );
    const hop = await refusal(call('targets:test-connection', { targetId: saved.id }));
    expect([hop.code, hop.details?.host, hop.details?.port, hop.details?.fingerprint]).toEqual(['host-key-unknown', jump.host, jump.port, jump.hostKeyFingerprint]);
    await trustFirstContact(saved.id, jump);
    const inner = await refusal(call('targets:test-connection', { targetId: saved.id }));
    expect([inner.code, inner.details?.port, inner.details?.fingerprint]).toEqual(['host-key-unknown', box.port, box.hostKeyFingerprint]);
    await trustFirstContact(saved.id, box);
    const report = await value<ConnectionReport>(call('targets:test-connection', { targetId: saved.id }));
    expect(report.hostKey.fingerprint).toBe(box.hostKeyFingerprint);
  });

  it('refuses a jump host written with spaces, naming the field', async () => {
    const refused = await refusal(
      call('targets:save', { target: { name: 'bad', host: box.host, port: box.port, user: box.user, auth: 'agent', jump: [{ host: 'jump host', port: 22, user: 'me' }] } }),
    );
    expect(refused.field).toBe('target.jump.0.host');
    expect(refused.message).toContain('A host name or address cannot contain spaces.');
  });
});
