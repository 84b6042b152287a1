import { renderInterfaces } from '../answerfile/interfaces-render';
import { wifiConfigPath, wifiConfigText, withWifiSecret } from '../answerfile/wifi-config';
import type { Profile } from '../profile';
import type { FixStep } from './drift-core';
import type { BoxConfig } from './facts-config';
import { INTERFACES_FILE } from './drift-interfaces';
import type { GuardedFile } from './revert-script';

/** A guarded drift step as files written whole and services restarted: what confirm-or-revert can undo byte for byte. */
export interface GuardedFix {
  files: GuardedFile[];
  restart: string[];
}

/**
 * The files a guarded fix writes, for confirm-or-revert (revert-script).
 * interfaces: the profile's /etc/network/interfaces, networking restarted.
 * dns: /etc/resolv.conf as setup-dns writes it (the box's servers kept when
 * the profile names none). null for what is no file change (setup-sshd
 * installs and enables a server): that step runs its command under the guard.
 * The content can hold a wifi passphrase: it stays in the main process.
 */
export function guardedFix(step: FixStep, profile: Profile, config: BoxConfig): GuardedFix | null {
  if (step.id === 'interfaces') {
    // Each wifi file first: the interfaces name them, and the guard writes (and undoes) them all together.
    const wifi = withWifiSecret(profile.interfaces).map((i) => ({ path: wifiConfigPath(i.name), content: wifiConfigText(i.wifi), mode: 0o600 }));
    return { files: [...wifi, { path: INTERFACES_FILE, content: renderInterfaces(profile.interfaces, { wifiConfigPath }), mode: 0o644 }], restart: ['networking'] };
  }
  if (step.id === 'dns') {
    const { searchDomain, servers } = profile.dns;
    const using = servers.length > 0 ? servers : (config.resolv?.nameservers ?? []);
    const lines = [...(searchDomain === '' ? [] : [`search ${searchDomain}`]), ...using.map((s) => `nameserver ${s}`)];
    return { files: [{ path: '/etc/resolv.conf', content: `${lines.join('\n')}\n`, mode: 0o644 }], restart: [] };
  }
  return null;
}
