import { describe, expect, it } from 'vitest';
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
