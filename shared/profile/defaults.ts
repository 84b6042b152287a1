import { PROFILE_SCHEMA_VERSION, type NetworkInterface, type Profile } from './schema';

export const dhcpInterface = (name: string): NetworkInterface => ({
  name,
  auto: true,
  ipv4: { mode: 'dhcp' },
  ipv6: { mode: 'none' },
  wifi: null,
  extraOptions: { inet: [], inet6: [] },
});

/** A box that boots, gets an address by DHCP, keeps time and can be reached by SSH. */
export function defaultProfile(): Profile {
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    name: 'New profile',
    keymap: { layout: 'us', variant: 'us' },
    hostname: 'alpine',
    devd: 'mdev',
    interfaces: [dhcpInterface('eth0')],
    wifiConfigFile: null,
    ipForwarding: false,
    dns: { searchDomain: '', servers: [] },
    timezone: 'UTC',
    timezoneMode: 'copy',
    proxy: null,
    ntp: 'chrony',
    apkRepos: { mode: 'first', urls: [], community: true },
    user: {
      name: 'admin',
      fullName: '',
      groups: ['audio', 'input', 'video', 'netdev'],
      admin: true,
      sshKeys: [],
      unlock: 'auto',
      passwordHash: null,
    },
    rootSshKeys: [],
    rootPasswordHash: null,
    sshd: 'openssh',
    disk: {
      mode: 'sys',
      disks: [],
      raid: false,
      lvm: false,
      encrypt: false,
      swapMb: null,
      rootMb: null,
      bootMb: null,
      bootFs: 'ext4',
      rootFs: 'ext4',
      varFs: 'ext4',
      bootloader: 'default',
      efi: 'auto',
      diskLabel: 'default',
      kernelFlavor: '',
      kernelOptions: '',
      verbose: false,
    },
    diskless: { lbuMedia: null, apkCacheDir: null },
    packages: [],
    services: [],
  };
}
