import { bootFilesystemSchema, defaultProfile, diskSchema, filesystemSchema, type Disk } from '../profile';
import type { Assignment } from './assignments';
import type { Diagnostics } from './diagnostics';
import { getopts, hasFlag, lastArg, optionWords, reportGetopts } from './option-words';
import { asked } from './sections-parse';

/** setup-disk's environment as the answer file names it. */
export const DISK_ENVIRONMENT = ['ERASE_DISKS', 'BOOTFS', 'ROOTFS', 'VARFS', 'DISKLABEL', 'KERNELOPTS', 'USE_EFI', 'BOOTLOADER', 'BOOT_SIZE', 'SWAP_SIZE', 'ROOT_SIZE'] as const;
export type DiskEnvironmentName = (typeof DISK_ENVIRONMENT)[number];

type Env = Partial<Record<DiskEnvironmentName, Assignment>>;

const noDisk = (): Disk => ({ ...defaultProfile().disk, mode: 'none', disks: [] });

function size(arg: string | null, option: string, what: string, note: (m: string) => void): number | null {
  if (arg === null) return null;
  if (/^\d+$/.test(arg)) return Number(arg);
  note(`${option} ${arg}: the ${what} size is a number of MB; Cairn ignored it.`);
  return null;
}

/** The disk section from DISKOPTS and the exported setup-disk environment. */
export function parseDisk(opts: Assignment | undefined, env: Env, d: Diagnostics): Disk {
  if (opts === undefined) {
    asked(d, 'DISKOPTS', 'setup-disk', 'uses no disk (the box runs from RAM)');
    reportUnused(env, d);
    return noDisk();
  }
  const n = d.at(opts.line, 'DISKOPTS');
  const warn = (m: string) => n('warning', m);
  const words = optionWords(opts.value, 'DISKOPTS', 'setup-disk', n);
  if (words.length === 1 && words[0] === 'none') {
    reportUnused(env, d);
    return noDisk();
  }
  const g = getopts(words, 'b:B:hek:Lm:o:qrR:s:vw:');
  reportGetopts(g, 'DISKOPTS', 'setup-disk', n);
  for (const flag of ['b', 'o', 'w', 'q', 'h']) if (hasFlag(g, flag)) warn(`Cairn cannot keep setup-disk's -${flag} option; it was ignored.`);

  const disk = defaultProfile().disk;
  const mode = lastArg(g, 'm');
  if (mode === 'sys' || mode === 'data') disk.mode = mode;
  else
    warn(
      mode === null
        ? 'DISKOPTS has no -m sys or -m data, so setup-disk would ask how to use the disk. Cairn chose sys (install to disk).'
        : `"-m ${mode}" is not a disk mode Cairn can set up (sys or data); Cairn chose sys.`,
    );
  disk.disks = g.operands;
  if (disk.disks.length === 0) warn('DISKOPTS names no disk, so setup-disk would ask for one. Choose the disk in the wizard.');
  disk.lvm = hasFlag(g, 'L');
  disk.encrypt = hasFlag(g, 'e');
  disk.raid = hasFlag(g, 'r') || disk.disks.length > 1;
  disk.swapMb = size(lastArg(g, 's'), '-s', 'swap', warn);
  disk.rootMb = size(lastArg(g, 'R'), '-R', 'root', warn);
  disk.kernelFlavor = lastArg(g, 'k') ?? '';
  disk.verbose = hasFlag(g, 'v');
  const bootloader = lastArg(g, 'B');
  if (bootloader !== null) setBootloader(disk, bootloader, warn);
  readEnvironment(disk, env, d, opts.line);
  return disk;
}

function setBootloader(disk: Disk, value: string, warn: (m: string) => void): void {
  const parsed = diskSchema.shape.bootloader.safeParse(value);
  if (parsed.success) disk.bootloader = parsed.data;
  else warn(`The boot loader "${value}" is not one Cairn can choose (grub, syslinux, limine, u-boot, raspberrypi-bootloader, zipl or none); Cairn used setup-disk's default.`);
}

function readEnvironment(disk: Disk, env: Env, d: Diagnostics, diskLine: number): void {
  for (const name of DISK_ENVIRONMENT) {
    const a = env[name];
    if (a === undefined) continue;
    const warn = (m: string) => d.add(a.line, 'warning', m, name);
    if (!a.exported) warn(`${name} is set but not exported, so setup-disk would not see it. Cairn kept it and exports it.`);
    const v = a.value;
    switch (name) {
      case 'ERASE_DISKS':
        if (v !== disk.disks.join(' '))
          warn(
            `ERASE_DISKS ("${v}") is not exactly the disks in DISKOPTS ("${disk.disks.join(' ')}"), so setup-disk would stop and ask before erasing. Cairn writes the matching list.`,
          );
        break;
      case 'BOOTFS': {
        const fs = bootFilesystemSchema.safeParse(v);
        if (fs.success) disk.bootFs = fs.data;
        else warn(`"${v}" is not a boot filesystem setup-disk supports (ext2, ext3, ext4, btrfs, xfs or vfat); Cairn used ext4.`);
        break;
      }
      case 'ROOTFS':
      case 'VARFS': {
        const fs = filesystemSchema.safeParse(v);
        if (fs.success) disk[name === 'ROOTFS' ? 'rootFs' : 'varFs'] = fs.data;
        else warn(`"${v}" is not a filesystem setup-disk supports for ${name} (ext2, ext3, ext4, btrfs or xfs); Cairn used ext4.`);
        break;
      }
      case 'DISKLABEL':
        if (v === 'dos' || v === 'gpt') disk.diskLabel = v;
        else warn(`DISKLABEL "${v}" is neither dos nor gpt; Cairn used setup-disk's default.`);
        break;
      case 'KERNELOPTS':
        disk.kernelOptions = v;
        break;
      case 'BOOT_SIZE':
        if (/^\d+$/.test(v)) disk.bootMb = Number(v);
        else warn(`BOOT_SIZE "${v}" is not a number of MB; Cairn used setup-disk's default (300).`);
        break;
      // setup-disk's -s and -R set these variables, so an option given there wins.
      case 'SWAP_SIZE':
        if (disk.swapMb === null) disk.swapMb = size(v, 'SWAP_SIZE', 'swap', warn);
        break;
      case 'ROOT_SIZE':
        if (disk.rootMb === null) disk.rootMb = size(v, 'ROOT_SIZE', 'root', warn);
        break;
      case 'USE_EFI':
        // setup-disk tests only that USE_EFI is non-empty.
        if (v !== '') disk.efi = 'efi';
        if (v !== '' && v !== '1') warn(`USE_EFI="${v}" turns EFI on (setup-disk only checks that it is set); Cairn writes USE_EFI=1.`);
        break;
      case 'BOOTLOADER':
        setBootloader(disk, v, warn);
        break;
    }
  }
  if (env.ERASE_DISKS === undefined && disk.disks.length > 0)
    d.add(diskLine, 'warning', 'ERASE_DISKS is not set, so setup-disk would stop and ask "Erase the above disk(s) and continue?". Cairn writes it.', 'ERASE_DISKS');
}

function reportUnused(env: Env, d: Diagnostics): void {
  for (const name of DISK_ENVIRONMENT) {
    const a = env[name];
    if (a !== undefined) d.add(a.line, 'warning', `${name} has no effect because no disk is set up (DISKOPTS is none); Cairn ignored it.`, name);
  }
}
