import { defaultProfile } from './defaults';
import type { Profile } from './schema';
import { errorsOf, validate } from './validate';

// Shared by the per-section rule tests (<section>.test.ts) and validate.test.ts.

export const HASH = '$6$saltsalt$' + 'a'.repeat(86);
export const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 jane@desk';

/** The default profile made valid (a user key, a disk), then changed by `change`. */
export function withChange(change: (p: Profile) => void): Profile {
  const p = defaultProfile();
  p.user = { ...p.user!, sshKeys: [KEY] };
  p.disk.disks = ['/dev/sda'];
  change(p);
  return p;
}

export const errorAt = (p: Profile, path: string) => errorsOf(validate(p)).find((e) => e.path === path);
export const warningAt = (p: Profile, path: string) => validate(p).find((e) => e.path === path && e.severity === 'warning');
