import { describe, expect, it } from 'vitest';
import { parse } from '.';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000 jane@desk';

/** A complete file, one assignment per line as written (values raw), with some replaced or removed (null). */
const BASE: Record<string, string> = {
  KEYMAPOPTS: '"us us"',
  HOSTNAMEOPTS: 'box',
  INTERFACESOPTS: '"auto lo\niface lo inet loopback\nauto eth0\niface eth0 inet dhcp"',
  TIMEZONEOPTS: 'UTC',
  PROXYOPTS: 'none',
  APKREPOSOPTS: '"-1 -c"',
  USEROPTS: '"-a jane"',
  SSHDOPTS: 'openssh',
  NTPOPTS: 'chrony',
  DISKOPTS: 'none',
  LBUOPTS: 'usb',
  APKCACHEOPTS: 'none',
};
function file(changes: Record<string, string | null>) {
  const all = { ...BASE, ...changes };
  const text = Object.entries(all)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return parse(`${text}\n`);
}
const about = (r: ReturnType<typeof parse>, variable: string) => r.diagnostics.filter((d) => d.variable === variable);

describe('reading each *OPTS value as its helper would', () => {
  it('reads keymaps, and says when the variant is missing or extra words are given', () => {
    expect(file({ KEYMAPOPTS: 'none' }).profile.keymap).toBeNull();
    const one = file({ KEYMAPOPTS: 'fr' });
    expect(one.profile.keymap).toEqual({ layout: 'fr', variant: '' });
    expect(about(one, 'KEYMAPOPTS')[0]?.message).toMatch(/no variant/);
    expect(about(file({ KEYMAPOPTS: '"us us extra"' }), 'KEYMAPOPTS')[0]?.message).toContain('"extra"');
    // Over SSH setup-alpine asks for no keymap: unset means none.
    const unset = file({ KEYMAPOPTS: null });
    expect(unset.profile.keymap).toBeNull();
    expect(about(unset, 'KEYMAPOPTS')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('treats an empty value like a missing one, at its own line', () => {
    const r = file({ HOSTNAMEOPTS: '""', DEVDOPTS: "''", KEYMAPOPTS: '" "' });
    expect([r.profile.hostname, r.profile.devd, r.profile.keymap]).toEqual(['localhost', 'mdev', null]);
    expect(r.diagnostics.map((d) => [d.line, d.variable, d.message.match(/is empty/)?.[0]])).toEqual([
      [1, 'KEYMAPOPTS', 'is empty'],
      [2, 'HOSTNAMEOPTS', 'is empty'],
    ]);
  });

  it('reads hostname -n, setup-devd and unknown choices', () => {
    expect(file({ HOSTNAMEOPTS: '"-n box2"' }).profile.hostname).toBe('box2');
    expect(file({ DEVDOPTS: 'udev' }).profile.devd).toBe('udev');
    const bad = file({ DEVDOPTS: 'systemd', NTPOPTS: 'ntpd' });
    expect([bad.profile.devd, bad.profile.ntp]).toEqual(['mdev', 'chrony']);
    expect([...about(bad, 'DEVDOPTS'), ...about(bad, 'NTPOPTS')].map((d) => d.message)).toEqual([
      expect.stringContaining('"systemd" is not a choice'),
      expect.stringContaining('"ntpd" is not a choice'),
    ]);
  });

  it('reads setup-sshd options, including a root key given with -k', () => {
    expect(file({ SSHDOPTS: '"-c dropbear"' }).profile.sshd).toBe('dropbear');
    const k = file({ SSHDOPTS: '"-k https://example.com/root.keys openssh"', ROOTSSHKEY: `"${KEY}"` });
    expect(k.profile.rootSshKeys).toEqual(['https://example.com/root.keys']);
    expect(about(k, 'SSHDOPTS')[0]?.message).toMatch(/-k.*instead of ROOTSSHKEY/);
    expect(file({ ROOTSSHKEY: `"${KEY}\n\n${KEY}"` }).profile.rootSshKeys).toEqual([KEY, KEY]);
    expect(file({ ROOTSSHKEY: 'none' }).profile.rootSshKeys).toEqual([]);
  });

  it('reads time zones with -z, -i and -k, and none', () => {
    const r = file({ TIMEZONEOPTS: '"-i -k -z Europe/Paris"' });
    expect(r.profile).toMatchObject({ timezone: 'Europe/Paris', timezoneMode: 'link' });
    expect(about(r, 'TIMEZONEOPTS')).toEqual([]);
    expect(file({ TIMEZONEOPTS: '"-k Asia/Tokyo"' }).profile).toMatchObject({ timezone: 'Asia/Tokyo', timezoneMode: 'copy-keep' });
    expect(file({ TIMEZONEOPTS: 'UTC' }).profile.timezoneMode).toBe('copy');
    expect(file({ TIMEZONEOPTS: 'none' }).profile.timezone).toBeNull();
    expect(about(file({ TIMEZONEOPTS: '"-h UTC"' }), 'TIMEZONEOPTS')[0]?.message).toMatch(/-h.*only print its help/);
  });

  it('reads DNS servers given with -n and as operands, and notes missing DNS for static-only boxes', () => {
    expect(file({ DNSOPTS: '"-d lan -n 1.1.1.1 9.9.9.9"' }).profile.dns).toEqual({ searchDomain: 'lan', servers: ['1.1.1.1', '9.9.9.9'] });
    const r = file({ INTERFACESOPTS: '"auto lo\niface lo inet loopback\niface eth0 inet static\n\taddress 10.0.0.2/24"' });
    expect(about(r, 'DNSOPTS')).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/setup-dns would ask/) })]);
  });

  it('reads INTERFACESOPTS=none as no interfaces, with a warning', () => {
    const r = file({ INTERFACESOPTS: 'none' });
    expect(r.profile.interfaces).toEqual([]);
    expect(about(r, 'INTERFACESOPTS')[0]?.message).toMatch(/cannot express/);
  });

  it('reads the Cairn extensions and reports entries it cannot use', () => {
    const r = file({ CAIRN_SERVICES: '"default:nginx boot:sysctl nginx later:x"', CAIRN_IP_FORWARDING: 'maybe', XENDOM0OPTS: '"-x"' });
    expect(r.profile.services).toEqual([
      { name: 'nginx', runlevel: 'default' },
      { name: 'sysctl', runlevel: 'boot' },
    ]);
    expect(r.profile.ipForwarding).toBe(false);
    expect(about(r, 'CAIRN_SERVICES').map((d) => d.message)).toEqual([expect.stringContaining('"nginx"'), expect.stringContaining('"later:x"')]);
    expect(about(r, 'CAIRN_IP_FORWARDING')[0]?.message).toContain('"maybe"');
    expect(about(r, 'XENDOM0OPTS')[0]?.message).toMatch(/Xen/);
    expect(file({ CAIRN_IP_FORWARDING: 'yes' }).profile.ipForwarding).toBe(true);
    expect(file({ CAIRN_IP_FORWARDING: '0', XENDOM0OPTS: 'none' }).diagnostics).toEqual([]);
  });
});

