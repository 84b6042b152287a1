import type { Report } from './problems';
import type { Profile } from './schema';
import { hasControlChars, isBlockDevice } from './values';

export function checkDisk(p: Profile, report: Report): void {
  const d = p.disk;
  if (d.mode === 'none') return;
  if (d.disks.length === 0) report('disk.disks', `Choose the disk to ${d.mode === 'sys' ? 'install Alpine on' : 'use for data'}, like /dev/sda.`);
  const seen = new Set<string>();
  d.disks.forEach((disk, n) => {
    if (!isBlockDevice(disk)) report(`disk.disks.${n}`, `"${disk}" is not a disk device; write its path, like /dev/sda or /dev/nvme0n1.`);
    else if (seen.has(disk)) report(`disk.disks.${n}`, `${disk} is listed twice.`);
    seen.add(disk);
  });
  if (d.raid && d.disks.length < 2) report('disk.raid', 'RAID needs two or more disks; add another disk or turn RAID off.');
  if (!d.raid && d.disks.length > 1) report('disk.raid', 'setup-disk always puts two or more disks in a RAID array; turn RAID on or keep one disk.');
  if (d.swapMb !== null && (d.swapMb < 0 || d.swapMb > 1048576)) report('disk.swapMb', 'Swap size is in MB, from 0 (no swap) upward.');
  if (d.rootMb !== null && d.rootMb < 256) report('disk.rootMb', 'The root size is in MB and must be at least 256, or empty to use the whole disk.');
  if (d.bootMb !== null && (d.bootMb < 32 || d.bootMb > 65536))
    report('disk.bootMb', 'The boot partition size is in MB, from 32 upward (setup-disk uses 300), or empty for the default.');
  if (d.mode === 'data' && d.rootMb !== null) report('disk.rootMb', 'A root size only applies when installing the system to disk.', 'warning');
  if (d.kernelFlavor !== '' && !/^[a-z0-9][a-z0-9-]*$/.test(d.kernelFlavor)) report('disk.kernelFlavor', 'A kernel flavor is a short name like lts, virt or rpi.');
  if (hasControlChars(d.kernelOptions) || /["'\\$`]/.test(d.kernelOptions))
    report('disk.kernelOptions', 'Kernel options cannot contain quotes, backslashes, "$" or backticks; write them like "quiet console=ttyS0".');
  if (d.encrypt && d.passphrase === '')
    // setup-disk asks for the LUKS passphrase on a terminal: Cairn types the one kept here, and cannot install without it.
    report('disk.passphrase', 'Enter the disk passphrase: Cairn types it when setup-disk asks. Pushed installs are refused without it.', 'warning');
  else if (d.encrypt)
    report('disk.encrypt', 'The box will ask for this passphrase at every boot, at its own console (keyboard and screen), before it starts: it cannot boot unattended.', 'warning');
  if (d.encrypt && hasControlChars(d.passphrase)) report('disk.passphrase', 'The passphrase cannot contain control characters (such as a line break): it is typed on a terminal.');
  if (d.bootFs === 'vfat' && d.efi !== 'efi') report('disk.bootFs', 'A vfat boot partition is for EFI boot; choose EFI, or ext4 for the boot partition.', 'warning');
}
