import type { Section } from '../../../shared/profile/sections';

/**
 * The wizard's steps in setup-alpine's order, the profile fields each one
 * owns (first segment of a problem path) and the answer-file variables it
 * sets, so a problem or an import diagnostic can lead to its step and field.
 * A step's id is the setup-alpine section it mirrors, spelled as in
 * shared/profile/sections.ts, and its view is steps/<id>-step.tsx; Packages
 * and Review are Cairn's own.
 */
export const STEP_IDS = [
  'keymap',
  'hostname',
  'interfaces',
  'dns',
  'timezone',
  'proxy',
  'ntp',
  'apkrepos',
  'user',
  'sshd',
  'disk',
  'lbu',
  'packages',
  'review',
] as const satisfies ReadonlyArray<Section | 'packages' | 'review'>;

export type StepId = (typeof STEP_IDS)[number];

export interface StepInfo {
  id: StepId;
  title: string;
  description: string;
  /** The setup-alpine sections the step sets; none for Cairn's own steps. */
  sections: readonly Section[];
  /** First segments of the profile paths this step edits. */
  owns: readonly string[];
}

export const STEPS: readonly StepInfo[] = [
  { id: 'keymap', title: 'Keyboard', description: 'The keyboard layout used on the console of the box.', sections: ['keymap'], owns: ['keymap'] },
  { id: 'hostname', title: 'Hostname', description: 'The name the box calls itself and shows on the network.', sections: ['hostname'], owns: ['hostname'] },
  {
    id: 'interfaces',
    title: 'Network',
    description: 'The network cards, how each gets its address, and wifi.',
    sections: ['interfaces'],
    owns: ['interfaces', 'wifiConfigFile', 'ipForwarding'],
  },
  { id: 'dns', title: 'DNS', description: 'Name servers for boxes with static addresses; DHCP provides them otherwise.', sections: ['dns'], owns: ['dns'] },
  { id: 'timezone', title: 'Time zone', description: 'The clock shows local time for this zone.', sections: ['timezone'], owns: ['timezone'] },
  { id: 'proxy', title: 'Proxy', description: 'An HTTP proxy for downloads, if your network requires one.', sections: ['proxy'], owns: ['proxy'] },
  { id: 'ntp', title: 'NTP', description: 'The program that keeps the clock right over the network.', sections: ['ntp'], owns: ['ntp'] },
  // The profile keeps apkrepos under its stored key apkRepos; devd is setup-devd, run right after it.
  {
    id: 'apkrepos',
    title: 'APK mirror',
    description: 'Where packages are downloaded from, and the device manager installed afterwards.',
    sections: ['apkrepos'],
    owns: ['apkRepos', 'devd'],
  },
  { id: 'user', title: 'User & SSH keys', description: 'The everyday login user, their SSH keys, and passwords.', sections: ['user'], owns: ['user', 'rootPasswordHash'] },
  { id: 'sshd', title: 'SSH server', description: 'The SSH server that lets you log in remotely, and keys for root.', sections: ['sshd'], owns: ['sshd', 'rootSshKeys'] },
  { id: 'disk', title: 'Disk', description: 'Whether and how Alpine is written to a disk.', sections: ['disk'], owns: ['disk'] },
  // One step holds both lbu and apkcache (setup-alpine runs them back to back), stored under the profile key diskless.
  {
    id: 'lbu',
    title: 'Diskless',
    description: 'Where a box that runs from RAM keeps its configuration and packages.',
    sections: ['lbu', 'apkcache'],
    owns: ['diskless'],
  },
  { id: 'packages', title: 'Packages & services', description: 'Extra packages to install and services to start at boot.', sections: [], owns: ['packages', 'services'] },
  { id: 'review', title: 'Review', description: 'Everything that still needs attention, and a summary of the box.', sections: [], owns: ['name'] },
];

export const stepInfo = (id: StepId): StepInfo => STEPS.find((s) => s.id === id) ?? (STEPS[0] as StepInfo);

/** The step that edits a problem path like "interfaces.0.ipv4.address"; Review for anything else. */
export function stepOfPath(path: string): StepId {
  const head = path.split('.')[0] ?? '';
  return STEPS.find((s) => s.owns.includes(head))?.id ?? 'review';
}

/** The field an answer-file variable fills, for "go to field" from an import diagnostic. */
const VARIABLE_FIELDS: Readonly<Record<string, string>> = {
  KEYMAPOPTS: 'keymap.layout',
  HOSTNAMEOPTS: 'hostname',
  DEVDOPTS: 'devd',
  INTERFACESOPTS: 'interfaces',
  WIFIOPTS: 'wifiConfigFile',
  DNSOPTS: 'dns.servers',
  TIMEZONEOPTS: 'timezone',
  PROXYOPTS: 'proxy',
  APKREPOSOPTS: 'apkRepos.mode',
  USEROPTS: 'user.name',
  USERSSHKEY: 'user.sshKeys',
  SSHDOPTS: 'sshd',
  ROOTSSHKEY: 'rootSshKeys',
  NTPOPTS: 'ntp',
  DISKOPTS: 'disk.mode',
  ERASE_DISKS: 'disk.disks',
  BOOTFS: 'disk.bootFs',
  ROOTFS: 'disk.rootFs',
  VARFS: 'disk.varFs',
  DISKLABEL: 'disk.diskLabel',
  KERNELOPTS: 'disk.kernelOptions',
  USE_EFI: 'disk.efi',
  BOOTLOADER: 'disk.bootloader',
  LBUOPTS: 'diskless.lbuMedia',
  APKCACHEOPTS: 'diskless.apkCacheDir',
  CAIRN_USER_FULLNAME: 'user.fullName',
  CAIRN_PACKAGES: 'packages',
  CAIRN_SERVICES: 'services',
  CAIRN_IP_FORWARDING: 'ipForwarding',
};

export const fieldOfVariable = (variable: string | undefined): string | undefined => (variable === undefined ? undefined : VARIABLE_FIELDS[variable]);