describe('USEROPTS', () => {
  it('reads combined flags, attached values and --', () => {
    const r = file({ USEROPTS: '"-au -fJane -gwheel -- jane"', USERSSHKEY: `"${KEY}"` });
    expect(r.diagnostics).toEqual([]);
    expect(r.profile.user).toEqual({ name: 'jane', fullName: 'Jane', groups: ['wheel'], admin: true, sshKeys: [KEY], unlock: 'auto', passwordHash: null });
    expect(file({ USEROPTS: '"-g none jane"' }).profile.user?.groups).toEqual([]);
  });

  it('keeps -u as written: unlocked without a key, locked with a key and no -u', () => {
    const unlocked = file({ USEROPTS: '"-u jane"' });
    expect(unlocked.profile.user?.unlock).toBe('yes');
    expect(about(unlocked, 'USEROPTS')).toEqual([]);
    expect(file({ USEROPTS: 'jane', USERSSHKEY: `"${KEY}"` }).profile.user?.unlock).toBe('no');
    expect(file({ USEROPTS: 'jane' }).profile.user?.unlock).toBe('auto');
  });

  it('reports what setup-user would refuse: no name, two names, -h, missing values', () => {
    expect(about(file({ USEROPTS: '"-a"' }), 'USEROPTS')[0]?.message).toMatch(/names no user/);
    const two = file({ USEROPTS: '"jane bob"' });
    expect(two.profile.user?.name).toBe('jane');
    expect(about(two, 'USEROPTS')[0]?.message).toMatch(/more than one user name/);
    expect(about(file({ USEROPTS: '"-h jane"' }), 'USEROPTS')[0]?.message).toMatch(/-h/);
    expect(about(file({ USEROPTS: '"jane -g"' }), 'USEROPTS')).toEqual([expect.objectContaining({ message: expect.stringMatching(/more than one/) })]);
    expect(about(file({ USEROPTS: '"-g"' }), 'USEROPTS').map((d) => d.message)).toEqual([expect.stringMatching(/ends with -g/), expect.stringMatching(/names no user/)]);
  });

  it('takes a key given with -k, preferring it over USERSSHKEY as setup-user does', () => {
    const k = file({ USEROPTS: '"-k https://github.com/jane.keys jane"' });
    expect(k.profile.user?.sshKeys).toEqual(['https://github.com/jane.keys']);
    expect(about(k, 'USEROPTS')[0]?.severity).toBe('info');
    const both = file({ USEROPTS: '"-k none jane"', USERSSHKEY: `"${KEY}"` });
    expect(both.profile.user?.sshKeys).toEqual([]);
    expect(about(both, 'USEROPTS')[0]?.message).toMatch(/ignored USERSSHKEY/);
  });

  it('prefers CAIRN_USER_FULLNAME and says when it differs from -f', () => {
    const r = file({ USEROPTS: '"-f Janet jane"', CAIRN_USER_FULLNAME: '"Jane Doe"' });
    expect(r.profile.user?.fullName).toBe('Jane Doe');
    expect(about(r, 'CAIRN_USER_FULLNAME')[0]?.message).toMatch(/differs/);
    // Without USEROPTS nobody answers setup-user's question: no user, whatever else is set.
    const unset = file({ USEROPTS: null, CAIRN_USER_FULLNAME: '"Jane Doe"', USERSSHKEY: `"${KEY}"` });
    expect(unset.profile.user).toBeNull();
    expect(about(unset, 'USERSSHKEY')).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/no effect without a user/) })]);
    expect(about(file({ USEROPTS: 'none', CAIRN_USER_FULLNAME: 'x' }), 'CAIRN_USER_FULLNAME')[0]?.message).toMatch(/no user/);
  });
});

