import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SCAN_ADDRESSES } from '../api/discover';
import { defaultSubnets, hostCount, parseSubnet, scanAddresses, subnetProblem, type Subnet } from './subnet';

const subnet = (text: string): Subnet => {
  const parsed = parseSubnet(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.subnet;
};
const messageOf = (text: string) => {
  const parsed = parseSubnet(text);
  return parsed.ok ? null : parsed.message;
};
const toNumber = (address: string) => address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);

describe('reading the network to search', () => {
  it('accepts a network and names it by its network address', () => {
    expect(parseSubnet('192.168.1.0/24')).toEqual({ ok: true, subnet: { cidr: '192.168.1.0/24', network: 0xc0a80100, prefix: 24 } });
    expect(parseSubnet('  10.0.0.0/8 ').ok).toBe(true);
  });

  it("takes the computer's own address with its prefix as its network", () => {
    expect(subnet('192.168.1.23/24').cidr).toBe('192.168.1.0/24');
    expect(subnet('10.1.2.3/22').cidr).toBe('10.1.0.0/22');
    expect(subnet('255.255.255.255/0').cidr).toBe('0.0.0.0/0');
  });

  it('takes a bare address as that one address', () => {
    expect(subnet('192.168.1.50')).toEqual({ cidr: '192.168.1.50/32', network: 0xc0a80132, prefix: 32 });
    expect(subnet('255.255.255.255').network).toBe(0xffffffff);
  });

  it('says how to write a network when the text is not one', () => {
    expect(messageOf('192.168.1.0/33')).toBe('"192.168.1.0/33" is not a network; write an IPv4 network like 192.168.1.0/24.');
    expect(messageOf('my network')).toBe('"my network" is not a network; write an IPv4 network like 192.168.1.0/24.');
    expect(messageOf('192.168.1/24')).toMatch(/is not a network; write an IPv4 network like 192\.168\.1\.0\/24\.$/);
    expect(messageOf('192.168.300.0/24')).toBe('"192.168.300.0/24" is not a network: each of the four numbers goes from 0 to 255; write an IPv4 network like 192.168.1.0/24.');
    expect(messageOf('192.168.010.0/24')).toMatch(/without leading zeros/);
    expect(messageOf('   ')).toBe('Enter the network to search, like 192.168.1.0/24.');
  });

  it('says that IPv6 is not searched', () => {
    expect(messageOf('fd00::/64')).toBe('"fd00::/64" is an IPv6 network; Cairn searches IPv4 networks only: write an IPv4 network like 192.168.1.0/24.');
  });

  it('quotes a long paste shortened', () => {
    const message = messageOf('x'.repeat(500)) ?? '';
    expect(message.length).toBeLessThan(120);
    expect(message).toContain('…');
  });
});

describe('the addresses a scan tries', () => {
  it('skips the network and broadcast address of a /24', () => {
    const addresses = scanAddresses(subnet('192.168.1.0/24'));
    expect(addresses).toHaveLength(254);
    expect(addresses[0]).toBe('192.168.1.1');
    expect(addresses.at(-1)).toBe('192.168.1.254');
  });

  it('tries both addresses of a /31 and the one of a /32', () => {
    expect(scanAddresses(subnet('10.0.0.4/31'))).toEqual(['10.0.0.4', '10.0.0.5']);
    expect(scanAddresses(subnet('10.0.0.9'))).toEqual(['10.0.0.9']);
    expect(scanAddresses(subnet('10.0.0.8/30'))).toEqual(['10.0.0.9', '10.0.0.10']);
  });

  it('reaches the top of the address space without wrapping', () => {
    expect(scanAddresses(subnet('255.255.255.252/30'))).toEqual(['255.255.255.253', '255.255.255.254']);
  });

  it('refuses to build the list of a subnet too large to scan', () => {
    expect(() => scanAddresses(subnet('10.0.0.0/8'))).toThrow(/16,777,214 addresses/);
  });
});

