import { describe, expect, it } from 'vitest';
import { defaultProfile } from './defaults';
import type { Profile } from './schema';
import { TEMPLATES } from './templates';
import { errorsOf, validate } from './validate';

const HASH = '$6$saltsalt$' + 'a'.repeat(86);
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 jane@desk';

function withChange(change: (p: Profile) => void): Profile {
  const p = defaultProfile();
  p.user = { ...p.user!, sshKeys: [KEY] };
  p.disk.disks = ['/dev/sda'];
  change(p);
  return p;
}
const errorAt = (p: Profile, path: string) => errorsOf(validate(p)).find((e) => e.path === path);
const warningAt = (p: Profile, path: string) => validate(p).find((e) => e.path === path && e.severity === 'warning');

describe('validate', () => {
  it('asks only for the disk in the default profile, and accepts every template', () => {
    // The default never assumes a disk to erase: the person chooses it.
    expect(errorsOf(validate(defaultProfile())).map((e) => [e.path, e.message])).toEqual([['disk.disks', 'Choose the disk to install Alpine on, like /dev/sda.']]);
    for (const t of TEMPLATES) expect(errorsOf(validate(t.make())), t.id).toEqual([]);
  });

  it('returns every problem at once, each with a field path and a sentence', () => {
    const p = withChange((p) => {
      p.hostname = 'bad_host';
      p.timezone = 'Mars/Base';
      p.interfaces[0]!.ipv4 = { mode: 'static', address: '10.0.0.5', prefix: null, gateway: '' };
    });
    const errors = errorsOf(validate(p));
    expect(errors.map((e) => e.path)).toEqual(['hostname', 'interfaces.0.ipv4.prefix', 'timezone']);
    for (const e of errors) expect(e.message).toMatch(/^[A-Z"].+[.)]$/);
  });

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

  it('rejects hostile values instead of letting them reach a root shell', () => {
    const p = withChange((p) => {
      p.hostname = 'box$(reboot)';
      p.interfaces[0]!.name = 'eth0;rm';
      p.proxy = 'http://proxy:3128 -x';
      p.user!.name = 'jane`id`';
      p.user!.groups = ['wheel,root;'];
      p.disk.disks = ['/dev/sda; rm -rf /'];
      p.disk.kernelOptions = 'quiet $(id)';
      p.packages = ['htop;reboot'];
      p.services = [{ name: 'sshd $(x)', runlevel: 'default' }];
    });
    const paths = errorsOf(validate(p)).map((e) => e.path);
    for (const f of ['hostname', 'interfaces.0.name', 'proxy', 'user.name', 'user.groups.0', 'disk.disks.0', 'disk.kernelOptions', 'packages.0', 'services.0.name'])
      expect(paths, f).toContain(f);
  });

  it('checks keymaps against the kbd-bkeymaps catalogue', () => {
    expect(
      errorAt(
        withChange((p) => (p.keymap = { layout: 'da', variant: 'dk' })),
        'keymap.layout',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.keymap = { layout: 'ch', variant: 'ch-de' })),
        'keymap.variant',
      )?.message,
    ).toContain('ch');
    expect(errorsOf(validate(withChange((p) => (p.keymap = { layout: 'de', variant: 'de-nodeadkeys' }))))).toEqual([]);
  });

  it('warns, without refusing, when a box running from RAM or a data disk has no LBU medium', () => {
    const diskless = withChange((p) => (p.disk = { ...p.disk, mode: 'none', disks: [] }));
    expect(errorAt(diskless, 'diskless.lbuMedia')).toBeUndefined();
    expect(validate(diskless).find((x) => x.path === 'diskless.lbuMedia')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/lost at every reboot.*lbu commit/),
    });
    const data = withChange((p) => (p.disk = { ...p.disk, mode: 'data' }));
    expect(validate(data).find((x) => x.path === 'diskless.lbuMedia')?.severity).toBe('warning');
    const bad = withChange((p) => {
      p.disk = { ...p.disk, mode: 'none', disks: [] };
      p.diskless = { lbuMedia: 'my usb', apkCacheDir: 'cache dir' };
    });
    expect(errorAt(bad, 'diskless.lbuMedia')).toBeDefined();
    expect(errorAt(bad, 'diskless.apkCacheDir')).toBeDefined();
    for (const media of ['none', '-d', '.', '..', '/', './'])
      expect(
        errorAt(
          withChange((p) => {
            p.disk = { ...p.disk, mode: 'none', disks: [] };
            p.diskless.lbuMedia = media;
          }),
          'diskless.lbuMedia',
        ),
        media,
      ).toBeDefined();
    const sys = withChange((p) => (p.diskless = { lbuMedia: 'usb', apkCacheDir: null }));
    expect(warningAt(sys, 'diskless')?.message).toMatch(/ignored/);
  });

  it('requires two or more disks for RAID and RAID for two or more disks', () => {
    expect(
      errorAt(
        withChange((p) => (p.disk.raid = true)),
        'disk.raid',
      )?.message,
    ).toMatch(/two or more disks/);
    expect(
      errorAt(
        withChange((p) => (p.disk.disks = ['/dev/sda', '/dev/sdb'])),
        'disk.raid',
      ),
    ).toBeDefined();
    const raid = withChange((p) => (p.disk = { ...p.disk, raid: true, disks: ['/dev/sda', '/dev/sdb'] }));
    expect(errorsOf(validate(raid))).toEqual([]);
  });

  it('checks disk sizes, names and options', () => {
    const p = withChange((p) => (p.disk = { ...p.disk, disks: ['sda', '/dev/sda', '/dev/sda'], swapMb: -1, rootMb: 10, kernelFlavor: 'LTS!' }));
    for (const f of ['disk.disks.0', 'disk.disks.2', 'disk.swapMb', 'disk.rootMb', 'disk.kernelFlavor']) expect(errorAt(p, f), f).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.disk.disks = [])),
        'disk.disks',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.disk.bootFs = 'vfat')),
        'disk.bootFs',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.disk.encrypt = true)),
        'disk.passphrase',
      )?.message,
    ).toMatch(/Enter the disk passphrase: Cairn types it when setup-disk asks/);
    expect(
      warningAt(
        withChange((p) => ((p.disk.encrypt = true), (p.disk.passphrase = 'sesame'))),
        'disk.encrypt',
      )?.message,
    ).toMatch(/every boot, at its own console/);
    expect(
      errorAt(
        withChange((p) => ((p.disk.encrypt = true), (p.disk.passphrase = 'a\nb'))),
        'disk.passphrase',
      )?.message,
    ).toMatch(/control characters/);
  });

  it('requires an enabled service to come from an installed or listed package', () => {
    const p = withChange((p) => (p.services = [{ name: 'nginx', runlevel: 'default' }]));
    expect(errorAt(p, 'services.0.name')?.message).toBe('The service nginx comes from the package nginx; add it to the packages.');
    expect(errorsOf(validate({ ...p, packages: ['nginx'] }))).toEqual([]);
    const implied = withChange(
      (p) =>
        (p.services = [
          { name: 'sshd', runlevel: 'default' },
          { name: 'networking', runlevel: 'boot' },
        ]),
    );
    expect(errorsOf(validate(implied))).toEqual([]);
    const noSshd = withChange((p) => {
      p.sshd = 'dropbear';
      p.services = [{ name: 'sshd', runlevel: 'default' }];
    });
    expect(errorAt(noSshd, 'services.0.name')).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.services = [{ name: 'my-app', runlevel: 'default' }])),
        'services.0.name',
      ),
    ).toBeDefined();
  });

  it('accepts only crypt hashes as passwords', () => {
    const clear = withChange((p) => (p.rootPasswordHash = 'hunter2'));
    expect(errorAt(clear, 'rootPasswordHash')?.message).toMatch(/crypt hashes/);
    expect(
      errorAt(
        withChange((p) => (p.user!.passwordHash = 'secret')),
        'user.passwordHash',
      ),
    ).toBeDefined();
    expect(errorsOf(validate(withChange((p) => (p.rootPasswordHash = HASH))))).toEqual([]);
  });

  it('checks users, groups and SSH keys', () => {
    expect(
      errorAt(
        withChange((p) => (p.user!.name = 'Jane Doe')),
        'user.name',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.user!.name = 'root')),
        'user.name',
      )?.message,
    ).toMatch(/system account/);
    expect(
      errorAt(
        withChange((p) => (p.user!.name = 'none')),
        'user.name',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.user!.sshKeys = [KEY, 'https://github.com/jane.keys'])),
        'user.sshKeys',
      )?.message,
    ).toMatch(/only entry/);
    expect(
      errorAt(
        withChange((p) => (p.user!.fullName = 'Jane: Doe')),
        'user.fullName',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.user!.sshKeys = ['not a key'])),
        'user.sshKeys.0',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.rootSshKeys = ['ssh-rsa'])),
        'rootSshKeys.0',
      ),
    ).toBeDefined();
    expect(errorsOf(validate(withChange((p) => (p.user!.sshKeys = ['https://github.com/jane.keys']))))).toEqual([]);
    expect(
      warningAt(
        withChange((p) => (p.user!.sshKeys = [])),
        'user.sshKeys',
      )?.message,
    ).toMatch(/not be able to log in/);
    expect(
      warningAt(
        withChange((p) => (p.user = null)),
        'user',
      ),
    ).toBeDefined();
  });

  it('warns where setup-alpine would silently ignore or lose settings', () => {
    const dhcpDns = withChange((p) => (p.dns = { searchDomain: 'lan', servers: ['1.1.1.1'] }));
    expect(warningAt(dhcpDns, 'dns')?.message).toMatch(/DHCP/);
    const staticNoDns = withChange((p) => (p.interfaces[0]!.ipv4 = { mode: 'static', address: '10.0.0.2', prefix: 24, gateway: '10.0.0.1' }));
    expect(warningAt(staticNoDns, 'dns.servers')).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.interfaces = [])),
        'interfaces',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.ntp = 'none')),
        'ntp',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.sshd = 'none')),
        'sshd',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => {
          p.sshd = 'none';
          p.rootSshKeys = [KEY];
        }),
        'rootSshKeys',
      ),
    ).toBeDefined();
  });

  it('checks DNS, proxy, repositories and wifi', () => {
    const p = withChange((p) => {
      p.dns = { searchDomain: 'bad domain', servers: ['dns.google'] };
      p.proxy = 'proxy:3128';
      p.apkRepos = { mode: 'urls', urls: ['dl-cdn/alpine'], community: false };
      p.interfaces.push({
        name: 'wlan0',
        auto: true,
        ipv4: { mode: 'dhcp' },
        ipv6: { mode: 'none' },
        wifi: { ssid: '', passphrase: 'short' },
        extraOptions: { inet: [], inet6: [] },
      });
    });
    for (const f of ['dns.searchDomain', 'dns.servers.0', 'proxy', 'apkRepos.urls.0', 'interfaces.1.wifi.ssid', 'interfaces.1.wifi.passphrase'])
      expect(errorAt(p, f), f).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.apkRepos = { mode: 'urls', urls: [], community: true })),
        'apkRepos.urls',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.apkRepos.urls = ['https://x.org/a'])),
        'apkRepos.urls',
      ),
    ).toBeDefined();
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

  it('flags duplicate interfaces, packages and services', () => {
    const p = withChange((p) => {
      p.interfaces.push({ ...p.interfaces[0]! });
      p.packages = ['htop', 'htop', 'definitely-not-a-package-xyz'];
      p.services = [
        { name: 'crond', runlevel: 'default' },
        { name: 'crond', runlevel: 'default' },
      ];
    });
    expect(errorAt(p, 'interfaces.1.name')).toBeDefined();
    expect(warningAt(p, 'packages.1')).toBeDefined();
    expect(warningAt(p, 'packages.2')?.message).toMatch(/spelling/);
    expect(warningAt(p, 'services.1.name')).toBeDefined();
  });

  it('needs a one-line profile name', () => {
    expect(
      errorAt(
        withChange((p) => (p.name = '  ')),
        'name',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.name = 'a\nb')),
        'name',
      ),
    ).toBeDefined();
  });

  it('reports a damaged profile shape as errors instead of throwing', () => {
    const problems = validate({ ...defaultProfile(), hostname: 42, disk: null });
    expect(problems.map((p) => p.path).sort()).toEqual(['disk', 'hostname']);
    expect(problems[0]?.message).toMatch(/wrong form/);
  });
});

