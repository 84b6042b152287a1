import type { Target } from '../../shared/api/targets';
import type { Profile } from '../../shared/profile';
import { hostKeyFromBase64 } from '../ssh/fingerprint';
import { loadKnownKeys, type HostTrust } from '../ssh/known-hosts';

/**
 * The address an install gave the box, when it is not where the target
 * points: the static address of the first interface brought up at boot
 * (IPv4 first, as setup-alpine lists it). A DHCP box cannot be followed by
 * address; the person finds it again with "Find on network".
 */
export function addressAfterInstall(profile: Profile, target: Pick<Target, 'host'>): string | null {
  for (const i of profile.interfaces) {
    if (!i.auto) continue;
    const address = i.ipv4.mode === 'static' ? i.ipv4.address : i.ipv6.mode === 'static' ? i.ipv6.address : '';
    if (address !== '' && address !== target.host) return address;
  }
  return null;
}

/**
 * The target as it would be at its new address, trusting there only the key
 * the box had at the old one (the way a boot medium's key is pinned): the
 * box is recognised by its key, and anything else answering there is
 * refused. Null when no key is known for the old address.
 */
export async function targetAt(target: Target, host: string, trust: HostTrust): Promise<Target | null> {
  if (target.hostKey !== undefined) return { ...target, host };
  const known = await loadKnownKeys(trust, target.host, target.port);
  const key = known.cairn[0] ?? known.user[0];
  if (key === undefined) return null;
  return { ...target, host, hostKey: { keyType: key.keyType, key: key.base64, fingerprint: hostKeyFromBase64(key.base64).fingerprint } };
}
