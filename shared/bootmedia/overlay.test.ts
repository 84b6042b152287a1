import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dhcpInterface, templateById, type Profile } from '../profile';
import { overlayEntries, overlayFileName, overlayProblems, overlayServices, overlayWorld, type OverlayEntry } from '.';

const REFERENCE = join(import.meta.dirname, '../../../shared/alpine/reference');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsZ4t0h8vKq1XbWq0d9n3Yy0dTGQZ1nJ9yP8mFvZr2c jane@laptop';
const HOST_KEY = {
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
  publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBoxHostKey root@pi',
};
const PSK = 'f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e';

function pi(change: (p: Profile) => Profile = (p) => p): Profile {
  const p = templateById('diskless-iot')!.make();
  return change({
    ...p,
    hostname: 'pi-kitchen',
    sshd: 'openssh',
    packages: [],
    services: [],
    rootSshKeys: [KEY],
    interfaces: [dhcpInterface('eth0'), { ...dhcpInterface('wlan0'), wifi: { ssid: "Café l'Étoile #5", passphrase: 'correct horse' } }],
  });
}

const keys = { hostKey: HOST_KEY, authorizedKeys: [KEY], wifiPsk: PSK };
const byPath = (entries: OverlayEntry[]) => new Map(entries.map((e) => [e.path, e]));
const content = (entries: OverlayEntry[], path: string) => {
  const e = byPath(entries).get(path);
  if (e?.type !== 'file') throw new Error(`${path} is not a file in the overlay`);
  return e.content;
};
const tsvColumn = (file: string, column: number) =>
  new Set(
    readFileSync(join(REFERENCE, file), 'utf8')
      .split('\n')
      .map((l) => l.split('\t')[column]),
  );

