import { values, type ProfileUser } from '../profile';
import { unlocks } from '../profile/unlock';
import type { Assignment } from './assignments';
import type { Diagnostics } from './diagnostics';
import { getopts, lastArg, hasFlag, optionWords, reportGetopts, showWords } from './option-words';
import { sshKeyLines } from './sections-parse';

/** Whether the full name can ride in USEROPTS (setup-alpine passes it unquoted, so only one plain word). */
export const fullNameTravels = (fullName: string): boolean => fullName === '' || values.travelsAsWord(fullName);

export { unlocks, wantsUnlock } from '../profile/unlock';

/**
 * The unlock setting an answer file gives back: auto where the file's -u is
 * what auto would write (a key and no password: answer files never carry
 * password hashes), else the file's own yes or no.
 */
export const unlockAsRead = (sshKeys: readonly string[], hasU: boolean): ProfileUser['unlock'] => (hasU === sshKeys.length > 0 ? 'auto' : hasU ? 'yes' : 'no');

/** USEROPTS: `[-a] [-u] [-f FULLNAME] [-g GROUPS] NAME`, or none. */
export function userOptions(u: ProfileUser | null): string {
  if (u === null) return 'none';
  const words: string[] = [];
  if (u.admin) words.push('-a');
  if (unlocks(u)) words.push('-u');
  if (u.fullName !== '' && fullNameTravels(u.fullName)) words.push('-f', u.fullName);
  if (u.groups.length > 0) words.push('-g', u.groups.join(','));
  return [...words, u.name].join(' ');
}

export interface UserInputs {
  opts: Assignment | undefined;
  keys: Assignment | undefined;
  fullName: Assignment | undefined;
}

/** The user from USEROPTS, USERSSHKEY and CAIRN_USER_FULLNAME, with what setup-user would do differently. */
export function parseUser({ opts, keys, fullName }: UserInputs, d: Diagnostics): ProfileUser | null {
  const sshKeys = keys === undefined ? [] : sshKeyLines(keys.value);
  if (opts === undefined) {
    // What setup-user does when nobody answers "Setup a user? [no]": no user.
    d.missing(
      'USEROPTS',
      'info',
      (state) =>
        `USEROPTS is ${state}: setup-alpine would ask "Setup a user?" here; unattended, it creates no user, and neither does this profile. Add a user in the wizard if you want one.`,
    );
    if (keys !== undefined && sshKeys.length > 0) d.add(keys.line, 'info', 'USERSSHKEY has no effect without a user (USEROPTS is not set); it was not kept.', 'USERSSHKEY');
    return null;
  }
  const note = d.at(opts.line, 'USEROPTS');
  const words = optionWords(opts.value, 'USEROPTS', 'setup-user', note);
  if (words.length === 1 && words[0] === 'none') {
    if (keys !== undefined && sshKeys.length > 0)
      d.add(
        keys.line,
        'warning',
        'USEROPTS is none but USERSSHKEY is set: setup-user would then create a user literally named "none". Cairn created no user and ignored the key.',
        'USERSSHKEY',
      );
    if (fullName !== undefined) d.add(fullName.line, 'warning', 'CAIRN_USER_FULLNAME is set but USEROPTS is none (no user); it was ignored.', 'CAIRN_USER_FULLNAME');
    return null;
  }
  const g = getopts(words, 'af:g:hk:u');
  reportGetopts(g, 'USEROPTS', 'setup-user', note);
  if (hasFlag(g, 'h')) note('warning', 'USEROPTS has -h: setup-user would only print its help and create no user. Cairn ignored -h.');
  const [name = '', ...extra] = g.operands;
  if (name === '') note('warning', 'USEROPTS names no user, so setup-user would ask for one. Enter the user name in the wizard.');
  if (extra.length > 0)
    note('warning', `USEROPTS gives setup-user more than one user name (${showWords(g.operands)}): it would print its usage and create no user. Cairn kept "${name}".`);

  let full = lastArg(g, 'f') ?? '';
  if (!fullNameTravels(full))
    note(
      'warning',
      `The full name "${full}" cannot travel in USEROPTS: setup-alpine splits it at spaces, so setup-user would print its usage and create no user. Cairn keeps the full name and sets it itself after setup-alpine (CAIRN_USER_FULLNAME).`,
    );
  if (fullName !== undefined) {
    if (full !== '' && full !== fullName.value)
      d.add(
        fullName.line,
        'warning',
        `CAIRN_USER_FULLNAME ("${fullName.value}") differs from the -f in USEROPTS ("${full}"); Cairn used CAIRN_USER_FULLNAME.`,
        'CAIRN_USER_FULLNAME',
      );
    full = fullName.value;
  }

  let userKeys = sshKeys;
  const k = lastArg(g, 'k');
  if (k !== null) {
    if (keys !== undefined) note('warning', 'USEROPTS has -k and USERSSHKEY is set too: setup-user uses the -k in USEROPTS. Cairn kept that key and ignored USERSSHKEY.');
    else note('info', "USEROPTS has -k; Cairn keeps the key as the user's SSH key and writes it to USERSSHKEY, where a key with spaces survives.");
    userKeys = k === 'none' ? [] : [k];
  }
  const groupsArg = lastArg(g, 'g');
  const groups = groupsArg === null || groupsArg === 'none' ? [] : groupsArg.split(/[,\s]+/).filter(Boolean);
  // -u is kept as the file has it, not re-derived: validation says what it means.
  return { name, fullName: full, groups, admin: hasFlag(g, 'a'), sshKeys: userKeys, unlock: unlockAsRead(userKeys, hasFlag(g, 'u')), passwordHash: null };
}
