import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, warningAt, withChange } from './validate.test-support';

describe('interfaces', () => {
  it('explains that a static address needs a prefix length', () => {
    const p = withChange((p) => (p.interfaces[0]!.ipv4 = { mode: 'static', address: '', prefix: null, gateway: '' }));
    expect(errorAt(p, 'interfaces.0.ipv4.prefix')?.message).toBe('A static address needs a prefix length, like 192.168.1.10/24.');
    expect(errorAt(p, 'interfaces.0.ipv4.address')).toBeDefined();
  });

  it('rejects malformed addresses, prefixes and gateways', () => {
    const p = withChange((p) => {
      p.interfaces[0]!.ipv4 = { mode: 'static', address: '10.0.0.256', prefix: 33, gateway: 'router' };
      p.interfaces[0]!.ipv6 = { mode: 'static', address: '2001:db8::1::2', prefix: 129, gateway: 'x' };
    });
    for (const f of ['ipv4.address', 'ipv4.prefix', 'ipv4.gateway', 'ipv6.address', 'ipv6.prefix', 'ipv6.gateway']) expect(errorAt(p, `interfaces.0.${f}`), f).toBeDefined();
    const ok = withChange((p) => (p.interfaces[0]!.ipv6 = { mode: 'static', address: '2001:db8::10', prefix: 64, gateway: 'fe80::1' }));
    expect(errorsOf(validate(ok))).toEqual([]);
  });

  it('warns when no interface is configured', () => {
    expect(
      warningAt(
        withChange((p) => (p.interfaces = [])),
        'interfaces',
      ),
    ).toBeDefined();
  });

  it('checks wifi', () => {
    const p = withChange((p) => {
      p.interfaces.push({
        name: 'wlan0',
        auto: true,
        ipv4: { mode: 'dhcp' },
        ipv6: { mode: 'none' },
        wifi: { ssid: '', passphrase: 'short' },
        extraOptions: { inet: [], inet6: [] },
      });
    });
    for (const f of ['interfaces.1.wifi.ssid', 'interfaces.1.wifi.passphrase']) expect(errorAt(p, f), f).toBeDefined();
    const spaced = withChange((p) =>
      p.interfaces.push({
        name: 'wlan0',
        auto: true,
        ipv4: { mode: 'dhcp' },
        ipv6: { mode: 'none' },
        wifi: { ssid: 'Home', passphrase: ' leading space' },
        extraOptions: { inet: [], inet6: [] },
      }),
    );
    expect(errorAt(spaced, 'interfaces.1.wifi.passphrase')).toBeDefined();
    const wifi = withChange((p) =>
      p.interfaces.push({
        name: 'wlan0',
        auto: true,
        ipv4: { mode: 'dhcp' },
        ipv6: { mode: 'auto' },
        wifi: { ssid: 'Home Net', passphrase: 'correct horse' },
        extraOptions: { inet: [], inet6: [] },
      }),
    );
    expect(errorsOf(validate(wifi))).toEqual([]);
  });

  it('flags duplicate interfaces', () => {
    const p = withChange((p) => {
      p.interfaces.push({ ...p.interfaces[0]! });
    });
    expect(errorAt(p, 'interfaces.1.name')).toBeDefined();
  });

  it('checks options kept for an interface: one keyword line, no new stanza, hooks flagged', () => {
    const p = withChange((x) => {
      x.interfaces[0]!.extraOptions = { inet: ['mtu 1400', 'iface eth1 inet dhcp', 'up ip route add 10.0.0.0/8 via 192.168.1.1'], inet6: ['1bad'] };
    });
    const problems = validate(p).filter((x) => x.path.includes('extraOptions'));
    expect(problems.map((x) => [x.path, x.severity])).toEqual([
      ['interfaces.0.extraOptions.inet.1', 'error'],
      ['interfaces.0.extraOptions.inet.2', 'warning'],
      ['interfaces.0.extraOptions.inet6.0', 'error'],
    ]);
    expect(problems[1]?.message).toMatch(/runs a command as root whenever eth0 goes up/);
  });

  it("refuses a gateway outside the address's network or equal to it, and an address typed with its prefix", () => {
    const withV4 = (address: string, prefix: number, gateway: string) => withChange((x) => (x.interfaces[0]!.ipv4 = { mode: 'static', address, prefix, gateway }));
    expect(errorAt(withV4('192.168.1.40', 24, '192.168.2.1'), 'interfaces.0.ipv4.gateway')?.message).toMatch(/outside 192.168.1.40\/24.*no default route/);
    expect(errorAt(withV4('192.168.1.40', 16, '192.168.2.1'), 'interfaces.0.ipv4.gateway')).toBeUndefined();
    expect(errorAt(withV4('192.168.1.40', 24, '192.168.1.40'), 'interfaces.0.ipv4.gateway')?.message).toMatch(/own address/);
    expect(errorAt(withV4('192.168.1.40/24', 24, ''), 'interfaces.0.ipv4.address')?.message).toMatch(/without "\/24".*its own field/);
  });
});
