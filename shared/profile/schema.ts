import { z } from 'zod';

/**
 * The profile: everything the wizard sets, grouped by setup-alpine section
 * (sections.ts names them; it says where a key here is spelled otherwise).
 * The schema checks shape only; `validate` adds the rules a user needs
 * explained in words (see validate.ts and the per-section rule files).
 */
export const PROFILE_SCHEMA_VERSION = 3;

export const keymapSchema = z.object({ layout: z.string(), variant: z.string() }).nullable().describe('null means KEYMAPOPTS=none');

export const devdSchema = z.enum(['mdev', 'mdevd', 'udev']);

export const ipv4Schema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('dhcp') }),
  z.object({
    mode: z.literal('static'),
    address: z.string(),
    prefix: z.number().int().nullable(),
    gateway: z.string(),
  }),
  z.object({ mode: z.literal('none') }),
]);

export const ipv6Schema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('auto') }),
  z.object({ mode: z.literal('dhcp') }),
  z.object({
    mode: z.literal('static'),
    address: z.string(),
    prefix: z.number().int().nullable(),
    gateway: z.string(),
  }),
]);

export const wifiSchema = z.object({ ssid: z.string(), passphrase: z.string() });

/**
 * ifupdown-ng options the form has no field for (`hostname`, `mtu`,
 * `bridge-ports`, `bond-*`, `vlan-raw-device`, `pre-up` ...), one
 * "option value" line each, kept per address family as an imported file
 * had them and written back in the same stanza.
 */
export const extraOptionsSchema = z.object({ inet: z.array(z.string()), inet6: z.array(z.string()) });

export const interfaceSchema = z.object({
  name: z.string(),
  auto: z.boolean(),
  ipv4: ipv4Schema,
  ipv6: ipv6Schema,
  wifi: wifiSchema.nullable(),
  extraOptions: extraOptionsSchema,
});

export const dnsSchema = z.object({
  searchDomain: z.string(),
  servers: z.array(z.string()),
});

export const ntpSchema = z.enum(['busybox', 'openntpd', 'chrony', 'none']);
export const sshdSchema = z.enum(['openssh', 'dropbear', 'none']);

export const apkReposSchema = z.object({
  mode: z.enum(['first', 'fastest', 'random', 'urls', 'none']),
  urls: z.array(z.string()),
  community: z.boolean(),
});

export const userSchema = z.object({
  name: z.string(),
  fullName: z.string(),
  groups: z.array(z.string()),
  admin: z.boolean(),
  sshKeys: z.array(z.string()),
  /**
   * setup-user -u, which unlocks the account: auto adds it for a user with
   * SSH keys and no password (a key-only login); yes and no are kept from
   * imported files. Unlocked without a password, the password is empty.
   */
  unlock: z.enum(['auto', 'yes', 'no']),
  /** crypt(3) hash only; clear text never enters a profile. */
  passwordHash: z.string().nullable(),
});

export const filesystemSchema = z.enum(['ext2', 'ext3', 'ext4', 'btrfs', 'xfs']);
export const bootFilesystemSchema = z.enum(['ext2', 'ext3', 'ext4', 'btrfs', 'xfs', 'vfat']);

export const diskSchema = z.object({
  mode: z.enum(['sys', 'data', 'none']),
  disks: z.array(z.string()),
  /** Two or more disks are always RAID (1 for two, 5 for more) in setup-disk. */
  raid: z.boolean(),
  lvm: z.boolean(),
  encrypt: z.boolean(),
  /**
   * The LUKS passphrase Cairn types when cryptsetup asks during setup-disk
   * (with `encrypt`). A secret: kept in the keychain, never in the profile
   * file or the answer file; '' when none was entered.
   */
  passphrase: z.string().default(''),
  /** null: let setup-disk size swap itself; 0 disables swap. */
  swapMb: z.number().int().nullable(),
  /** null: use the whole disk for root. */
  rootMb: z.number().int().nullable(),
  /** BOOT_SIZE in MB; null: setup-disk's default (300). */
  bootMb: z.number().int().nullable(),
  bootFs: bootFilesystemSchema,
  rootFs: filesystemSchema,
  varFs: filesystemSchema,
  bootloader: z.enum(['default', 'grub', 'syslinux', 'limine', 'u-boot', 'raspberrypi-bootloader', 'zipl', 'none']),
  /** auto: setup-disk detects EFI itself; efi: force it (USE_EFI=1). */
  efi: z.enum(['auto', 'efi']),
  diskLabel: z.enum(['default', 'dos', 'gpt']),
  kernelFlavor: z.string(),
  kernelOptions: z.string(),
  /** setup-disk -v: print each command it runs. */
  verbose: z.boolean(),
});

export const disklessSchema = z.object({
  /** LBUOPTS: where `lbu commit` saves the overlay; null means none. */
  lbuMedia: z.string().nullable(),
  /** APKCACHEOPTS: null means none. */
  apkCacheDir: z.string().nullable(),
});

export const runlevelSchema = z.enum(['sysinit', 'boot', 'default', 'shutdown']);

export const serviceSchema = z.object({
  name: z.string(),
  runlevel: runlevelSchema,
});

export const profileSchema = z.object({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  name: z.string(),
  keymap: keymapSchema,
  hostname: z.string(),
  devd: devdSchema,
  interfaces: z.array(interfaceSchema),
  /** WIFIOPTS: a wpa_supplicant.conf already on the box (kept from imports). */
  wifiConfigFile: z.string().nullable(),
  /** Route between interfaces (IPv4 and IPv6 forwarding via /etc/sysctl.d); not a setup-alpine option, applied by Cairn's plan. */
  ipForwarding: z.boolean(),
  dns: dnsSchema,
  /** IANA zone; null means TIMEZONEOPTS=none. */
  timezone: z.string().nullable(),
  /**
   * How setup-timezone installs the zone: copy (default: a copy in
   * /etc/zoneinfo, tzdata removed), link (-i: tzdata stays, /etc/localtime
   * links into it), copy-keep (-k: copy, keeping earlier copies).
   */
  timezoneMode: z.enum(['copy', 'link', 'copy-keep']),
  /** Proxy URL; null means none. */
  proxy: z.string().nullable(),
  ntp: ntpSchema,
  /** The apkrepos section (sections.ts); the key keeps its stored spelling. */
  apkRepos: apkReposSchema,
  /** null means no user (USEROPTS=none). */
  user: userSchema.nullable(),
  rootSshKeys: z.array(z.string()),
  rootPasswordHash: z.string().nullable(),
  sshd: sshdSchema,
  disk: diskSchema,
  /** The lbu and apkcache sections (sections.ts) under one stored key. */
  diskless: disklessSchema,
  packages: z.array(z.string()),
  services: z.array(serviceSchema),
});

export type Profile = z.infer<typeof profileSchema>;
export type NetworkInterface = z.infer<typeof interfaceSchema>;
export type Ipv4 = z.infer<typeof ipv4Schema>;
export type Ipv6 = z.infer<typeof ipv6Schema>;
export type ProfileUser = z.infer<typeof userSchema>;
export type Disk = z.infer<typeof diskSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Runlevel = z.infer<typeof runlevelSchema>;
export type Wifi = z.infer<typeof wifiSchema>;
