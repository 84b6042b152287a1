import { describe, expect, it } from 'vitest';
import { targetInputSchema } from './targets';

const base = { name: 'nas', host: 'nas.lan', port: 22, user: 'root', auth: 'agent' };
const firstIssue = (input: unknown) => {
  const r = targetInputSchema.safeParse(input);
  return r.success ? null : { path: r.error.issues[0]?.path.join('.'), message: r.error.issues[0]?.message };
};

describe('a target as entered', () => {
  it('is accepted with trimmed fields and no tags', () => {
    expect(targetInputSchema.parse({ ...base, name: ' nas ', host: ' nas.lan ' })).toEqual({ ...base, tags: [] });
  });

  it('needs a key file when it logs in with a key', () => {
    expect(firstIssue({ ...base, auth: 'key' })).toEqual({ path: 'keyPath', message: 'Choose the private key file to log in with, or pick another login method.' });
    expect(firstIssue({ ...base, auth: 'key', keyPath: '/home/me/.ssh/id_ed25519' })).toBeNull();
  });

  it('refuses a host or user with spaces, and an unknown login method, in words', () => {
    expect(firstIssue({ ...base, host: 'nas lan' })).toEqual({ path: 'host', message: 'A host name or address cannot contain spaces.' });
    expect(firstIssue({ ...base, user: '' })).toEqual({ path: 'user', message: 'Enter the user to log in as (a fresh Alpine box has only root).' });
    expect(firstIssue({ ...base, auth: 'kerberos' })).toEqual({ path: 'auth', message: 'Choose how to log in: agent, key, password or keyboard-interactive.' });
  });
});
