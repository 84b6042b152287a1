import os from 'node:os';
import { parseSubnet } from '../../shared/discover';

/** An IPv4 network this computer has an address on. */
export interface OwnNetwork {
  /** The network, normalised: `192.168.1.0/24`, not the computer's own `192.168.1.23/24`. */
  cidr: string;
  interface: string;
  /** Loopback and other networks that never leave the computer. */
  internal: boolean;
}

/** What os.networkInterfaces() reports per address; `family` was the number 4 in some Node versions. */
type InterfaceAddress = Pick<os.NetworkInterfaceInfo, 'address' | 'netmask' | 'internal' | 'cidr'> & { family: string | number };

/** 255.255.255.0 → 24; null for a mask whose ones are not contiguous. */
function prefixOfMask(netmask: string): number | null {
  const parsed = parseSubnet(netmask);
  if (!parsed.ok) return null;
  const bits = parsed.subnet.network.toString(2).padStart(32, '0');
  const ones = /^(1*)0*$/.exec(bits)?.[1];
  return ones === undefined ? null : ones.length;
}

/** The computer's IPv4 networks, one entry per interface and network; the scan is bounded to these. */
export function ownNetworks(interfaces: Readonly<Record<string, readonly InterfaceAddress[] | undefined>> = os.networkInterfaces()): OwnNetwork[] {
  const networks: OwnNetwork[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const entry of addresses ?? []) {
      if (entry.family !== 'IPv4' && entry.family !== 4) continue;
      // Node gives cidr as null when the mask is unusual; work it out from the mask then.
      const prefix = entry.cidr === null ? prefixOfMask(entry.netmask) : null;
      const parsed = parseSubnet(entry.cidr ?? (prefix === null ? '' : `${entry.address}/${prefix}`));
      if (!parsed.ok) continue;
      const cidr = parsed.subnet.cidr;
      if (!networks.some((n) => n.cidr === cidr && n.interface === name)) networks.push({ cidr, interface: name, internal: entry.internal });
    }
  }
  return networks;
}
