import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { freshTrust, trusting } from '../../e2e/target/ssh-trust.test-support';
import type { SshAuth } from './auth';
import { connect, type SshConnection } from './connect';
import type { SshResult } from './errors';
import { exec } from './exec';
import { acceptHostKey, type HostTrust } from './known-hosts';
import { PresentedKeys } from './presented-keys';

async function whoami(result: SshResult<SshConnection>): Promise<string> {
  if (!result.ok) throw new Error(result.error.message);
  try {
    const run = await exec(result.value, 'id -un');
    if (!run.ok) throw new Error(run.error.message);
    return run.value.stdout.trim();
  } finally {
    await result.value.close();
  }
}

const attempts = (target: TestTarget) =>
  target
    .serverLog()
    .split('\n')
    .filter((l) => /Accepted|Failed|Postponed|auth succeeded|Bad password/.test(l)).length;

describe('connecting to the OpenSSH target', () => {
  let target: TestTarget;
  const open = (trust: HostTrust, auth: SshAuth | SshAuth[]) => connect({ host: target.host, port: target.port, username: target.user, trust, auth });
  const key: SshAuth = { kind: 'key', privateKeyPath: '' };

  beforeAll(async () => {
    target = await startOpenSshTarget({ keyPassphrase: 'correct horse' });
    Object.assign(key, { privateKeyPath: target.privateKeyPath, passphrase: 'correct horse' });
  });
  afterAll(() => target?.stop());

  it('stops at first contact with the fingerprint to check, and logs in after the key is accepted', async () => {
    const trust = freshTrust();
    const before = attempts(target);
    const first = await open(trust, key);
    expect(first.ok).toBe(false);
    if (first.ok || first.error.code !== 'host-key-unknown') throw new Error('expected an unknown host key');
    expect(first.error.fingerprint).toBe(target.hostKeyFingerprint);
    expect(first.error.keyType).toBe('ssh-ed25519');
    expect(first.error.message).toContain(target.hostKeyFingerprint);
    expect(attempts(target)).toBe(before);

    await acceptHostKey(trust, target.host, target.port, first.error.key);
    expect(readFileSync(trust.storePath, 'utf8')).toBe(`${target.knownHostsLine()}\n`);
    expect(await whoami(await open(trust, key))).toBe('root');
    trust.cleanup();
  });

  it('logs in with a password', async () => {
    const trust = trusting(target);
    expect(await whoami(await open(trust, { kind: 'password', password: target.password }))).toBe('root');
    trust.cleanup();
  });

  it('says the login was refused for a wrong password', async () => {
    const trust = trusting(target);
    const result = await open(trust, { kind: 'password', password: 'wrong' });
    expect(result.ok ? null : result.error.code).toBe('auth-failed');
    expect(result.ok ? '' : result.error.message).toBe(`127.0.0.1:${target.port} did not let ${target.user} log in with password: check the user name and the password.`);
    trust.cleanup();
  });

  it('answers keyboard-interactive prompts with the password or a callback', async () => {
    const trust = trusting(target);
    expect(await whoami(await open(trust, { kind: 'keyboard-interactive', password: target.password }))).toBe('root');
    const asked: string[] = [];
    const respond = (prompts: { prompt: string }[]) => {
      asked.push(...prompts.map((p) => p.prompt));
      return prompts.map(() => target.password);
    };
    expect(await whoami(await open(trust, { kind: 'keyboard-interactive', respond }))).toBe('root');
    expect(asked).toEqual(['Password: ']);
    trust.cleanup();
  });

  it('opens a passphrase-protected key, and says so when the passphrase is missing or wrong', async () => {
    const trust = trusting(target);
    expect(await whoami(await open(trust, key))).toBe('root');
    const missing = await open(trust, { kind: 'key', privateKeyPath: target.privateKeyPath });
    expect(missing.ok ? '' : missing.error.message).toBe(`The private key ${target.privateKeyPath} is protected by a passphrase: enter the passphrase to use it.`);
    const wrong = await open(trust, { kind: 'key', privateKeyPath: target.privateKeyPath, passphrase: 'nope' });
    expect(wrong.ok ? '' : wrong.error).toMatchObject({ code: 'key-unreadable', message: expect.stringContaining('is wrong') });
    trust.cleanup();
  });

  it('logs in through a running ssh-agent', async () => {
    const trust = trusting(target);
    const socket = `${trust.dir}/agent.sock`;
    const agent = execFileSync('/usr/bin/ssh-agent', ['-a', socket], { encoding: 'utf8' });
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(agent)?.[1]);
    // ssh-add would ask for the passphrase on a terminal: the agent gets an unprotected copy.
    const plain = `${trust.dir}/plain`;
    writeFileSync(plain, readFileSync(target.privateKeyPath), { mode: 0o600 });
    execFileSync('/usr/bin/ssh-keygen', ['-p', '-P', 'correct horse', '-N', '', '-f', plain], { stdio: 'ignore' });
    execFileSync('/usr/bin/ssh-add', [plain], { env: { SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    try {
      expect(await whoami(await open(trust, { kind: 'agent', socket }))).toBe('root');
    } finally {
      process.kill(pid);
      trust.cleanup();
    }
  });

  it('trusts keys from the user known_hosts, hashed ones too', async () => {
    const trust = trusting(target);
    expect(await whoami(await open(trust, key))).toBe('root');
    execFileSync('/usr/bin/ssh-keygen', ['-H', '-f', trust.userKnownHostsPath ?? ''], { stdio: 'ignore' });
    expect(readFileSync(trust.userKnownHostsPath ?? '', 'utf8')).toMatch(/^\|1\|/);
    expect(await whoami(await open(trust, key))).toBe('root');
    trust.cleanup();
  });

  it('refuses a changed host key, names both fingerprints, and runs nothing', async () => {
    const trust = trusting(target);
    const old = target.hostKeyFingerprint;
    await target.replaceHostKey();
    await target.standIns?.clearRecords();
    const before = attempts(target);
    const result = await open(trust, [key, { kind: 'password', password: target.password }]);
    if (result.ok || result.error.code !== 'host-key-changed') throw new Error('expected a changed host key');
    expect(result.error.expected).toBe(old);
    expect(result.error.actual).toBe(target.hostKeyFingerprint);
    expect(result.error.message).toContain(`Cairn knows ${old} but the server now shows ${target.hostKeyFingerprint}`);
    expect(attempts(target)).toBe(before);
    expect(await target.standIns?.records()).toEqual([]);

    await acceptHostKey(trust, target.host, target.port, result.error.key);
    expect(await whoami(await open(trust, key))).toBe('root');
    trust.cleanup();
  });

  it('refuses a key revoked in the user known_hosts, though Cairn’s store trusts it, naming the file and logging in nothing', async () => {
    const trust = trusting(target);
    const blob = target.hostPublicKey.split(' ')[1] ?? '';
    await acceptHostKey(trust, target.host, target.port, { type: 'ssh-ed25519', base64: blob });
    writeFileSync(trust.userKnownHostsPath ?? '', `${target.knownHostsLine()}\n@revoked * ssh-ed25519 ${blob}\n`);
    const before = attempts(target);
    const result = await open(trust, key);
    expect(result.ok ? null : result.error).toEqual({
      code: 'unreachable',
      message: expect.stringContaining(`(${target.hostKeyFingerprint}) is marked @revoked in ${trust.userKnownHostsPath}`),
    });
    expect(attempts(target)).toBe(before);
    trust.cleanup();
  });

  it('notes the key the host showed, refused or trusted, for "trust" to check against', async () => {
    const presented = new PresentedKeys();
    const trust = { ...freshTrust(), presented };
    const first = await open(trust, key);
    expect(first.ok ? null : first.error.code).toBe('host-key-unknown');
    expect(presented.lastSeen(target.host, target.port)).toEqual({ type: 'ssh-ed25519', base64: target.hostPublicKey.split(' ')[1] });
    trust.cleanup();
  });

  it('says when nothing listens on the port', async () => {
    const trust = freshTrust();
    const result = await connect({ host: '127.0.0.1', port: 1, username: 'x', trust, auth: { kind: 'password', password: 'x' } });
    expect(result.ok ? null : result.error).toEqual({
      code: 'unreachable',
      message: '127.0.0.1:1 refused the connection: check that an SSH server runs there and the port is right.',
    });
    trust.cleanup();
  });
});

describe('connecting to the Dropbear target', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startDropbearTarget();
  });
  afterAll(() => target?.stop());

  it('accepts the host key at first contact and logs in with a key or a password', async () => {
    const trust = freshTrust();
    const auth: SshAuth = { kind: 'key', privateKeyPath: target.privateKeyPath };
    const first = await connect({ host: target.host, port: target.port, username: target.user, trust, auth });
    if (first.ok || first.error.code !== 'host-key-unknown') throw new Error('expected an unknown host key');
    expect(first.error.fingerprint).toBe(target.hostKeyFingerprint);
    await acceptHostKey(trust, target.host, target.port, first.error.key);
    expect(await whoami(await connect({ host: target.host, port: target.port, username: target.user, trust, auth }))).toBe(target.user);
    const password: SshAuth = { kind: 'password', password: target.password };
    expect(await whoami(await connect({ host: target.host, port: target.port, username: target.user, trust, auth: password }))).toBe(target.user);
    trust.cleanup();
  });
});

