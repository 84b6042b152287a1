import { MAX_SCAN_ADDRESSES } from '../api/discover';

// IPv4 networks as "Find on network" takes them from a person: parsed,
// normalised, bounded and checked against the networks this computer is on,
// so a scan never reaches past what the user can see from their own desk.

/** An IPv4 network; `network` is the unsigned 32-bit network address (host bits zero). */
export interface Subnet {
  /** Normalised `a.b.c.d/p`, host bits cleared. */
  cidr: string;
  network: number;
  prefix: number;
}

export type SubnetParse = { ok: true; subnet: Subnet } | { ok: false; message: string };

const EXAMPLE = 'write an IPv4 network like 192.168.1.0/24.';
const LOOPBACK: Subnet = { cidr: '127.0.0.0/8', network: 0x7f000000, prefix: 8 };

/** The netmask of a prefix as an unsigned number (`<< 32` is `<< 0` in JavaScript, hence /0 apart). */
const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

/** What the user typed, short enough to quote back in a sentence. */
function quoted(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

/** 65534 → "65,534": the same in every locale, unlike toLocaleString. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * Reads `a.b.c.d/p` or a bare address (a /32). Host bits are cleared, so the
 * computer's own address with its prefix (192.168.1.23/24) names its network.
 */
export function parseSubnet(text: string): SubnetParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter the network to search, like 192.168.1.0/24.' };
  if (trimmed.includes(':')) return { ok: false, message: `${quoted(trimmed)} is an IPv6 network; Cairn searches IPv4 networks only: ${EXAMPLE}` };
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(trimmed);
  if (match === null) return { ok: false, message: `${quoted(trimmed)} is not a network; ${EXAMPLE}` };
  const octets = match.slice(1, 5).map((part) => part ?? '');
  // 010 means 8 to some tools and 10 to others: refuse rather than guess.
  if (octets.some((part) => part.length > 1 && part.startsWith('0')))
    return { ok: false, message: `${quoted(trimmed)} is not a network: write each number without leading zeros; ${EXAMPLE}` };
  if (octets.some((part) => Number(part) > 255)) return { ok: false, message: `${quoted(trimmed)} is not a network: each of the four numbers goes from 0 to 255; ${EXAMPLE}` };
  const prefix = match[5] === undefined ? 32 : Number(match[5]);
  if (prefix > 32) return { ok: false, message: `${quoted(trimmed)} is not a network; ${EXAMPLE}` };
  const address = octets.reduce((sum, part) => sum * 256 + Number(part), 0);
  const network = (address & maskOf(prefix)) >>> 0;
  return { ok: true, subnet: { cidr: `${formatAddress(network)}/${prefix}`, network, prefix } };
}

/** How many addresses a scan of the subnet tries: all but network and broadcast, except in a /31 or /32 where every address is a host. */
export function hostCount(subnet: Subnet): number {
  const size = 2 ** (32 - subnet.prefix);
  return subnet.prefix >= 31 ? size : size - 2;
}

/**
 * The host addresses of the subnet, in order. Bounded like a scan: a subnet
 * over MAX_SCAN_ADDRESSES is a bug in the caller (subnetProblem says so
 * first), not a reason to build millions of strings.
 */
export function scanAddresses(subnet: Subnet): string[] {
  const count = hostCount(subnet);
  if (count > MAX_SCAN_ADDRESSES) throw new RangeError(`${subnet.cidr} holds ${grouped(count)} addresses, more than a scan may try; check it with subnetProblem first.`);
  const first = subnet.prefix >= 31 ? subnet.network : subnet.network + 1;
  return Array.from({ length: count }, (_, i) => formatAddress(first + i));
}

/** Whether every address of `inner` lies in `outer`. */
export function containsSubnet(outer: Subnet, inner: Subnet): boolean {
  return outer.prefix <= inner.prefix && (inner.network & maskOf(outer.prefix)) >>> 0 === outer.network;
}

/**
 * Why a scan of this subnet is refused, as a sentence saying what to search
 * instead; null when it may go ahead. Cairn searches only networks this
 * computer is on (loopback too, when the list holds it) and at most
 * MAX_SCAN_ADDRESSES addresses at a time.
 */
export function subnetProblem(subnet: Subnet, ownNetworks: readonly { cidr: string }[]): string | null {
  const own = ownNetworks.flatMap((n) => {
    const parsed = parseSubnet(n.cidr);
    return parsed.ok ? [parsed.subnet] : [];
  });
  if (!own.some((network) => containsSubnet(network, subnet))) {
    const names = [...new Set(own.map((n) => n.cidr))];
    const list = names.length === 0 ? 'it has none Cairn can see' : names.join(', ');
    return `${quoted(subnet.cidr)} is not one of this computer's networks (${list}): Cairn only searches networks it is on.`;
  }
  const count = hostCount(subnet);
  if (count > MAX_SCAN_ADDRESSES) {
    return `${quoted(subnet.cidr)} holds ${grouped(count)} addresses, more than the ${grouped(MAX_SCAN_ADDRESSES)} one search may try: search the /24 (254 addresses) or at most the /22 that holds the box.`;
  }
  return null;
}

/**
 * The networks offered for a search without typing: the computer's own of
 * /24 or smaller, each once, without loopback or internal ones (nothing to
 * find there) and without a /32 (that is only this computer).
 */
export function defaultSubnets<T extends { cidr: string; internal?: boolean }>(own: readonly T[]): T[] {
  const seen = new Set<string>();
  return own.filter((network) => {
    const parsed = parseSubnet(network.cidr);
    if (!parsed.ok || network.internal === true) return false;
    const { subnet } = parsed;
    if (subnet.prefix < 24 || subnet.prefix === 32 || containsSubnet(LOOPBACK, subnet) || seen.has(subnet.cidr)) return false;
    seen.add(subnet.cidr);
    return true;
  });
}
