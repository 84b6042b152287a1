import { setFullName } from '../plan/user-steps';
import { values, type ProfileUser } from '../profile';
import { unlocks } from '../profile/unlock';
import { op } from '../shell';
import { fixStep, lineDiff, row, type Drift, type DriftInput } from './drift-core';
import { appendKeys, missingKeys, shortKey } from './drift-keys';
import type { Parts } from './sections';

/**
 * setup-user as setup-alpine runs it (USEROPTS, USERSSHKEY). Without the
 * password hash (a receipt's profile) it never unlocks: unlocking an
 * account without its password would leave the password empty.
 */
function setupUser(u: ProfileUser, secretsKnown: boolean): Parts {
  return [
    'setup-user',
    ...(u.admin ? ['-a'] : []),
    ...(secretsKnown && unlocks(u) ? ['-u'] : []),
    ...(u.fullName === '' ? [] : ['-f', u.fullName]),
    ...(u.groups.length === 0 ? [] : ['-g', u.groups.join(',')]),
    ...(u.sshKeys.length === 0 ? [] : ['-k', u.sshKeys.map((k) => k.trim()).join('\n')]),
    u.name,
  ];
}

const addGroups = (name: string, groups: readonly string[]): Parts => groups.flatMap((g, n) => [...(n > 0 ? [op('&&')] : []), 'addgroup', name, g]);

/**
 * The account the profile creates: there, in its groups (wheel for an
 * admin), with its full name and the profile's SSH keys. Only what is
 * missing counts; the box may have more. The password is never read (it
 * lives in /etc/shadow): it is set only when Cairn creates the account.
 */
export function userDrift({ profile, config, secretsKnown }: DriftInput): Drift[] {
  const u = profile.user;
  if (u === null) return [];
  const safe = values.isPosixName(u.name) && u.groups.every(values.isPosixName);
  const account = config.users.find((a) => a.name === u.name);
  if (account === undefined) {
    const out = [
      row({
        field: 'user',
        item: u.name,
        expected: `an account${u.admin ? ' with admin rights (wheel, doas)' : ''}`,
        actual: 'no such account',
        fix: safe ? fixStep('user', 'user', `Create the account ${u.name} (setup-user)`, setupUser(u, secretsKnown)) : null,
      }),
    ];
    if (secretsKnown && u.passwordHash !== null && safe) {
      out.push(
        row({
          field: 'user',
          item: `${u.name} password`,
          expected: 'the password of the profile',
          actual: 'no account yet',
          // The hash travels on stdin (fixInput), never in the command.
          fix: fixStep('user-password', 'user', `Set the password of ${u.name}`, ['chpasswd', '-e']),
        }),
      );
    }
    return out;
  }

  const out: Drift[] = [];
  if (u.fullName !== '' && account.gecos !== u.fullName) {
    out.push(
      row({
        field: 'user',
        item: `${u.name} full name`,
        expected: u.fullName,
        actual: account.gecos === '' ? 'none' : account.gecos,
        fix: safe ? fixStep('user-fullname', 'user', `Set the full name of ${u.name}`, setFullName(u.name, u.fullName)) : null,
      }),
    );
  }
  const wanted = [...new Set([...u.groups, ...(u.admin ? ['wheel'] : [])])];
  const member = (g: string) => (config.groups[g] ?? []).includes(u.name);
  const lacking = wanted.filter((g) => !member(g));
  if (lacking.length > 0) {
    const mine = Object.keys(config.groups).filter(member);
    out.push(
      row({
        field: 'user',
        item: `${u.name} groups`,
        expected: wanted.join(', '),
        actual: `not in ${lacking.join(', ')}`,
        diff: lineDiff([...wanted].sort(), mine.filter((g) => wanted.includes(g)).sort()),
        fix: safe ? fixStep('user-groups', 'user', `Add ${u.name} to ${lacking.join(', ')}`, addGroups(u.name, lacking)) : null,
      }),
    );
  }
  const file = `${account.home.replace(/\/+$/, '')}/.ssh/authorized_keys`;
  const present = config.authorizedKeys[file] ?? [];
  const missing = missingKeys(u.sshKeys, present);
  if (missing.length > 0) {
    out.push(
      row({
        field: 'user',
        item: `${u.name} SSH keys`,
        expected: `${missing.length === 1 ? 'a key' : `${missing.length} keys`} in ${file}`,
        actual: `${missing.length === 1 ? 'it is' : 'they are'} missing`,
        diff: lineDiff(u.sshKeys.map(shortKey), present.map(shortKey)),
        fix:
          safe && account.home.startsWith('/')
            ? fixStep(
                'user-keys',
                'user',
                `Add ${missing.length === 1 ? 'a key' : `${missing.length} keys`} to ${u.name}'s authorized_keys`,
                appendKeys(account.home, u.name, missing),
              )
            : null,
      }),
    );
  }
  return out;
}