describe('APKREPOSOPTS', () => {
  it('reads -o, explicit URLs without -c, and the skip answer', () => {
    expect(file({ APKREPOSOPTS: '-o' }).profile.apkRepos).toEqual({ mode: 'none', urls: [], community: true });
    const urls = ['https://m/v3.20/main', 'https://m/v3.20/community'];
    expect(file({ APKREPOSOPTS: `"${urls.join(' ')}"` }).profile.apkRepos).toEqual({ mode: 'urls', urls, community: false });
    expect(file({ APKREPOSOPTS: '""', 'export APKREPO_DEFAULT_ANSWER': 'skip' }).profile.apkRepos).toEqual({ mode: 'none', urls: [], community: false });
  });

  it('reports combinations setup-apkrepos refuses or would prompt for', () => {
    const cases: Array<[Record<string, string | null>, RegExp]> = [
      [{ APKREPOSOPTS: '"-o -1"' }, /combines -o/],
      [{ APKREPOSOPTS: '"-1 https://m/main"' }, /both mirror options and repository URLs/],
      [{ APKREPOSOPTS: '"-1 -f"' }, /more than one of -1, -f and -r/],
      [{ APKREPOSOPTS: '-c' }, /picks no mirror/],
      [{ APKREPOSOPTS: null }, /not set: setup-apkrepos would ask here; unattended, it adds the first mirror/],
      [{ APKREPOSOPTS: '""', APKREPO_DEFAULT_ANSWER: 'skip' }, /not exported/],
      [{ 'export APKREPO_DEFAULT_ANSWER': 'f' }, /only understands "skip"/],
    ];
    for (const [changes, message] of cases) {
      const r = file(changes);
      expect(r.diagnostics.map((d) => d.message).join('\n'), JSON.stringify(changes)).toMatch(message);
    }
  });
});