describe('the headless overlay', () => {
  it('is named as lbu commit will name the box overlay, so the box replaces it itself', () => {
    expect(overlayFileName('pi-kitchen')).toBe('pi-kitchen.apkovl.tar.gz');
  });

  it('holds every parent directory before its contents, once each, with real modes', () => {
    const entries = overlayEntries(pi(), keys);
    const paths = entries.map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const [n, e] of entries.entries()) {
      const parent = e.path.split('/').slice(0, -1).join('/');
      if (parent !== '') expect(paths.indexOf(parent), `${parent} before ${e.path}`).toBeLessThan(n);
    }
    const mode = (p: string) => {
      const e = byPath(entries).get(p);
      return e?.type === 'symlink' ? 'link' : e?.mode.toString(8);
    };
    expect(
      Object.fromEntries(
        [
          'etc',
          'etc/ssh',
          'root',
          'root/.ssh',
          'root/.ssh/authorized_keys',
          'etc/ssh/ssh_host_ed25519_key',
          'etc/ssh/ssh_host_ed25519_key.pub',
          'etc/wpa_supplicant/wpa_supplicant.conf',
          'etc/hostname',
        ].map((p) => [p, mode(p)]),
      ),
    ).toEqual({
      etc: '755',
      'etc/ssh': '755',
      root: '700',
      'root/.ssh': '700',
      'root/.ssh/authorized_keys': '600',
      'etc/ssh/ssh_host_ed25519_key': '600',
      'etc/ssh/ssh_host_ed25519_key.pub': '644',
      'etc/wpa_supplicant/wpa_supplicant.conf': '600',
      'etc/hostname': '644',
    });
  });

  it('starts networking, wpa_supplicant and sshd by runlevel links, with the default-services marker', () => {
    const entries = overlayEntries(pi(), keys);
    const links = entries.filter((e) => e.type === 'symlink').map((e) => (e.type === 'symlink' ? `${e.path} -> ${e.target}` : ''));
    expect(links).toEqual([
      'etc/runlevels/boot/networking -> /etc/init.d/networking',
      'etc/runlevels/boot/wpa_supplicant -> /etc/init.d/wpa_supplicant',
      'etc/runlevels/default/sshd -> /etc/init.d/sshd',
    ]);
    expect(content(entries, 'etc/.default_boot_services')).toBe('');
    expect(content(entries, 'etc/apk/world')).toBe('alpine-base\nopenssh\nwpa_supplicant\n');
  });

  it('asks only for packages and services that exist in Alpine (reference catalogues)', () => {
    const packages = tsvColumn('packages.tsv', 1);
    const services = new Map(
      readFileSync(join(REFERENCE, 'services.tsv'), 'utf8')
        .split('\n')
        .map((l) => [l.split('\t')[0], l.split('\t')[2]]),
    );
    for (const p of [pi(), pi((p) => ({ ...p, interfaces: [dhcpInterface('eth0')] })), pi((p) => ({ ...p, sshd: 'dropbear' }))]) {
      for (const name of overlayWorld(p)) expect(packages.has(name), name).toBe(true);
      for (const s of overlayServices(p)) {
        expect(services.has(s.name), s.name).toBe(true);
        // Each service comes with a package the overlay installs (openrc is in alpine-base).
        expect([...overlayWorld(p), 'openrc']).toContain(services.get(s.name));
      }
    }
  });

  it('without wifi, installs and starts no wpa_supplicant', () => {
    const entries = overlayEntries(
      pi((p) => ({ ...p, interfaces: [dhcpInterface('eth0')] })),
      { ...keys, wifiPsk: null },
    );
    expect(content(entries, 'etc/apk/world')).toBe('alpine-base\nopenssh\n');
    expect([...byPath(entries).keys()].filter((p) => p.includes('wpa'))).toEqual([]);
  });

  it('lets root in by key only, with the one host key made for this box and no key generation', () => {
    const entries = overlayEntries(pi(), keys);
    const sshd = content(entries, 'etc/ssh/sshd_config');
    expect(sshd).toMatch(/^PermitRootLogin prohibit-password$/m);
    expect(sshd).toMatch(/^PasswordAuthentication no$/m);
    expect(sshd).toMatch(/^KbdInteractiveAuthentication no$/m);
    expect(sshd).toMatch(/^HostKey \/etc\/ssh\/ssh_host_ed25519_key$/m);
    expect(content(entries, 'etc/conf.d/sshd')).toBe('sshd_disable_keygen=yes\n');
    expect(content(entries, 'etc/ssh/ssh_host_ed25519_key')).toBe(`${HOST_KEY.privateKey}\n`);
    expect(content(entries, 'root/.ssh/authorized_keys')).toBe(`${KEY}\n`);
  });

  it('writes the hostname and the cards without the wifi passphrase in /etc/network/interfaces', () => {
    const entries = overlayEntries(pi(), keys);
    expect(content(entries, 'etc/hostname')).toBe('pi-kitchen\n');
    const interfaces = content(entries, 'etc/network/interfaces');
    expect(interfaces).toBe('auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n\nauto wlan0\niface wlan0 inet dhcp\n');
    expect(JSON.stringify(entries)).not.toContain('correct horse');
  });

  it('joins the wifi network by the SSID in hex and the derived PSK, bound to its card', () => {
    const entries = overlayEntries(pi(), keys);
    const conf = content(entries, 'etc/wpa_supplicant/wpa_supplicant.conf');
    // In UTF-8 hex: the apostrophe, # and accents cannot break the file.
    expect(conf).toContain(`\tssid=${Buffer.from("Café l'Étoile #5", 'utf8').toString('hex')}\n`);
    expect(conf).toContain(`\tpsk=${PSK}\n`);
    expect(conf).toContain('\tkey_mgmt=WPA-PSK\n');
    expect(content(entries, 'etc/conf.d/wpa_supplicant')).toBe('wpa_supplicant_args="-i wlan0"\n');
  });

  it('joins an open network without a key', () => {
    const open = pi((p) => ({ ...p, interfaces: [{ ...dhcpInterface('wlan0'), wifi: { ssid: 'Cafe', passphrase: '' } }] }));
    const conf = content(overlayEntries(open, { ...keys, wifiPsk: null }), 'etc/wpa_supplicant/wpa_supplicant.conf');
    expect(conf).toContain('\tkey_mgmt=NONE\n');
    expect(conf).not.toContain('psk=');
  });

  it('gives a box with a static address its name servers', () => {
    const fixed = pi((p) => ({
      ...p,
      interfaces: [{ ...dhcpInterface('eth0'), ipv4: { mode: 'static', address: '192.168.1.40', prefix: 24, gateway: '192.168.1.1' } }],
      dns: { searchDomain: 'lan', servers: ['192.168.1.1', '9.9.9.9'] },
    }));
    const entries = overlayEntries(fixed, { ...keys, wifiPsk: null });
    expect(content(entries, 'etc/resolv.conf')).toBe('search lan\nnameserver 192.168.1.1\nnameserver 9.9.9.9\n');
    expect(content(entries, 'etc/network/interfaces')).toContain('iface eth0 inet static\n\taddress 192.168.1.40/24\n\tgateway 192.168.1.1\n');
  });

  it("starts Dropbear with its key in Dropbear's format when the profile installs Dropbear, without passwords", () => {
    const dropbearKey = Uint8Array.from([0, 0, 0, 11, 1, 2, 3]);
    const entries = overlayEntries(
      pi((p) => ({ ...p, sshd: 'dropbear' })),
      { ...keys, hostKey: { ...HOST_KEY, dropbearKey } },
    );
    expect(content(entries, 'etc/apk/world')).toBe('alpine-base\ndropbear\nwpa_supplicant\n');
    expect(byPath(entries).get('etc/runlevels/default/dropbear')).toEqual({ type: 'symlink', path: 'etc/runlevels/default/dropbear', target: '/etc/init.d/dropbear' });
    expect(byPath(entries).get('etc/dropbear/dropbear_ed25519_host_key')).toEqual({
      type: 'file',
      path: 'etc/dropbear/dropbear_ed25519_host_key',
      mode: 0o600,
      content: dropbearKey,
    });
    expect(content(entries, 'etc/conf.d/dropbear')).toBe('DROPBEAR_OPTS="-s"\n');
    expect([...byPath(entries).keys()].filter((p) => p.startsWith('etc/ssh') || p.endsWith('/sshd'))).toEqual([]);
    expect(() =>
      overlayEntries(
        pi((p) => ({ ...p, sshd: 'dropbear' })),
        keys,
      ),
    ).toThrow(/Dropbear/);
  });

  it('is the same for the same input', () => {
    expect(overlayEntries(pi(), keys)).toEqual(overlayEntries(pi(), keys));
  });
});

