/**
 * The wizard's steps in setup-alpine's order, the profile fields each one
 * owns (first segment of a problem path) and the answer-file variables it
 * sets, so a problem or an import diagnostic can lead to its step and field.
 */
export const STEP_IDS = ['keyboard', 'hostname', 'network', 'dns', 'timezone', 'proxy', 'ntp', 'apk', 'user', 'sshd', 'disk', 'diskless', 'packages', 'review'] as const;

export type StepId = (typeof STEP_IDS)[number];

export interface StepInfo {
  id: StepId;
  title: string;
  description: string;
  /** First segments of the profile paths this step edits. */
  owns: readonly string[];
}

export const STEPS: readonly StepInfo[] = [
  { id: 'keyboard', title: 'Keyboard', description: 'The keyboard layout used on the console of the box.', owns: ['keymap'] },
  { id: 'hostname', title: 'Hostname', description: 'The name the box calls itself and shows on the network.', owns: ['hostname'] },
  { id: 'network', title: 'Network', description: 'The network cards, how each gets its address, and wifi.', owns: ['interfaces', 'wifiConfigFile', 'ipForwarding'] },
  { id: 'dns', title: 'DNS', description: 'Name servers for boxes with static addresses; DHCP provides them otherwise.', owns: ['dns'] },
  { id: 'timezone', title: 'Time zone', description: 'The clock shows local time for this zone.', owns: ['timezone'] },
  { id: 'proxy', title: 'Proxy', description: 'An HTTP proxy for downloads, if your network requires one.', owns: ['proxy'] },
  { id: 'ntp', title: 'NTP', description: 'The program that keeps the clock right over the network.', owns: ['ntp'] },
  { id: 'apk', title: 'APK mirror', description: 'Where packages are downloaded from, and the device manager installed afterwards.', owns: ['apkRepos', 'devd'] },
  { id: 'user', title: 'User & SSH keys', description: 'The everyday login user, their SSH keys, and passwords.', owns: ['user', 'rootPasswordHash'] },
  { id: 'sshd', title: 'SSH server', description: 'The SSH server that lets you log in remotely, and keys for root.', owns: ['sshd', 'rootSshKeys'] },
  { id: 'disk', title: 'Disk', description: 'Whether and how Alpine is written to a disk.', owns: ['disk'] },
  { id: 'diskless', title: 'Diskless', description: 'Where a box that runs from RAM keeps its configuration and packages.', owns: ['diskless'] },
  { id: 'packages', title: 'Packages & services', description: 'Extra packages to install and services to start at boot.', owns: ['packages', 'services'] },
  { id: 'review', title: 'Review', description: 'Everything that still needs attention, and a summary of the box.', owns: ['name'] },
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
