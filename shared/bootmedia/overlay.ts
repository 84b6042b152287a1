import { renderInterfaces } from '../answerfile/interfaces-render';
import type { Profile } from '../profile';
import { dir, file, symlink, withParents, type OverlayEntry } from './entries';
import { renderWpaSupplicant } from './wpa-supplicant';

// The headless overlay as data (ALPINE-FACTS, "Headless boot overlay"):
// what Alpine's boot unpacks over the RAM root so that a box that never saw
// a console comes up on the network with an SSH server Cairn can log in to.
// The archive itself is written by the main process (electron/bootmedia).

/** What the main process makes for one box before the overlay can be built. */
export interface OverlayKeys {
  /**
   * The box's own host key, made on the desktop for this box only: OpenSSH's
   * private key format, and for a Dropbear box the same key in Dropbear's.
   */
  hostKey: { privateKey: string; publicKey: string; dropbearKey?: Uint8Array };
  /** authorized_keys lines for root; at least one (never a login without a key). */
  authorizedKeys: readonly string[];
  /** The PSK derived from the wifi passphrase (64 hex digits); null for an open network or no wifi. */
  wifiPsk: string | null;
}

/** The name `lbu commit` gives the box's own overlay, so its first commit replaces this one on the medium. */
export const overlayFileName = (hostname: string): string => `${hostname}.apkovl.tar.gz`;

/** Packages the overlay asks the boot to install: only what every Alpine boot medium carries. */
export function overlayWorld(profile: Profile): string[] {
  return ['alpine-base', sshServer(profile).package, ...(wifiCardOf(profile) === undefined ? [] : ['wpa_supplicant'])];
}

/** The SSH server the profile installs is the one the medium starts, so the box keeps its key and server after the install. */
export const sshServer = (profile: Profile) => (profile.sshd === 'dropbear' ? { package: 'dropbear', service: 'dropbear' } : { package: 'openssh', service: 'sshd' });

/** OpenRC services the overlay enables, with their runlevels (where setup-alpine puts them). */
export function overlayServices(profile: Profile): Array<{ name: string; runlevel: 'boot' | 'default' }> {
  return [
    { name: 'networking', runlevel: 'boot' },
    ...(wifiCardOf(profile) === undefined ? [] : [{ name: 'wpa_supplicant', runlevel: 'boot' as const }]),
    { name: sshServer(profile).service, runlevel: 'default' },
  ];
}

export const wifiCardOf = (profile: Profile) => profile.interfaces.find((i) => i.wifi !== null);

/**
 * Key logins only: root may log in with a key and never with a password, and
 * sshd uses the one host key shipped in the overlay.
 */
export const SSHD_CONFIG = [
  '# Written by Cairn for first contact: key logins only.',
  'HostKey /etc/ssh/ssh_host_ed25519_key',
  'PermitRootLogin prohibit-password',
  'PubkeyAuthentication yes',
  'AuthorizedKeysFile .ssh/authorized_keys',
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'PermitEmptyPasswords no',
  'AllowTcpForwarding no',
  'X11Forwarding no',
  'Subsystem sftp internal-sftp',
  '',
].join('\n');

function resolvConf(profile: Profile): string | null {
  const dhcp = profile.interfaces.some((i) => i.ipv4.mode === 'dhcp' || i.ipv6.mode === 'auto');
  if (dhcp || profile.dns.servers.length === 0) return null;
  const search = profile.dns.searchDomain === '' ? [] : [`search ${profile.dns.searchDomain}`];
  return [...search, ...profile.dns.servers.map((s) => `nameserver ${s}`), ''].join('\n');
}

/**
 * Every entry of the overlay for this profile, parents first. The profile
 * must be valid and fit a boot medium (overlayProblems finds none).
 */
export function overlayEntries(profile: Profile, keys: OverlayKeys): OverlayEntry[] {
  const wifi = wifiCardOf(profile);
  // The wpa_supplicant service joins the network; ifupdown-ng only configures addresses on the card.
  const interfaces = renderInterfaces(profile.interfaces.map((i) => ({ ...i, wifi: null })));
  const resolv = resolvConf(profile);
  const entries: OverlayEntry[] = [
    file('etc/hostname', `${profile.hostname}\n`),
    file('etc/network/interfaces', interfaces),
    ...(resolv === null ? [] : [file('etc/resolv.conf', resolv)]),
    file('etc/apk/world', `${overlayWorld(profile).join('\n')}\n`),
    // Without this marker the boot adds no default service at all (no devfs, mdev, hostname, syslog...).
    file('etc/.default_boot_services', ''),
    ...overlayServices(profile).map((s) => symlink(`etc/runlevels/${s.runlevel}/${s.name}`, `/etc/init.d/${s.name}`)),
    ...serverEntries(profile, keys),
    dir('root/.ssh', 0o700),
    file('root/.ssh/authorized_keys', keys.authorizedKeys.map((k) => `${k.trim()}\n`).join(''), 0o600),
  ];
  if (wifi?.wifi) {
    if ((wifi.wifi.passphrase === '') !== (keys.wifiPsk === null)) throw new Error('The wifi PSK must be derived exactly when the network has a passphrase.');
    entries.push(
      file('etc/wpa_supplicant/wpa_supplicant.conf', renderWpaSupplicant({ ssid: wifi.wifi.ssid, psk: keys.wifiPsk }), 0o600),
      // As setup-interfaces writes it: the service binds to this card.
      file('etc/conf.d/wpa_supplicant', `wpa_supplicant_args="-i ${wifi.name}"\n`),
    );
  }
  return withParents(entries, { root: 0o700, 'root/.ssh': 0o700 });
}

function serverEntries(profile: Profile, keys: OverlayKeys): OverlayEntry[] {
  if (profile.sshd === 'dropbear') {
    if (keys.hostKey.dropbearKey === undefined) throw new Error("A Dropbear box needs its host key in Dropbear's format.");
    return [
      // Alpine's dropbear service makes only the key files that are missing.
      file('etc/dropbear/dropbear_ed25519_host_key', keys.hostKey.dropbearKey, 0o600),
      // -s: no password logins at all, as OpenSSH's PasswordAuthentication no.
      file('etc/conf.d/dropbear', 'DROPBEAR_OPTS="-s"\n'),
    ];
  }
  return [
    file('etc/ssh/sshd_config', SSHD_CONFIG),
    file('etc/ssh/ssh_host_ed25519_key', ensureNewline(keys.hostKey.privateKey), 0o600),
    file('etc/ssh/ssh_host_ed25519_key.pub', ensureNewline(keys.hostKey.publicKey)),
    // Alpine's sshd service would otherwise make more host keys at first start.
    file('etc/conf.d/sshd', 'sshd_disable_keygen=yes\n'),
  ];
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
