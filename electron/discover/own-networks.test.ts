import { describe, expect, it } from 'vitest';
import { ownNetworks } from './own-networks';

const v4 = (address: string, netmask: string, cidr: string | null, internal = false) => ({ address, netmask, family: 'IPv4', internal, cidr, mac: '00:00:00:00:00:00' });

describe("the computer's own networks", () => {
  it('lists each IPv4 network by its network address, with its interface', () => {
    const found = ownNetworks({
      lo: [
        v4('127.0.0.1', '255.0.0.0', '127.0.0.1/8', true),
        { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', internal: true, cidr: '::1/128' },
      ],
      eth0: [v4('192.168.1.23', '255.255.255.0', '192.168.1.23/24'), { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', internal: false, cidr: 'fe80::1/64' }],
      wlan0: [v4('10.4.5.6', '255.255.252.0', '10.4.5.6/22')],
    });
    expect(found).toEqual([
      { cidr: '127.0.0.0/8', interface: 'lo', internal: true },
      { cidr: '192.168.1.0/24', interface: 'eth0', internal: false },
      { cidr: '10.4.4.0/22', interface: 'wlan0', internal: false },
    ]);
  });

  it('works the network out from the mask when Node gives no cidr, and skips a mask that is not one', () => {
    expect(ownNetworks({ eth0: [v4('172.16.9.9', '255.255.255.240', null), v4('172.16.9.9', '255.0.255.0', null)] })).toEqual([
      { cidr: '172.16.9.0/28', interface: 'eth0', internal: false },
    ]);
    expect(ownNetworks({ tun0: [v4('100.64.0.7', '255.255.255.255', null)] })).toEqual([{ cidr: '100.64.0.7/32', interface: 'tun0', internal: false }]);
  });

  it('lists a network once per interface even with two addresses on it', () => {
    expect(ownNetworks({ eth0: [v4('192.168.1.23', '255.255.255.0', '192.168.1.23/24'), v4('192.168.1.24', '255.255.255.0', '192.168.1.24/24')] })).toHaveLength(1);
  });

  it("reads this computer's interfaces by default and finds loopback there", () => {
    expect(ownNetworks()).toContainEqual({ cidr: '127.0.0.0/8', interface: 'lo', internal: true });
  });
});