describe('reaching a box through a jump host (ProxyJump)', () => {
  let jump: TestTarget;
  let box: TestTarget;
  beforeAll(async () => {
    [jump, box] = await Promise.all([startOpenSshTarget(), startDropbearTarget()]);
  });
  afterAll(async () => {
    await Promise.all([jump?.stop(), box?.stop()]);
  });
  const through = (trust: HostTrust) =>
    connect({
      host: box.host,
      port: box.port,
      username: box.user,
      auth: { kind: 'key', privateKeyPath: box.privateKeyPath },
      trust,
      via: [{ host: jump.host, port: jump.port, username: jump.user, auth: { kind: 'key', privateKeyPath: jump.privateKeyPath } }],
    });
  const bothKnown = () => {
    const trust = freshTrust();
    writeFileSync(trust.userKnownHostsPath ?? '', `${jump.knownHostsLine()}\n${box.knownHostsLine()}\n`);
    return trust;
  };

  it('logs in to the box over a tunnel through the jump host, and closing it closes both', async () => {
    const trust = bothKnown();
    const opened = await through(trust);
    if (!opened.ok) throw new Error(opened.error.message);
    const ran = await exec(opened.value, 'id -un');
    expect(ran.ok && ran.value.stdout.trim()).toBe(box.user);
    expect(jump.serverLog()).toMatch(/Accepted publickey/);
    expect(jump.serverLog()).not.toMatch(/Received disconnect|Disconnected from user/);
    await opened.value.close();
    expect(opened.value.closed).toBe(true);
    // The hop is not left open: the jump host's sshd sees the client go.
    await expect.poll(() => /Received disconnect|Disconnected from user/.test(jump.serverLog()), { timeout: 5000 }).toBe(true);
    trust.cleanup();
  });

  it("checks each hop's key on its own: an unknown jump host stops before the box is reached", async () => {
    const trust = freshTrust();
    writeFileSync(trust.userKnownHostsPath ?? '', `${box.knownHostsLine()}\n`);
    const refused = await through(trust);
    expect(refused.ok).toBe(false);
    if (refused.ok || refused.error.code !== 'host-key-unknown') throw new Error('expected the jump host to be unknown');
    expect([refused.error.host, refused.error.port, refused.error.fingerprint]).toEqual([jump.host, jump.port, jump.hostKeyFingerprint]);
    trust.cleanup();
  });

  it('refuses a box whose key changed behind a trusted jump host, naming the box', async () => {
    const trust = bothKnown();
    const before = box.hostKeyFingerprint;
    await box.replaceHostKey();
    const refused = await through(trust);
    expect(refused.ok).toBe(false);
    if (refused.ok || refused.error.code !== 'host-key-changed') throw new Error('expected the box key to have changed');
    expect([refused.error.host, refused.error.expected, refused.error.actual]).toEqual([box.host, before, box.hostKeyFingerprint]);
    trust.cleanup();
  });

  it('refuses a jump host whose key changed, and sends nothing on to the box', async () => {
    const trust = bothKnown();
    await jump.replaceHostKey();
    const refused = await through(trust);
    expect(refused.ok).toBe(false);
    if (refused.ok || refused.error.code !== 'host-key-changed') throw new Error('expected the jump host key to have changed');
    expect(refused.error.host).toBe(jump.host);
    expect(refused.error.port).toBe(jump.port);
    trust.cleanup();
  });
});

describe('an IPv6 literal host', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startOpenSshTarget({ listenAddress: '::1' });
  });
  afterAll(() => target?.stop());

  it("is reached at ::1 and its key is known by OpenSSH's [::1]:port spelling", async () => {
    const trust = freshTrust();
    const first = await connect({ host: '::1', port: target.port, username: target.user, auth: { kind: 'key', privateKeyPath: target.privateKeyPath }, trust });
    if (first.ok || first.error.code !== 'host-key-unknown') throw new Error('expected a first contact');
    expect(first.error.message).toContain(`::1`);
    await acceptHostKey(trust, '::1', target.port, first.error.key);
    expect(readFileSync(trust.storePath, 'utf8')).toBe(`[::1]:${target.port} ${target.hostPublicKey}\n`);
    expect(await whoami(await connect({ host: '::1', port: target.port, username: target.user, auth: { kind: 'key', privateKeyPath: target.privateKeyPath }, trust }))).toBe(
      'root',
    );
    trust.cleanup();
  });
});
