import { describe, expect, it } from 'vitest';
import { Diagnostics } from './diagnostics';
import { interfacesLines, parseInterfaces } from './interfaces-parse';

/** Parses interfaces text as if INTERFACESOPTS started on line 10. */
function read(text: string) {
  const d = new Diagnostics();
  const interfaces = parseInterfaces(text, 10, d);
  return { interfaces, diagnostics: d.list.map((x) => ({ line: x.line, severity: x.severity, message: x.message })) };
}
const LO = 'auto lo\niface lo inet loopback\n';
const NONE = { inet: [], inet6: [] };

describe('INTERFACESOPTS as people write it', () => {
  it('reads stanzas in any order, with comments, netmasks and escaped #', () => {
    const { interfaces, diagnostics } = read(
      `# my network\n${LO}\niface eth0 inet static # the LAN\n    address 192.168.1.10\n    netmask 255.255.255.0\n    gateway 192.168.1.1\nauto eth0\n\n` +
        'auto wlan0\niface wlan0 inet dhcp\n\twifi-ssid Caf\\#1 \\\n\t\tcorner\n\twifi-psk pass\\#word  \n\tuse wifi\n',
    );
    expect(diagnostics).toEqual([]);
    expect(interfaces).toEqual([
      { name: 'eth0', auto: true, ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' }, ipv6: { mode: 'none' }, wifi: null, extraOptions: NONE },
      { name: 'wlan0', auto: true, ipv4: { mode: 'dhcp' }, ipv6: { mode: 'none' }, wifi: { ssid: 'Caf#1 corner', passphrase: 'pass#word  ' }, extraOptions: NONE },
    ]);
  });

  it('reads ifupdown-ng style stanzas without a family, and IPv6', () => {
    const { interfaces, diagnostics } = read(`${LO}auto eth0\niface eth0\n\tuse dhcp\n\tuse ipv6-ra\niface eth1\n\taddress 10.0.0.1/8\n\taddress 2001:db8::1/64\n`);
    expect(diagnostics).toEqual([]);
    expect(interfaces.map((i) => [i.name, i.auto, i.ipv4, i.ipv6])).toEqual([
      ['eth0', true, { mode: 'dhcp' }, { mode: 'auto' }],
      ['eth1', false, { mode: 'static', address: '10.0.0.1', prefix: 8, gateway: '' }, { mode: 'static', address: '2001:db8::1', prefix: 64, gateway: '' }],
    ]);
  });

  it('keeps what setup-interfaces itself writes for a manual interface, without a word', () => {
    const { interfaces, diagnostics } = read(`${LO}\nauto eth0\niface eth0 inet manual\n\tup ip link set $IFACE up\n\tdown ip link set $IFACE down\n`);
    expect(interfaces[0]).toMatchObject({
      ipv4: { mode: 'none' },
      ipv6: { mode: 'none' },
      extraOptions: { inet: ['up ip link set $IFACE up', 'down ip link set $IFACE down'], inet6: [] },
    });
    expect(diagnostics).toEqual([]);
  });

  it('reports every option and line it cannot keep, with its line number', () => {
    const text = [
      'auto lo',
      'iface lo inet loopback',
      '\tpre-up echo lo', // 10-12
      'allow-hotplug eth0', // 13
      'auto eth0 eth1', // 14
      'iface eth0 inet dhcp',
      '\thostname box',
      '\taddress 10.0.0.5/24',
      '\tmtu 9000',
      '\twifi-config-path /etc/w.conf', // 15-19
      'iface eth0 inet6 dhcp', // 20
      'iface eth1 inet ppp extra',
      '\tuse bond', // 21-22
      'iface eth2 inet static',
      '\taddress 10.0.0.1/24',
      '\taddress 10.0.0.2/24', // 23-25
      'iface eth3 ipx static', // 26
      '123 nonsense', // 27
    ].join('\n');
    const { interfaces, diagnostics } = read(text);
    // Options without a field are kept, not reported as lost; what is changed or dropped is.
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [12, 'warning'],
      [13, 'info'],
      [14, 'warning'],
      [17, 'info'],
      [21, 'warning'],
      [21, 'warning'],
      [25, 'info'],
      [26, 'warning'],
      [27, 'warning'],
    ]);
    expect(diagnostics[0]?.message).toContain('loopback');
    expect(diagnostics[2]?.message).toMatch(/only the first name.*marks all of them auto/);
    expect(interfaces.map((i) => [i.name, i.auto, i.ipv4.mode, i.ipv6.mode, i.extraOptions.inet])).toEqual([
      ['eth0', true, 'dhcp', 'dhcp', ['hostname box', 'address 10.0.0.5/24', 'mtu 9000', 'wifi-config-path /etc/w.conf']],
      ['eth1', true, 'none', 'none', ['use bond']],
      ['eth2', false, 'static', 'none', ['address 10.0.0.2/24']],
      ['eth3', false, 'none', 'none', []],
    ]);
  });

  it('warns when the loopback is missing and when an auto interface has no stanza', () => {
    const { interfaces, diagnostics } = read('auto eth0\n');
    expect(interfaces).toEqual([{ name: 'eth0', auto: true, ipv4: { mode: 'none' }, ipv6: { mode: 'none' }, wifi: null, extraOptions: NONE }]);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('auto lo'), expect.stringContaining('no iface stanza')]);
  });

  it('reports options outside any stanza and keeps a wifi passphrase without an SSID', () => {
    const { interfaces, diagnostics } = read(`address 10.0.0.1\n${LO}iface wlan0 inet dhcp\n\twifi-psk secretpass\n`);
    expect(diagnostics).toEqual([{ line: 10, severity: 'warning', message: expect.stringContaining('outside any iface stanza') }]);
    expect(interfaces[0]?.wifi).toEqual({ ssid: '', passphrase: 'secretpass' });
  });

  it('reads prefixes from /N or a netmask, and keeps a missing or odd one as no prefix', () => {
    const v4 = (lines: string) => read(`${LO}iface eth0 inet static\n${lines}`).interfaces[0]?.ipv4;
    expect(v4('\taddress 10.0.0.1\n\tnetmask 16\n')).toMatchObject({ prefix: 16 });
    expect(v4('\taddress 10.0.0.1\n\tnetmask 255.0.255.0\n')).toMatchObject({ prefix: null });
    expect(v4('\taddress 10.0.0.1\n\tnetmask 255.255.300.0\n')).toMatchObject({ prefix: null });
    expect(v4('\taddress 10.0.0.1/x\n')).toMatchObject({ prefix: null });
    expect(v4('\taddress 10.0.0.1\n')).toEqual({ mode: 'static', address: '10.0.0.1', prefix: null, gateway: '' });
    expect(v4('\taddress 10.0.0.1\n\tnetmask 255.255.255.255\n')).toMatchObject({ prefix: 32 });
  });
});

describe('interfacesLines (how ifupdown-ng reads a line)', () => {
  it('drops comments, unescapes \\#, joins continued lines and keeps line offsets', () => {
    expect(interfacesLines('a # c\nb \\# d\\\n   e\nf')).toEqual([
      { offset: 0, text: 'a ' },
      { offset: 1, text: 'b # de' },
      { offset: 3, text: 'f' },
    ]);
  });
});