describe('what setup-alpine would do otherwise than the profile shows', () => {
  it('refuses a group a fresh Alpine does not have: setup-user would stop there', () => {
    const p = withChange((x) => (x.user = { ...x.user!, groups: ['audio', 'docker'] }));
    expect(errorAt(p, 'user.groups.1')?.message).toMatch(/"docker" is not a group on a fresh Alpine.*admin rights/);
    expect(errorAt(p, 'user.groups.0')).toBeUndefined();
  });

  it('refuses root keys without an SSH server: setup-sshd none writes none', () => {
    const p = withChange((x) => {
      x.sshd = 'none';
      x.rootSshKeys = ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 me'];
    });
    expect(errorAt(p, 'rootSshKeys')?.message).toMatch(/no SSH server.*leaves them out/);
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

  it('says what -u means: an empty password without a key, a locked key login without it', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 me';
    const open = withChange((x) => (x.user = { ...x.user!, sshKeys: [], unlock: 'yes' }));
    expect(validate(open).find((x) => x.path === 'user.unlock')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/password is empty/) });
    const locked = withChange((x) => (x.user = { ...x.user!, sshKeys: [key], unlock: 'no' }));
    expect(validate(locked).find((x) => x.path === 'user.unlock')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/SSH key cannot log in/) });
    const auto = withChange((x) => (x.user = { ...x.user!, sshKeys: [key], unlock: 'auto' }));
    expect(validate(auto).find((x) => x.path === 'user.unlock')).toBeUndefined();
  });

  it('refuses a boot partition too small to hold a kernel', () => {
    expect(
      errorAt(
        withChange((x) => (x.disk.bootMb = 8)),
        'disk.bootMb',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((x) => (x.disk.bootMb = 512)),
        'disk.bootMb',
      ),
    ).toBeUndefined();
  });

  it("refuses a gateway outside the address's network or equal to it, and an address typed with its prefix", () => {
    const withV4 = (address: string, prefix: number, gateway: string) => withChange((x) => (x.interfaces[0]!.ipv4 = { mode: 'static', address, prefix, gateway }));
    expect(errorAt(withV4('192.168.1.40', 24, '192.168.2.1'), 'interfaces.0.ipv4.gateway')?.message).toMatch(/outside 192.168.1.40\/24.*no default route/);
    expect(errorAt(withV4('192.168.1.40', 16, '192.168.2.1'), 'interfaces.0.ipv4.gateway')).toBeUndefined();
    expect(errorAt(withV4('192.168.1.40', 24, '192.168.1.40'), 'interfaces.0.ipv4.gateway')?.message).toMatch(/own address/);
    expect(errorAt(withV4('192.168.1.40/24', 24, ''), 'interfaces.0.ipv4.address')?.message).toMatch(/without "\/24".*its own field/);
  });
});
