import { describe, expect, it } from 'vitest';
import { defaultProfile, type NetworkInterface, type Profile } from '../profile';
import { parse, render, SETUP_ALPINE_VARIABLES, toAssignments } from '.';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 jane@desk';
const HASH = '$6$saltsalt$' + 'a'.repeat(86);

function profile(change: (p: Profile) => void = () => {}): Profile {
  const p = defaultProfile();
  p.disk.disks = ['/dev/sda'];
  change(p);
  return p;
}
const vars = (text: string) => toAssignments(text).assignments;
const value = (text: string, name: string) => vars(text).get(name)?.value;
const iface = (i: Partial<NetworkInterface>): NetworkInterface => ({
  name: 'eth0',
  auto: true,
  ipv4: { mode: 'dhcp' },
  ipv6: { mode: 'none' },
  wifi: null,
  extraOptions: { inet: [], inet6: [] },
  ...i,
});

describe('render', () => {
  it('starts with a header naming Cairn and the profile, and lists variables in setup-alpine order', () => {
    const p = profile((p) => {
      p.name = 'Garage box';
      p.wifiConfigFile = '/etc/wpa_supplicant/wpa_supplicant.conf';
      p.dns = { searchDomain: 'lan', servers: ['1.1.1.1'] };
      p.user!.sshKeys = [KEY];
      p.rootSshKeys = [KEY];
    });
    const text = render(p);
    expect(text.split('\n').slice(0, 3)).toEqual(['# setup-alpine answer file written by Cairn', '# Profile: Garage box', '']);
    const names = [...vars(text).keys()].filter((n) => (SETUP_ALPINE_VARIABLES as readonly string[]).includes(n));
    expect(names).toEqual([...SETUP_ALPINE_VARIABLES]);
  });

  it('writes none for what is switched off', () => {
    const text = render(
      profile((p) => {
        p.keymap = null;
        p.timezone = null;
        p.proxy = null;
        p.ntp = 'none';
        p.user = null;
        p.disk = { ...p.disk, mode: 'none', disks: [] };
      }),
    );
    for (const name of ['KEYMAPOPTS', 'TIMEZONEOPTS', 'PROXYOPTS', 'NTPOPTS', 'USEROPTS', 'DISKOPTS', 'LBUOPTS', 'APKCACHEOPTS']) expect(value(text, name), name).toBe('none');
    expect(vars(text).has('USERSSHKEY')).toBe(false);
  });

  it('leaves DNSOPTS out when there is nothing to set (setup-dns has no "none")', () => {
    expect(vars(render(defaultProfile())).has('DNSOPTS')).toBe(false);
    expect(value(render(profile((p) => (p.dns.servers = ['9.9.9.9', '2620:fe::fe']))), 'DNSOPTS')).toBe('9.9.9.9 2620:fe::fe');
    expect(value(render(profile((p) => (p.dns.searchDomain = 'home.lan'))), 'DNSOPTS')).toBe('-d home.lan');
  });

  it('never writes a password hash, and unlocks a user only for key-only login', () => {
    const keyOnly = render(profile((p) => (p.user!.sshKeys = [KEY])));
    expect(value(keyOnly, 'USEROPTS')).toBe('-a -u -g audio,input,video,netdev admin');
    const withPassword = render(
      profile((p) => {
        p.user!.sshKeys = [KEY];
        p.user!.passwordHash = HASH;
        p.rootPasswordHash = HASH;
      }),
    );
    expect(withPassword).not.toContain('$6$');
    expect(value(withPassword, 'USEROPTS')).toBe('-a -g audio,input,video,netdev admin');
  });

  it('passes a one-word full name with -f and any other in CAIRN_USER_FULLNAME', () => {
    const word = render(profile((p) => Object.assign(p.user!, { fullName: 'Jane', admin: false, groups: [] })));
    expect(value(word, 'USEROPTS')).toBe('-f Jane admin');
    expect(vars(word).has('CAIRN_USER_FULLNAME')).toBe(false);
    const spaced = render(profile((p) => (p.user!.fullName = "Jane O'Brien")));
    expect(value(spaced, 'USEROPTS')).toBe('-a -g audio,input,video,netdev admin');
    expect(value(spaced, 'CAIRN_USER_FULLNAME')).toBe("Jane O'Brien");
    expect(spaced).toContain("CAIRN_USER_FULLNAME='Jane O'\\''Brien'\n");
  });

  it.each([
    [{ mode: 'first', urls: [], community: true }, '-1 -c', []],
    [{ mode: 'fastest', urls: [], community: false }, '-f', []],
    [{ mode: 'random', urls: [], community: true }, '-r -c', []],
    [
      { mode: 'urls', urls: ['https://m.example/alpine/v3.20/main', '/media/apks'], community: true },
      '-c https://m.example/alpine/v3.20/main /media/apks https://m.example/alpine/v3.20/community',
      [],
    ],
    [{ mode: 'urls', urls: ['https://m.example/alpine/v3.20/main'], community: false }, 'https://m.example/alpine/v3.20/main', []],
    [{ mode: 'none', urls: [], community: true }, '-o', []],
    [{ mode: 'none', urls: [], community: false }, '', ['APKREPO_DEFAULT_ANSWER']],
  ] as const)('writes APKREPOSOPTS for %j as setup-apkrepos accepts it', (repos, expected, exported) => {
    const text = render(profile((p) => (p.apkRepos = { ...repos, urls: [...repos.urls] })));
    expect(value(text, 'APKREPOSOPTS')).toBe(expected);
    expect([...vars(text).values()].filter((a) => a.exported && !/^(ERASE_DISKS|BOOTFS|ROOTFS|VARFS)$/.test(a.name)).map((a) => a.name)).toEqual(exported);
    expect(parse(text).profile.apkRepos).toEqual(repos);
  });

  it('holds the disk back for the plan: no setup-disk environment, and no LBU after a sys install', () => {
    const p = profile((p) => (p.diskless = { lbuMedia: 'usb', apkCacheDir: '/media/usb/cache' }));
    const full = render(p);
    expect(value(full, 'DISKOPTS')).toBe('-m sys /dev/sda');
    expect(vars(full).get('ERASE_DISKS')).toMatchObject({ value: '/dev/sda', exported: true });
    const held = render(p, { holdBackDisk: true });
    expect(value(held, 'DISKOPTS')).toBe('none');
    expect([...vars(held).values()].filter((a) => a.exported)).toEqual([]);
    expect([value(held, 'LBUOPTS'), value(held, 'APKCACHEOPTS')]).toEqual(['none', 'none']);
    const data = render({ ...p, disk: { ...p.disk, mode: 'data' } }, { holdBackDisk: true });
    expect([value(data, 'DISKOPTS'), value(data, 'LBUOPTS'), value(data, 'APKCACHEOPTS')]).toEqual(['none', 'usb', '/media/usb/cache']);
  });

  it('writes /etc/network/interfaces with loopback first and one stanza per interface', () => {
    const text = render(
      profile((p) => {
        p.interfaces = [
          iface({ name: 'eth0', ipv4: { mode: 'static', address: '10.0.0.2', prefix: 24, gateway: '' } }),
          iface({ name: 'eth1', auto: false, ipv4: { mode: 'none' } }),
          iface({ name: 'wlan0', ipv4: { mode: 'none' }, ipv6: { mode: 'auto' }, wifi: { ssid: 'Café #1', passphrase: 'pa#ss word' } }),
          iface({
            name: 'eth2',
            ipv4: { mode: 'static', address: '10.0.1.2', prefix: null, gateway: '10.0.1.1' },
            ipv6: { mode: 'static', address: '2001:db8::2', prefix: 64, gateway: '' },
          }),
        ];
      }),
    );
    expect(value(text, 'INTERFACESOPTS')).toBe(
      [
        'auto lo',
        'iface lo inet loopback',
        '',
        'auto eth0',
        'iface eth0 inet static',
        '\taddress 10.0.0.2/24',
        '',
        'iface eth1 inet manual',
        '',
        'auto wlan0',
        'iface wlan0 inet6 auto',
        '\tuse wifi',
        '\twifi-ssid Café \\#1',
        '\twifi-psk pa\\#ss word',
        '',
        'auto eth2',
        'iface eth2 inet static',
        '\taddress 10.0.1.2',
        '\tgateway 10.0.1.1',
        'iface eth2 inet6 static',
        '\taddress 2001:db8::2/64',
        '',
      ].join('\n'),
    );
  });

  it('keeps a profile name on its comment line even when it holds a line break', () => {
    const text = render(profile((p) => (p.name = 'Box\nHOSTNAMEOPTS=evil')));
    expect(text.split('\n')[1]).toBe('# Profile: Box\uFFFDHOSTNAMEOPTS=evil');
    expect(value(text, 'HOSTNAMEOPTS')).toBe('alpine');
  });

  it('adds the Cairn section only for what setup-alpine cannot do', () => {
    expect(render(defaultProfile())).not.toContain('CAIRN_');
    const text = render(
      profile((p) => {
        p.packages = ['nginx'];
        p.services = [{ name: 'nginx', runlevel: 'default' }];
        p.ipForwarding = true;
      }),
    );
    expect(text).toMatch(/\n\n# Cairn extensions\. setup-alpine ignores these variables;[^]*\nCAIRN_PACKAGES=nginx\nCAIRN_SERVICES=default:nginx\nCAIRN_IP_FORWARDING=1\n$/);
  });

  it('writes what imports keep: options in their stanza, DHCPv6, tzdata linked, -u as set, setup-disk -v and BOOT_SIZE', () => {
    const p = profile((x) => {
      x.interfaces = [
        iface({ extraOptions: { inet: ['hostname garage', 'mtu 1400'], inet6: [] }, ipv6: { mode: 'dhcp' } }),
        iface({ name: 'br0', ipv4: { mode: 'none' }, auto: false, extraOptions: { inet: ['bridge-ports eth1 eth2', 'up echo #on'], inet6: [] } }),
      ];
      x.timezone = 'Europe/Paris';
      x.timezoneMode = 'link';
      x.user = { ...x.user!, unlock: 'yes' };
      x.disk = { ...x.disk, verbose: true, bootMb: 512 };
    });
    const text = render(p);
    expect(value(text, 'INTERFACESOPTS')).toBe(
      'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n\thostname garage\n\tmtu 1400\niface eth0 inet6 dhcp\n\n' +
        'iface br0 inet manual\n\tbridge-ports eth1 eth2\n\tup echo \\#on\n',
    );
    expect(value(text, 'TIMEZONEOPTS')).toBe('-i Europe/Paris');
    expect(value(text, 'USEROPTS')).toMatch(/^-a -u /);
    expect(value(text, 'DISKOPTS')).toMatch(/ -v \/dev\/sda$/);
    expect(value(text, 'BOOT_SIZE')).toBe('512');
    expect(value(render(profile((x) => (x.timezoneMode = 'copy-keep'))), 'TIMEZONEOPTS')).toBe('-k UTC');
  });
});
