import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, HASH, KEY, warningAt, withChange } from './validate.test-support';

// user.ts also holds the rules for root's password hash and SSH keys, so they are tested here.
describe('user', () => {
  it('accepts only crypt hashes as passwords', () => {
    const clear = withChange((p) => (p.rootPasswordHash = 'hunter2'));
    expect(errorAt(clear, 'rootPasswordHash')?.message).toMatch(/crypt hashes/);
    expect(
      errorAt(
        withChange((p) => (p.user!.passwordHash = 'secret')),
        'user.passwordHash',
      ),
    ).toBeDefined();
    expect(errorsOf(validate(withChange((p) => (p.rootPasswordHash = HASH))))).toEqual([]);
  });

  it('checks users, groups and SSH keys', () => {
    expect(
      errorAt(
        withChange((p) => (p.user!.name = 'Jane Doe')),
        'user.name',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.user!.name = 'root')),
        'user.name',
      )?.message,
    ).toMatch(/system account/);
    expect(
      errorAt(
        withChange((p) => (p.user!.name = 'none')),
        'user.name',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.user!.sshKeys = [KEY, 'https://github.com/jane.keys'])),
        'user.sshKeys',
      )?.message,
    ).toMatch(/only entry/);
    expect(
      errorAt(
        withChange((p) => (p.user!.fullName = 'Jane: Doe')),
        'user.fullName',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.user!.sshKeys = ['not a key'])),
        'user.sshKeys.0',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.rootSshKeys = ['ssh-rsa'])),
        'rootSshKeys.0',
      ),
    ).toBeDefined();
    expect(errorsOf(validate(withChange((p) => (p.user!.sshKeys = ['https://github.com/jane.keys']))))).toEqual([]);
    expect(
      warningAt(
        withChange((p) => (p.user!.sshKeys = [])),
        'user.sshKeys',
      )?.message,
    ).toMatch(/not be able to log in/);
    expect(
      warningAt(
        withChange((p) => (p.user = null)),
        'user',
      ),
    ).toBeDefined();
  });

  it('refuses a group a fresh Alpine does not have: setup-user would stop there', () => {
    const p = withChange((x) => (x.user = { ...x.user!, groups: ['audio', 'docker'] }));
    expect(errorAt(p, 'user.groups.1')?.message).toMatch(/"docker" is not a group on a fresh Alpine.*admin rights/);
    expect(errorAt(p, 'user.groups.0')).toBeUndefined();
  });

  it('refuses root keys without an SSH server: setup-sshd none writes none', () => {
    const p = withChange((x) => {
      x.sshd = 'none';
      x.rootSshKeys = ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 me'];
    });
    expect(errorAt(p, 'rootSshKeys')?.message).toMatch(/no SSH server.*leaves them out/);
  });

  it('says what -u means: an empty password without a key, a locked key login without it', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 me';
    const open = withChange((x) => (x.user = { ...x.user!, sshKeys: [], unlock: 'yes' }));
    expect(validate(open).find((x) => x.path === 'user.unlock')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/password is empty/) });
    const locked = withChange((x) => (x.user = { ...x.user!, sshKeys: [key], unlock: 'no' }));
    expect(validate(locked).find((x) => x.path === 'user.unlock')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/SSH key cannot log in/) });
    const auto = withChange((x) => (x.user = { ...x.user!, sshKeys: [key], unlock: 'auto' }));
    expect(validate(auto).find((x) => x.path === 'user.unlock')).toBeUndefined();
  });
});
