import { describe, expect, it } from 'vitest';
import { errorAt, warningAt, withChange } from './validate.test-support';

describe('dns', () => {
  it('checks the search domain and the servers', () => {
    const p = withChange((p) => {
      p.dns = { searchDomain: 'bad domain', servers: ['dns.google'] };
    });
    for (const f of ['dns.searchDomain', 'dns.servers.0']) expect(errorAt(p, f), f).toBeDefined();
  });

  it('warns where setup-alpine would silently ignore DNS settings, or the box could not resolve names', () => {
    const dhcpDns = withChange((p) => (p.dns = { searchDomain: 'lan', servers: ['1.1.1.1'] }));
    expect(warningAt(dhcpDns, 'dns')?.message).toMatch(/DHCP/);
    const staticNoDns = withChange((p) => (p.interfaces[0]!.ipv4 = { mode: 'static', address: '10.0.0.2', prefix: 24, gateway: '10.0.0.1' }));
    expect(warningAt(staticNoDns, 'dns.servers')).toBeDefined();
  });
});