describe('which subnets may be scanned', () => {
  const home = [{ cidr: '192.168.1.0/24' }, { cidr: '10.0.0.0/8' }];

  it('allows a network the computer is on, or a part of one', () => {
    expect(subnetProblem(subnet('192.168.1.0/24'), home)).toBeNull();
    expect(subnetProblem(subnet('192.168.1.64/26'), home)).toBeNull();
    expect(subnetProblem(subnet('10.20.0.0/22'), home)).toBeNull();
  });

  it('refuses more addresses than one search may try, naming the limit and what to search instead', () => {
    expect(subnetProblem(subnet('10.20.0.0/16'), home)).toBe(
      '"10.20.0.0/16" holds 65,534 addresses, more than the 1,024 one search may try: search the /24 (254 addresses) or at most the /22 that holds the box.',
    );
    expect(subnetProblem(subnet('10.20.0.0/21'), home)).toMatch(/2,046 addresses/);
  });

  it('refuses a network the computer is not on, listing the ones it is on', () => {
    expect(subnetProblem(subnet('172.16.0.0/24'), home)).toBe(
      `"172.16.0.0/24" is not one of this computer's networks (192.168.1.0/24, 10.0.0.0/8): Cairn only searches networks it is on.`,
    );
    // Larger than the own network it overlaps: it reaches past it.
    expect(subnetProblem(subnet('192.168.0.0/23'), home)).toMatch(/is not one of this computer's networks/);
    expect(subnetProblem(subnet('192.168.1.0/24'), [])).toMatch(/\(it has none Cairn can see\)/);
  });

  it('counts loopback as its own only when the list holds it', () => {
    expect(subnetProblem(subnet('127.40.2.0/28'), home)).toMatch(/is not one of this computer's networks/);
    expect(subnetProblem(subnet('127.40.2.0/28'), [...home, { cidr: '127.0.0.0/8' }])).toBeNull();
  });

  it('ignores an own network it cannot read', () => {
    expect(subnetProblem(subnet('192.168.1.0/24'), [{ cidr: 'fe80::/64' }, ...home])).toBeNull();
  });

  it('keeps every scan within its subnet and within the limit (property)', () => {
    const anySubnet = fc
      .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 20, max: 32 }))
      .map(([address, prefix]) => subnet(`${[24, 16, 8, 0].map((s) => (address >>> s) & 0xff).join('.')}/${prefix}`));
    fc.assert(
      fc.property(anySubnet, (s) => {
        if (subnetProblem(s, [{ cidr: '0.0.0.0/0' }]) !== null) {
          expect(hostCount(s)).toBeGreaterThan(MAX_SCAN_ADDRESSES);
          return;
        }
        const addresses = scanAddresses(s);
        const size = 2 ** (32 - s.prefix);
        expect(addresses.length).toBeLessThanOrEqual(MAX_SCAN_ADDRESSES);
        expect(new Set(addresses).size).toBe(addresses.length);
        for (const address of addresses) {
          const n = toNumber(address);
          expect(n).toBeGreaterThanOrEqual(s.network);
          expect(n).toBeLessThan(s.network + size);
        }
      }),
    );
  });
});

describe('the networks offered by default', () => {
  it('offers the /24s and smaller the computer is on, once each, without loopback, internal ones or its own lone address', () => {
    const own = [
      { cidr: '127.0.0.0/8', interface: 'lo', internal: true },
      { cidr: '192.168.1.0/24', interface: 'eth0', internal: false },
      { cidr: '192.168.1.0/24', interface: 'wlan0', internal: false },
      { cidr: '10.0.0.0/8', interface: 'vpn0', internal: false },
      { cidr: '172.17.0.0/30', interface: 'docker0', internal: false },
      { cidr: '100.64.3.4/32', interface: 'tun0', internal: false },
      { cidr: '127.1.0.0/24', interface: 'lo:1', internal: false },
      { cidr: '169.254.10.0/24', interface: 'eth1', internal: true },
    ];
    expect(defaultSubnets(own).map((n) => n.interface)).toEqual(['eth0', 'docker0']);
  });
});
