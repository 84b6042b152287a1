import type { ProfileUser } from './schema';

/** Key-only login: setup-user's -u unlocks the account, which otherwise stays locked without a password. */
export const wantsUnlock = (u: ProfileUser): boolean => u.sshKeys.length > 0 && u.passwordHash === null;

/** Whether setup-user gets -u: as the profile says, or (auto) for a key-only login. */
export const unlocks = (u: ProfileUser): boolean => (u.unlock === 'auto' ? wantsUnlock(u) : u.unlock === 'yes');
