import { renderInterfaces } from '../answerfile/interfaces-render';
import { values } from '../profile';
import { op } from '../shell';
import { fixStep, lineDiff, row, sameLines, type Drift, type DriftInput } from './drift-core';
import type { Parts } from './sections';

/**
 * /etc/resolv.conf against DNSOPTS: the search domain and the name servers,
 * in order, as far as the profile sets them. setup-alpine runs setup-dns only
 * when no interface uses DHCP (its own grep of the interfaces file); the
 * DHCP server's DNS is then the box's business. Guarded: wrong servers cut
 * Cairn off from a box it reaches by name.
 */
export function dnsDrift({ profile, config }: DriftInput): Drift[] {
  const { searchDomain, servers } = profile.dns;
  if (searchDomain === '' && servers.length === 0) return [];
  if (/^iface.*dhcp/m.test(renderInterfaces(profile.interfaces))) return [];
  const box = config.resolv ?? { search: [], nameservers: [] };
  const expected = [...(searchDomain === '' ? [] : [`search ${searchDomain}`]), ...servers.map((s) => `nameserver ${s}`)];
  const actual = [
    ...(searchDomain === '' || box.search.length === 0 ? [] : [`search ${box.search.join(' ')}`]),
    ...(servers.length === 0 ? [] : box.nameservers.map((s) => `nameserver ${s}`)),
  ];
  if (sameLines(expected, actual)) return [];
  const safe = (searchDomain === '' || values.isDomainName(searchDomain)) && servers.every(values.isIp);
  // setup-dns asks for servers when given none: the box's own are passed on.
  const using = servers.length > 0 ? servers : box.nameservers.filter(values.isIp);
  const parts: Parts =
    using.length > 0 ? ['setup-dns', ...(searchDomain === '' ? [] : ['-d', searchDomain]), ...using] : ['printf', 'search %s\\n', searchDomain, op('>'), '/etc/resolv.conf'];
  const words = (lines: string[]) => (lines.length === 0 ? 'nothing' : lines.join(', '));
  return [
    row({
      field: 'dns',
      item: null,
      expected: words(expected),
      actual: config.resolv === null ? 'no /etc/resolv.conf' : words(actual),
      diff: lineDiff(expected, actual),
      fix: safe ? fixStep('dns', 'dns', 'Set the DNS servers and search domain (setup-dns)', parts, true) : null,
      guarded: true,
    }),
  ];
}
