import type { Disk } from '../../../../shared/profile/schema';
import { AdvancedSection } from '../../components/advanced-section';
import { CheckField } from '../../components/check-field';
import { NumberField } from '../../components/number-field';
import { SelectField, type Option } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useAppStore } from '../../store/store-context';
import { withDisk } from '../profile-edits';

const FS: ReadonlyArray<Option<Disk['rootFs']>> = ['ext4', 'ext3', 'ext2', 'btrfs', 'xfs'].map((v) => ({ value: v as Disk['rootFs'], label: v }));
const BOOT_FS: ReadonlyArray<Option<Disk['bootFs']>> = [...FS, { value: 'vfat', label: 'vfat (EFI)' }];
const BOOTLOADERS: ReadonlyArray<Option<Disk['bootloader']>> = [
  { value: 'default', label: 'Default for this machine' },
  { value: 'grub', label: 'GRUB' },
  { value: 'syslinux', label: 'Syslinux' },
  { value: 'limine', label: 'Limine' },
  { value: 'u-boot', label: 'U-Boot' },
  { value: 'raspberrypi-bootloader', label: 'Raspberry Pi firmware' },
  { value: 'zipl', label: 'zipl (IBM Z)' },
  { value: 'none', label: 'None' },
];
const EFI: ReadonlyArray<Option<Disk['efi']>> = [
  { value: 'auto', label: 'Detect (EFI if the machine booted with EFI)' },
  { value: 'efi', label: 'Always EFI' },
];
const LABELS: ReadonlyArray<Option<Disk['diskLabel']>> = [
  { value: 'default', label: 'Default' },
  { value: 'gpt', label: 'GPT' },
  { value: 'dos', label: 'DOS (MBR)' },
];

const ADVANCED = [
  'disk.bootFs',
  'disk.rootFs',
  'disk.varFs',
  'disk.bootloader',
  'disk.efi',
  'disk.diskLabel',
  'disk.kernelFlavor',
  'disk.kernelOptions',
  'disk.bootMb',
  'disk.verbose',
];

/** setup-disk's less common settings, folded away by default. */
export function DiskAdvanced() {
  const d = useAppStore((s) => s.wizard.profile.disk);
  const update = useAppStore((s) => s.wizard.update);
  const set = (patch: Partial<Disk>) => update((p) => withDisk(p, patch));
  return (
    <AdvancedSection summary="Advanced disk settings" paths={ADVANCED}>
      <div className="row">
        <SelectField path="disk.bootFs" label="Boot file system" value={d.bootFs} options={BOOT_FS} onChange={(bootFs) => set({ bootFs })} />
        <SelectField path="disk.rootFs" label="Root file system" value={d.rootFs} options={FS} onChange={(rootFs) => set({ rootFs })} />
        <SelectField path="disk.varFs" label="/var file system" value={d.varFs} options={FS} onChange={(varFs) => set({ varFs })} />
      </div>
      <div className="row">
        <SelectField path="disk.bootloader" label="Boot loader" value={d.bootloader} options={BOOTLOADERS} onChange={(bootloader) => set({ bootloader })} />
        <SelectField path="disk.efi" label="EFI" value={d.efi} options={EFI} onChange={(efi) => set({ efi })} />
        <SelectField path="disk.diskLabel" label="Partition table" value={d.diskLabel} options={LABELS} onChange={(diskLabel) => set({ diskLabel })} />
      </div>
      <TextField
        path="disk.kernelFlavor"
        label="Kernel flavor (optional)"
        value={d.kernelFlavor}
        onChange={(kernelFlavor) => set({ kernelFlavor })}
        hint="Like lts, virt or rpi; empty keeps the running one."
      />
      <TextField
        path="disk.kernelOptions"
        label="Kernel options (optional)"
        value={d.kernelOptions}
        wide
        onChange={(kernelOptions) => set({ kernelOptions })}
        hint='Like "quiet console=ttyS0".'
      />
      <NumberField
        path="disk.bootMb"
        label="Boot partition size"
        suffix="MB"
        value={d.bootMb}
        placeholder="300"
        apply={(p, bootMb) => withDisk(p, { bootMb })}
        hint="Empty keeps setup-disk's 300 MB (BOOT_SIZE)."
      />
      <CheckField path="disk.verbose" label="Show every command setup-disk runs (-v)" checked={d.verbose} onChange={(verbose) => set({ verbose })} />
    </AdvancedSection>
  );
}
