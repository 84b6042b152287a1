import { defaultProfile, dhcpInterface } from './defaults';
import type { Profile } from './schema';

export interface Template {
  id: 'vm' | 'old-pc' | 'router' | 'diskless-iot';
  title: string;
  description: string;
  make: () => Profile;
}

export const TEMPLATES: readonly Template[] = [
  {
    id: 'vm',
    title: 'Virtual machine',
    description: 'Installs to the virtual disk /dev/vda with the small virt kernel; DHCP, chrony, OpenSSH.',
    make: () => {
      const p = defaultProfile();
      return { ...p, name: 'Virtual machine', hostname: 'alpine-vm', disk: { ...p.disk, disks: ['/dev/vda'], kernelFlavor: 'virt', swapMb: 512 } };
    },
  },
  {
    id: 'old-pc',
    title: 'Old PC',
    description: 'Installs to the first SATA disk with LVM and swap; a home server with htop and a firewall ready.',
    make: () => {
      const p = defaultProfile();
      return {
        ...p,
        name: 'Old PC',
        hostname: 'oldpc',
        disk: { ...p.disk, disks: ['/dev/sda'], lvm: true, swapMb: 2048 },
        packages: ['htop', 'nftables'],
        services: [{ name: 'nftables', runlevel: 'default' }],
      };
    },
  },
  {
    id: 'router',
    title: 'Router',
    description: 'Two network cards: WAN by DHCP on eth0, LAN 192.168.1.1/24 on eth1; forwarding on, dnsmasq for the LAN.',
    make: () => {
      const p = defaultProfile();
      return {
        ...p,
        name: 'Router',
        hostname: 'router',
        ipForwarding: true,
        interfaces: [dhcpInterface('eth0'), { ...dhcpInterface('eth1'), ipv4: { mode: 'static', address: '192.168.1.1', prefix: 24, gateway: '' } }],
        disk: { ...p.disk, disks: ['/dev/sda'], swapMb: 0 },
        packages: ['nftables', 'dnsmasq'],
        services: [
          { name: 'sysctl', runlevel: 'boot' },
          { name: 'nftables', runlevel: 'default' },
          { name: 'dnsmasq', runlevel: 'default' },
        ],
      };
    },
  },
  {
    id: 'diskless-iot',
    title: 'Diskless IoT board',
    description: 'Runs from RAM off an SD card: configuration saved with lbu to the card, packages cached there; busybox NTP and Dropbear keep it light.',
    make: () => {
      const p = defaultProfile();
      return {
        ...p,
        name: 'Diskless IoT board',
        hostname: 'iot',
        keymap: null,
        ntp: 'busybox',
        sshd: 'dropbear',
        disk: { ...p.disk, mode: 'none', disks: [] },
        diskless: { lbuMedia: 'mmcblk0p1', apkCacheDir: '/media/mmcblk0p1/cache' },
        packages: ['mosquitto'],
        services: [{ name: 'mosquitto', runlevel: 'default' }],
      };
    },
  },
];

export const templateById = (id: string): Template | undefined => TEMPLATES.find((t) => t.id === id);

/** What a start puts on the box beyond the basics, read from the profile itself so no description can leave it out. */
export function whatItPuts(p: Profile): string {
  const parts: string[] = [];
  if (p.disk.mode !== 'none') parts.push(`${p.disk.mode === 'sys' ? 'erases and installs to' : 'erases for data'} ${p.disk.disks.join(', ') || '(a disk you choose)'}`);
  if (p.packages.length > 0) parts.push(`adds ${p.packages.join(', ')}`);
  if (p.services.length > 0) parts.push(`starts ${p.services.map((s) => s.name).join(', ')} at boot`);
  if (p.user !== null) parts.push(`creates the user ${p.user.name || '(unnamed)'}`);
  return parts.length === 0 ? 'Changes no disk and adds nothing.' : `It ${parts.join('; ')}.`;
}