describe('what cannot go on a boot medium', () => {
  const paths = (p: Profile, loginKey: string | null = null) => overlayProblems(p, loginKey).map((x) => x.path);

  it('accepts a valid profile with a root key', () => {
    expect(overlayProblems(pi(), null)).toEqual([]);
  });

  it('refuses a box nobody could log in to, unless the login key is given', () => {
    expect(paths(pi((p) => ({ ...p, rootSshKeys: [] })))).toContain('rootSshKeys');
    expect(
      paths(
        pi((p) => ({ ...p, rootSshKeys: [] })),
        KEY,
      ),
    ).toEqual([]);
  });

  it('refuses a private key pasted as the public one, and a key URL the box cannot fetch yet', () => {
    const pasted = pi((p) => ({ ...p, rootSshKeys: ['-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjE'] }));
    expect(
      overlayProblems(pasted, null)
        .filter((x) => x.path === 'rootSshKeys.0')
        .map((x) => x.message),
    ).toContainEqual(expect.stringMatching(/private key/));
    expect(overlayProblems(pi(), '-----BEGIN OPENSSH PRIVATE KEY-----').map((x) => x.path)).toEqual(['loginKey']);
    const url = pi((p) => ({ ...p, rootSshKeys: ['https://github.com/jane.keys'] }));
    expect(overlayProblems(url, null).find((x) => x.path === 'rootSshKeys.0')?.message).toMatch(/not a URL/);
  });

  it('refuses wifi passphrases outside 8 to 63 characters and quotes, naming the field', () => {
    for (const passphrase of ['short', 'x'.repeat(64), 'has "quotes" in it', 'naïve-passphrase']) {
      const p = pi((p) => ({ ...p, interfaces: [{ ...dhcpInterface('wlan0'), wifi: { ssid: 'Home', passphrase } }] }));
      expect(paths(p), passphrase).toContain('interfaces.0.wifi.passphrase');
    }
  });

  it('refuses an SSID over 32 bytes even when it is under 32 characters', () => {
    const p = pi((p) => ({ ...p, interfaces: [{ ...dhcpInterface('wlan0'), wifi: { ssid: 'é'.repeat(20), passphrase: 'correct horse' } }] }));
    expect(paths(p)).toEqual(['interfaces.0.wifi.ssid']);
  });

  it('refuses no SSH server, wifi on two cards and a box with no card up at boot', () => {
    // Root's keys would be dropped too: setup-sshd installs them.
    expect(paths(pi((p) => ({ ...p, sshd: 'none' })))).toEqual(['rootSshKeys', 'sshd']);
    const two = pi((p) => ({
      ...p,
      interfaces: [
        { ...dhcpInterface('wlan0'), wifi: { ssid: 'A', passphrase: 'correct horse' } },
        { ...dhcpInterface('wlan1'), wifi: { ssid: 'B', passphrase: 'correct horse' } },
      ],
    }));
    expect(paths(two)).toEqual(['interfaces.1.wifi']);
    expect(paths(pi((p) => ({ ...p, interfaces: [{ ...dhcpInterface('eth0'), auto: false }] })))).toContain('interfaces');
  });
});
