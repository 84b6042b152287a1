import type { Report } from './problems';
import type { Profile } from './schema';
import { ALPINE_GROUPS } from '../reference';
import { hasControlChars, isCryptHash, isPosixName, isSshKeyOrUrl } from './values';
import { unlocks } from './unlock';

const RESERVED = new Set(['root', 'daemon', 'bin', 'sys', 'adm', 'nobody', 'sshd', 'wheel', 'operator', 'halt', 'shutdown', 'none']);

export function checkSshKeys(keys: readonly string[], at: string, report: Report): void {
  // setup-user fetches a URL only when the whole key value is that URL.
  if (keys.length > 1 && keys.some((k) => /^https?:\/\//.test(k.trim()))) report(at, 'A URL to keys must be the only entry; paste the keys themselves to combine several.');
  keys.forEach((k, n) => {
    if (!isSshKeyOrUrl(k))
      report(`${at}.${n}`, 'This is not an SSH public key. Paste one line of your ~/.ssh/id_ed25519.pub (it starts with ssh-ed25519), or an https URL to keys.');
    else if (/[\r\n]/.test(k.trim())) report(`${at}.${n}`, 'Put each SSH key in its own entry, one line each.');
  });
}

export function checkPasswordHash(hash: string | null, at: string, report: Report): void {
  if (hash !== null && !isCryptHash(hash)) report(at, 'Passwords are stored only as crypt hashes (starting with $6$ or $y$). Set the password again so Cairn can hash it.');
}

export function checkUser(p: Profile, report: Report): void {
  checkPasswordHash(p.rootPasswordHash, 'rootPasswordHash', report);
  checkSshKeys(p.rootSshKeys, 'rootSshKeys', report);
  // setup-sshd writes root's keys, and with "none" it stops before that.
  if (p.sshd === 'none' && p.rootSshKeys.length > 0)
    report(
      'rootSshKeys',
      "Root's SSH keys are installed by the SSH server step; with no SSH server (none) setup-alpine leaves them out. Choose OpenSSH or Dropbear, or remove the keys.",
    );
  const u = p.user;
  if (u === null) {
    if (p.rootSshKeys.length === 0 && p.rootPasswordHash === null && p.sshd !== 'none')
      report('user', 'No user, no root SSH key and no root password: nobody can log in over SSH. Add a user with a key.', 'warning');
    return;
  }
  if (!isPosixName(u.name)) report('user.name', 'A user name is lower-case letters, digits, "_" or "-", starting with a letter, at most 32 characters (like "jane").');
  else if (RESERVED.has(u.name)) report('user.name', `"${u.name}" is a system account; choose another user name.`);
  if (hasControlChars(u.fullName) || u.fullName.includes(':')) report('user.fullName', 'A full name cannot contain ":" or control characters.');
  u.groups.forEach((g, n) => {
    if (!isPosixName(g)) report(`user.groups.${n}`, `"${g}" is not a group name; use lower-case names like audio, video, netdev.`);
    else if (!ALPINE_GROUPS.includes(g))
      report(
        `user.groups.${n}`,
        `"${g}" is not a group on a fresh Alpine, so setup-user would stop there and leave ${u.name} without the groups after it${u.admin ? ', admin rights' : ''}${unlocks(u) ? ' and the unlock' : ''}. Choose one Alpine has (like audio, video, netdev, wheel), or create it after the install.`,
      );
  });
  checkSshKeys(u.sshKeys, 'user.sshKeys', report);
  checkPasswordHash(u.passwordHash, 'user.passwordHash', report);
  if (u.sshKeys.length === 0 && u.passwordHash === null && u.unlock === 'yes')
    report(
      'user.unlock',
      `${u.name} is unlocked (-u) without a password or key: the password is empty, so anyone at the console can log in as ${u.name}. Set a password, or turn unlocking off.`,
      'warning',
    );
  else if (u.sshKeys.length === 0 && u.passwordHash === null)
    report('user.sshKeys', `${u.name} has neither an SSH key nor a password and will not be able to log in. Add a key.`, 'warning');
  else if (u.sshKeys.length > 0 && u.passwordHash === null && u.unlock === 'no')
    report('user.unlock', `${u.name} stays locked (no -u) and has no password, so its SSH key cannot log in. Unlock it for key-only login, or set a password.`, 'warning');
}
