import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentsFor, authMethods, WINDOWS_OPENSSH_AGENT } from './auth';

describe('which SSH agent a login asks', () => {
  it('takes SSH_AUTH_SOCK wherever it is set', () => {
    expect(agentsFor('/run/user/1000/ssh-agent.sock', 'linux')).toEqual(['/run/user/1000/ssh-agent.sock']);
    expect(agentsFor('/tmp/agent', 'win32')).toEqual(['/tmp/agent']);
  });

  it('on Windows without it, asks the OpenSSH agent service, then Pageant', () => {
    expect(agentsFor(undefined, 'win32')).toEqual(['\\\\.\\pipe\\openssh-ssh-agent', 'pageant']);
    expect(WINDOWS_OPENSSH_AGENT).toBe(String.raw`\\.\pipe\openssh-ssh-agent`);
  });

  it('elsewhere without it, says no agent is running', async () => {
    expect(agentsFor(undefined, 'darwin')).toEqual([]);
    expect(agentsFor('', 'linux')).toEqual([]);
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      const methods = await authMethods('root', [{ kind: 'agent' }]);
      expect(methods.ok || methods.error.message).toBe(
        process.platform === 'win32' ? true : 'No SSH agent is running (SSH_AUTH_SOCK is not set): start ssh-agent and add your key, or choose a key file.',
      );
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
  });
});

describe('reading a login key file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-auth-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('says a public key chosen for the private one is the wrong file, naming the one beside it, instead of trying a login that must fail', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
    const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
    const pub = join(dir, 'id_ed25519.pub');
    await writeFile(pub, `ssh-ed25519 ${blob.toString('base64')} me@laptop\n`);
    expect(await authMethods('root', [{ kind: 'key', privateKeyPath: pub }])).toEqual({
      ok: false,
      error: {
        code: 'key-unreadable',
        message: `The file ${pub} holds a public key, which cannot log in: choose the private key file that goes with it (${join(dir, 'id_ed25519')}).`,
      },
    });
  });
});
