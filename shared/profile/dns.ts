import type { Report } from './problems';
import type { Profile } from './schema';
import { isDomainName, isIp } from './values';

export function checkDns(p: Profile, report: Report): void {
  const { searchDomain, servers } = p.dns;
  if (searchDomain !== '' && !isDomainName(searchDomain)) report('dns.searchDomain', `"${searchDomain}" is not a domain name; use letters, digits, "-" and dots, like home.lan.`);
  servers.forEach((s, n) => {
    if (!isIp(s)) report(`dns.servers.${n}`, `"${s}" is not an IP address; DNS servers are addresses like 1.1.1.1 or 2606:4700::1111.`);
  });
  const dhcp = p.interfaces.some((i) => i.ipv4.mode === 'dhcp');
  if (dhcp && (servers.length > 0 || searchDomain !== ''))
    // setup-alpine applies DNSOPTS only when no interface uses DHCP (ALPINE-FACTS).
    report('dns', 'setup-alpine ignores these DNS settings because an interface uses DHCP; the DHCP server provides DNS.', 'warning');
  const allStatic = p.interfaces.length > 0 && p.interfaces.every((i) => i.ipv4.mode !== 'dhcp');
  if (allStatic && servers.length === 0 && p.interfaces.some((i) => i.ipv4.mode === 'static'))
    report('dns.servers', 'With static addresses only, add at least one DNS server or the box cannot resolve names (apk will fail).', 'warning');
}
