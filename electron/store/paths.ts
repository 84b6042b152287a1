import { join } from 'node:path';

/** Where each store keeps its files under Electron's userData directory. */
export interface StorePaths {
  root: string;
  profiles: string;
  targets: string;
  knownHosts: string;
  secrets: string;
  /** Wifi passphrases of profiles, kept like the targets' secrets. */
  profileSecrets: string;
  runs: string;
  log: string;
}

export function storePaths(userData: string): StorePaths {
  return {
    root: userData,
    profiles: join(userData, 'profiles'),
    targets: join(userData, 'targets.json'),
    /** OpenSSH known_hosts format, Cairn's own (never ~/.ssh/known_hosts). */
    knownHosts: join(userData, 'known_hosts'),
    secrets: join(userData, 'secrets.json'),
    profileSecrets: join(userData, 'profile-secrets.json'),
    runs: join(userData, 'runs'),
    log: join(userData, 'logs', 'main.log'),
  };
}
