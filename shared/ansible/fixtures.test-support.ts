import { emptyRow, type Batch } from '../batch/row';
import { defaultProfile } from '../profile/defaults';
import type { Profile } from '../profile/schema';
import type { BoxConnection, TrustedKey } from './index';

export const KEY_BODY = 'AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyNotARealKey000000000000000000';
export const ROOT_HASH = `$6$saltsalt$${'r'.repeat(86)}`;
export const USER_HASH = `$y$j9T$abcdefghijklmnop$${'U'.repeat(43)}`;
export const WIFI_PASSPHRASE = "it's #1 $(touch pwned)";
export const ROW_PASSPHRASE = 'row-3 secret pass#word';
export const DISK_PASSPHRASE = 'luks passphrase 123';

/**
 * A realistic fleet: Raspberry Pis running from RAM off their SD card, on
 * wifi with a static address, a user with a key, mosquitto and a firewall,
 * lbu and an apk cache on the card, and both password hashes set.
 */
export function piProfile(): Profile {
  const p = defaultProfile();
  return {
    ...p,
    name: 'Sensor Pis',
    hostname: 'pi',
    keymap: null,
    timezone: 'Europe/Berlin',
    ntp: 'busybox',
    sshd: 'openssh',
    interfaces: [
      {
        name: 'wlan0',
        auto: true,
        ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' },
        ipv6: { mode: 'none' },
        wifi: { ssid: 'Greenhouse', passphrase: WIFI_PASSPHRASE },
        extraOptions: { inet: [], inet6: [] },
      },
    ],
    dns: { searchDomain: 'lan', servers: ['192.168.1.1'] },
    apkRepos: { mode: 'urls', urls: ['https://dl-cdn.alpinelinux.org/alpine/v3.22/main'], community: true },
    user: { name: 'jane', fullName: 'Jane Doe', groups: ['audio', 'video'], admin: true, sshKeys: [`ssh-ed25519 ${KEY_BODY} jane@desk`], unlock: 'auto', passwordHash: USER_HASH },
    rootSshKeys: [`ssh-ed25519 ${KEY_BODY} root@desk`],
    rootPasswordHash: ROOT_HASH,
    disk: { ...p.disk, mode: 'none', disks: [] },
    diskless: { lbuMedia: 'mmcblk0p1', apkCacheDir: '/media/mmcblk0p1/cache' },
    packages: ['mosquitto', 'nftables'],
    services: [
      { name: 'mosquitto', runlevel: 'default' },
      { name: 'nftables', runlevel: 'default' },
    ],
    ipForwarding: false,
  };
}

/** Three rows: one by address, one saved target reached through a jump host, one with its own wifi and package. */
export function threeRows(): Batch {
  return {
    hostname: 'pi-{nn}',
    ipv4Pool: '192.168.1.40-192.168.1.49',
    rows: [
      { ...emptyRow(), target: 'root@10.0.0.5' },
      { ...emptyRow(), target: 'greenhouse', ipv4: '192.168.1.99' },
      { ...emptyRow(), target: 'root@10.0.0.7:2222', hostname: 'shed', wifi_ssid: 'Shed', wifi_passphrase: ROW_PASSPHRASE, packages: 'htop' },
    ],
  };
}

export const threeConnections = (): BoxConnection[] => [
  { host: '10.0.0.5', port: 22, user: 'root', jump: [], auth: 'agent', keyPath: null },
  { host: '10.0.0.6', port: 22, user: 'ops', jump: [{ host: 'gw.example.org', port: 2022, user: 'jump' }], auth: 'key', keyPath: '/home/jane/.ssh/pi_ed25519' },
  { host: '10.0.0.7', port: 2222, user: 'root', jump: [], auth: 'password', keyPath: null },
];

export const keyOf = (host: string, port: number, tail: string): TrustedKey => ({ host, port, keyType: 'ssh-ed25519', key: `AAAAC3NzaC1lZDI1NTE5AAAAI${tail.padEnd(43, 'A')}` });

/** Cairn's known hosts: keys for two of the boxes and the jump host, and one for a machine the export has nothing to do with. */
export const threeKeys = (): TrustedKey[] => [keyOf('10.0.0.5', 22, 'box1'), keyOf('10.0.0.6', 22, 'box2'), keyOf('gw.example.org', 2022, 'gw'), keyOf('10.9.9.9', 22, 'stranger')];
