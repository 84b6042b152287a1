import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile';
import { runWithShims } from '../plan/shims.test-support';
import { fixInput, fixSteps } from './drift';
import { ADMIN_KEY, driftOf, NEW_KEY, pi, piProfile, rows } from './drift-pi.test-support';

const HASH = '$6$salt$' + 'h'.repeat(86);
const user = (changes: Partial<NonNullable<Profile['user']>>): Profile => ({ ...piProfile(), user: { ...(piProfile().user as NonNullable<Profile['user']>), ...changes } });
const PASSWD_WITHOUT_ADMIN = 'root:x:0:0:root:/root:/bin/ash\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin';

describe('user drift', () => {
  it('creates a missing account with setup-user as setup-alpine runs it, then sets its password from stdin', () => {
    const profile = user({ name: 'jane', fullName: 'Jane Doe', groups: ['audio', 'video'], sshKeys: [NEW_KEY], passwordHash: HASH, unlock: 'auto' });
    expect(rows(profile, pi())).toEqual([
      { field: 'user', item: 'jane', expected: 'an account with admin rights (wheel, doas)', actual: 'no such account', guarded: false },
      { field: 'user', item: 'jane password', expected: 'the password of the profile', actual: 'no account yet', guarded: false },
    ]);
    const steps = fixSteps(driftOf(profile, pi()));
    expect(steps.map((s) => s.id)).toEqual(['user', 'user-password']);
    expect(JSON.stringify(steps)).not.toContain(HASH);
    const run = runWithShims(steps[0]?.command ?? 'false', ['setup-user']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([['setup-user', '-a', '-f', 'Jane Doe', '-g', 'audio,video', '-k', NEW_KEY, 'jane']]);
    const password = runWithShims(steps[1]?.command ?? 'false', ['chpasswd'], { stdin: fixInput(steps[1]!, profile) ?? '' });
    expect(password.calls).toMatchObject([{ name: 'chpasswd', args: ['-e'], stdin: `jane:${HASH}\n` }]);
  });

  it("unlocks a key-only account, but never from a receipt's profile whose password was taken out", () => {
    const keyOnly = user({ name: 'jane', sshKeys: [NEW_KEY], passwordHash: null, unlock: 'auto', admin: false, groups: [] });
    const args = (options?: { secretsKnown: boolean }) => runWithShims(fixSteps(driftOf(keyOnly, pi(), options))[0]?.command ?? 'false', ['setup-user']).calls[0]?.args;
    expect(args()).toEqual(['-u', '-k', NEW_KEY, 'jane']);
    expect(args({ secretsKnown: false })).toEqual(['-k', NEW_KEY, 'jane']);
  });

  it('adds an existing account to the groups it lacks, wheel for an admin', () => {
    const reading = pi({ group: 'root:x:0:root\nwheel:x:10:root\naudio:x:18:admin\ninput:x:23:\nvideo:x:27:root,admin\nnetdev:x:28:admin\nadmin:x:1000:admin' });
    expect(rows(piProfile(), reading)).toEqual([
      { field: 'user', item: 'admin groups', expected: 'audio, input, video, netdev, wheel', actual: 'not in input, wheel', guarded: false },
    ]);
    const [found] = driftOf(piProfile(), reading);
    expect(found?.diff.filter((l) => l.side !== 'both')).toEqual([
      { side: 'profile', text: 'input' },
      { side: 'profile', text: 'wheel' },
    ]);
    const run = runWithShims(found?.fix?.command ?? 'false', ['addgroup']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([
      ['addgroup', 'admin', 'input'],
      ['addgroup', 'admin', 'wheel'],
    ]);
  });

  it("adds the profile's keys the account lacks, to the home /etc/passwd names", () => {
    const [found] = driftOf(user({ sshKeys: [ADMIN_KEY, NEW_KEY] }), pi());
    expect(found).toMatchObject({
      field: 'user',
      item: 'admin SSH keys',
      expected: 'a key in /home/admin/.ssh/authorized_keys',
      actual: 'it is missing',
      fix: { id: 'user-keys' },
    });
    expect(found?.fix?.command).toContain("'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5ldyBrZXkgZm9yIHRoZSBkcmlmdCB0ZXN0cyBvbmx5 jane@desk' >> /home/admin/.ssh/authorized_keys");
    expect(found?.fix?.command).toContain('chown -R admin:admin /home/admin/.ssh');
    // A key given as a URL is fetched by setup-user: what it holds cannot be compared.
    expect(driftOf(user({ sshKeys: ['https://github.com/jane.keys'] }), pi())).toEqual([]);
  });

  it('sets a full name that differs, and leaves the box alone without a user in the profile', () => {
    expect(rows(user({ fullName: 'Pi Admin' }), pi())).toEqual([{ field: 'user', item: 'admin full name', expected: 'Pi Admin', actual: 'Linux User,,,', guarded: false }]);
    expect(driftOf({ ...piProfile(), user: null }, pi({ passwd: PASSWD_WITHOUT_ADMIN }))).toEqual([]);
  });
});
