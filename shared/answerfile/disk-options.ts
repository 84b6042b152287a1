import type { Profile } from '../profile';

/**
 * setup-disk's arguments for a profile (what DISKOPTS holds, and what the plan
 * passes when it runs the held-back disk step). Each element is one word;
 * validation guarantees none of them word-splits.
 */
export function diskOptions(p: Profile): string[] {
  const d = p.disk;
  if (d.mode === 'none') return ['none'];
  const args = ['-m', d.mode];
  if (d.lvm) args.push('-L');
  if (d.encrypt) args.push('-e');
  if (d.raid && d.disks.length === 1) args.push('-r');
  if (d.swapMb !== null) args.push('-s', String(d.swapMb));
  if (d.rootMb !== null) args.push('-R', String(d.rootMb));
  if (d.kernelFlavor !== '') args.push('-k', d.kernelFlavor);
  if (d.verbose) args.push('-v');
  return [...args, ...d.disks];
}

/**
 * The environment setup-disk reads (it sees it only when exported). ERASE_DISKS
 * is exactly the disks it erases, so it never stops to ask for confirmation.
 */
export function diskEnvironment(p: Profile): Array<[name: string, value: string]> {
  const d = p.disk;
  if (d.mode === 'none') return [];
  const env: Array<[string, string]> = [
    ['ERASE_DISKS', d.disks.join(' ')],
    ['BOOTFS', d.bootFs],
    ['ROOTFS', d.rootFs],
    ['VARFS', d.varFs],
  ];
  if (d.diskLabel !== 'default') env.push(['DISKLABEL', d.diskLabel]);
  if (d.kernelOptions !== '') env.push(['KERNELOPTS', d.kernelOptions]);
  if (d.efi === 'efi') env.push(['USE_EFI', '1']);
  if (d.bootloader !== 'default') env.push(['BOOTLOADER', d.bootloader]);
  if (d.bootMb !== null) env.push(['BOOT_SIZE', String(d.bootMb)]);
  return env;
}