describe('DISKOPTS and the setup-disk environment', () => {
  const disk = (opts: string, env: Record<string, string> = {}) => file({ DISKOPTS: opts, ...env });

  it('reads every setup-disk option Cairn keeps', () => {
    const r = disk('"-m data -L -e -r -s 512 -R 4096 -k lts -B syslinux /dev/sdb"', { 'export ERASE_DISKS': '/dev/sdb' });
    expect(r.diagnostics).toEqual([]);
    expect(r.profile.disk).toMatchObject({
      mode: 'data',
      lvm: true,
      encrypt: true,
      raid: true,
      swapMb: 512,
      rootMb: 4096,
      kernelFlavor: 'lts',
      bootloader: 'syslinux',
      disks: ['/dev/sdb'],
    });
  });

  it('reports what it cannot keep or what setup-disk would ask', () => {
    const messages = (opts: string, env: Record<string, string> = {}) =>
      disk(opts, env)
        .diagnostics.map((d) => d.message)
        .join('\n');
    expect(messages('"-v -q -w /tmp/m -b /dev/sda /mnt"')).toMatch(/-b option[^]*-w option[^]*-q option[^]*no -m sys/);
    expect(disk('"-v -m sys /dev/sda"', { 'export ERASE_DISKS': '/dev/sda' }).profile.disk.verbose).toBe(true);
    expect(disk('"-m sys /dev/sda"', { 'export ERASE_DISKS': '/dev/sda', 'export BOOT_SIZE': '512' }).profile.disk.bootMb).toBe(512);
    // SWAP_SIZE and ROOT_SIZE are what -s and -R set; the option wins.
    expect(disk('"-m sys /dev/sda"', { 'export ERASE_DISKS': '/dev/sda', 'export SWAP_SIZE': '1024', 'export ROOT_SIZE': '8192' }).profile.disk).toMatchObject({
      swapMb: 1024,
      rootMb: 8192,
    });
    expect(disk('"-s 0 -m sys /dev/sda"', { 'export ERASE_DISKS': '/dev/sda', 'export SWAP_SIZE': '1024' }).profile.disk.swapMb).toBe(0);
    expect(messages('"-m crypt /dev/sda"', { 'export ERASE_DISKS': '/dev/sda' })).toMatch(/"-m crypt" is not a disk mode/);
    expect(messages('"-m sys"')).toMatch(/names no disk/);
    expect(messages('"-m sys -s big /dev/sda"', { 'export ERASE_DISKS': '/dev/sda' })).toMatch(/-s big: the swap size/);
    expect(messages('"-m sys -B lilo /dev/sda"', { 'export ERASE_DISKS': '/dev/sda' })).toMatch(/boot loader "lilo"/);
    expect(disk('"-m sys -B raspberrypi-bootloader /dev/sda"', { 'export ERASE_DISKS': '/dev/sda' }).profile.disk.bootloader).toBe('raspberrypi-bootloader');
    const env = {
      'export ERASE_DISKS': '/dev/sda',
      'export BOOTFS': 'ntfs',
      'export ROOTFS': 'zfs',
      'export DISKLABEL': 'mbr',
      'export BOOTLOADER': 'lilo',
      'export VARFS': 'xfs',
      'export KERNELOPTS': '"quiet"',
    };
    const r = disk('"-m sys /dev/sda"', env);
    expect(r.profile.disk).toMatchObject({ bootFs: 'ext4', rootFs: 'ext4', varFs: 'xfs', diskLabel: 'default', bootloader: 'default', kernelOptions: 'quiet' });
    expect(r.diagnostics.map((d) => d.variable)).toEqual(['BOOTFS', 'ROOTFS', 'DISKLABEL', 'BOOTLOADER']);
  });

  it('ignores setup-disk environment when no disk is set up, and warns when DISKOPTS is missing', () => {
    const none = disk('none', { 'export ERASE_DISKS': '/dev/sda' });
    expect(none.diagnostics.map((d) => d.variable)).toEqual(['ERASE_DISKS']);
    const unset = file({ DISKOPTS: null, 'export BOOTFS': 'xfs' });
    expect(unset.profile.disk.mode).toBe('none');
    expect(unset.diagnostics.map((d) => [d.variable, d.severity])).toEqual([
      ['BOOTFS', 'warning'],
      ['DISKOPTS', 'info'],
    ]);
  });

  it('asks for LBU and the apk cache only when the system is not installed to disk', () => {
    const diskless = file({ LBUOPTS: null, APKCACHEOPTS: null });
    expect(diskless.diagnostics.map((d) => d.variable)).toEqual(['LBUOPTS', 'APKCACHEOPTS']);
    expect(file({ LBUOPTS: null, APKCACHEOPTS: null, DISKOPTS: '"-m sys /dev/sda"', 'export ERASE_DISKS': '/dev/sda' }).diagnostics).toEqual([]);
  });
});
