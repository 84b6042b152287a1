import { describe, expect, it } from 'vitest';
import { sh } from '../shell';
import { FACTS_COMMAND, parseReading } from './facts';
import { CONFIG_SECTIONS, parseConfig, parseResolv } from './facts-config';
import { ADMIN_KEY, pi, ROOT_KEY } from './drift-pi.test-support';

const sections = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k, v.split('\n')]));

describe('the configuration drift reads', () => {
  it('reads every section of a diskless Pi', () => {
    const { config } = pi();
    expect(config).toEqual({
      keymap: '/etc/keymap/us.bmap.gz',
      interfaces: [{ name: 'eth0', auto: true, ipv4: { mode: 'dhcp' }, ipv6: { mode: 'none' }, wifi: null, extraOptions: { inet: [], inet6: [] } }],
      resolv: { search: ['fritz.box'], nameservers: ['192.168.178.1'] },
      proxy: null,
      users: [
        { name: 'root', uid: 0, gecos: 'root', home: '/root' },
        { name: 'bin', uid: 1, gecos: 'bin', home: '/bin' },
        { name: 'sshd', uid: 22, gecos: 'sshd', home: '/dev/null' },
        { name: 'chrony', uid: 100, gecos: 'chrony', home: '/var/lib/chrony' },
        { name: 'admin', uid: 1000, gecos: 'Linux User,,,', home: '/home/admin' },
      ],
      groups: {
        root: ['root'],
        bin: ['root', 'bin', 'daemon'],
        wheel: ['root', 'admin'],
        audio: ['admin'],
        input: ['admin'],
        video: ['root', 'admin'],
        netdev: ['admin'],
        admin: ['admin'],
      },
      authorizedKeys: { '/root/.ssh/authorized_keys': [ROOT_KEY], '/home/admin/.ssh/authorized_keys': [ADMIN_KEY] },
      wifiPassphrases: {},
      apkCache: '/media/mmcblk0p1/cache',
      receipt: null,
    });
  });

  it('reads what setup-proxy and setup-keymap write, quoted or not, the last assignment winning', () => {
    const config = parseConfig(sections({ proxy: "# generated\nexport http_proxy='http://a:1'\nexport http_proxy=http://b:2", keymap: 'KEYMAP="/etc/keymap/de-latin1.bmap.gz"' }));
    expect([config.proxy, config.keymap]).toEqual(['http://b:2', '/etc/keymap/de-latin1.bmap.gz']);
  });

  it('reads resolv.conf as the resolver does: the last search or domain line, every nameserver', () => {
    expect(parseResolv(['domain old.lan', 'nameserver 1.1.1.1', '# nameserver 8.8.8.8', 'search a.lan b.lan', 'nameserver 9.9.9.9', 'options ndots:2'])).toEqual({
      search: ['a.lan', 'b.lan'],
      nameservers: ['1.1.1.1', '9.9.9.9'],
    });
  });

  it('keeps comments and blank lines out of the keys, and an empty key file as no keys', () => {
    const config = parseConfig(
      sections({ 'ssh-keys': `/home/jane/.ssh/authorized_keys:# laptop\n/home/jane/.ssh/authorized_keys:\n/home/jane/.ssh/authorized_keys:${ADMIN_KEY}` }),
    );
    expect(config.authorizedKeys).toEqual({ '/home/jane/.ssh/authorized_keys': [ADMIN_KEY] });
  });

  it('reads missing files as absent', () => {
    expect(parseConfig(new Map())).toEqual({
      keymap: null,
      interfaces: null,
      resolv: null,
      proxy: null,
      users: [],
      groups: {},
      authorizedKeys: {},
      wifiPassphrases: {},
      apkCache: null,
      receipt: null,
    });
  });

  it('is part of the one facts command, each file through the quoting function', () => {
    const line = sh(...FACTS_COMMAND);
    for (const s of CONFIG_SECTIONS) expect(line).toContain(`::cairn::${s.name}`);
    expect(line).toContain("find /root/.ssh /home -maxdepth 3 -path '*/.ssh/authorized_keys' -type f -exec grep -H '' '{}' + 2> /dev/null");
    expect(parseReading(`::cairn::end\n`)?.config.receipt).toBeNull();
  });

  it("reads each card's wifi passphrase from its own file, by card", () => {
    const sections = new Map([
      ['wifi-keys', ['/etc/wpa_supplicant/wpa_supplicant-wlan0.conf:\tpsk="correct horse"', '/etc/wpa_supplicant/wpa_supplicant-wlan1.conf:  psk="it\'s #2"']],
    ]);
    expect(parseConfig(sections).wifiPassphrases).toEqual({ wlan0: 'correct horse', wlan1: "it's #2" });
  });
});
