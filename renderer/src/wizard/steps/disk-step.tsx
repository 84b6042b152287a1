import type { Disk } from '../../../../shared/profile/schema';
import { CheckField } from '../../components/check-field';
import { Field } from '../../components/field';
import { ChoiceGroup, type Choice } from '../../components/choice-group';
import { NumberField } from '../../components/number-field';
import { useAppStore } from '../../store/store-context';
import { DiskAdvanced } from '../parts/disk-advanced';
import { DiskPicker } from '../parts/disk-picker';
import { DiskSource } from '../parts/disk-source';
import { EraseWarning } from '../parts/erase-warning';
import { withDisk } from '../profile-edits';
import { StepFrame } from '../step-frame';

// setup-disk has three modes; "none" is running from RAM (diskless), so three cards say it all.
const MODES: ReadonlyArray<Choice<Disk['mode']>> = [
  {
    value: 'sys',
    label: 'Install to disk',
    description: 'Alpine is installed on the disk and boots from it like any computer. The disk is erased.',
  },
  {
    value: 'data',
    label: 'Data disk',
    description: 'Alpine runs from RAM; the disk holds /var (data, logs, the package cache). The disk is erased.',
  },
  {
    value: 'none',
    label: 'Run from RAM (diskless)',
    description: 'Nothing is written to any disk. Settings are saved with lbu to a medium you choose in the next step.',
  },
];

export function DiskStep() {
  const d = useAppStore((s) => s.wizard.profile.disk);
  const update = useAppStore((s) => s.wizard.update);
  const set = (patch: Partial<Disk>) => update((p) => withDisk(p, patch));
  return (
    <StepFrame step="disk" general={['disk']}>
      <ChoiceGroup path="disk.mode" legend="How Alpine uses the disk" value={d.mode} choices={MODES} cards onChange={(mode) => set({ mode })} />
      {d.mode !== 'none' && (
        <>
          <EraseWarning disks={d.disks} />
          <DiskSource />
          <DiskPicker />
          <CheckField
            path="disk.raid"
            label="RAID (mirror the disks)"
            checked={d.raid}
            onChange={(raid) => set({ raid })}
            hint="setup-disk always builds RAID from two or more disks: RAID 1 for two, RAID 5 for more."
          />
          <CheckField path="disk.lvm" label="Use LVM" checked={d.lvm} onChange={(lvm) => set({ lvm })} hint="Logical volumes can be resized later." />
          <CheckField
            path="disk.encrypt"
            label="Encrypt the disk (LUKS)"
            checked={d.encrypt}
            onChange={(encrypt) => set({ encrypt })}
            hint="setup-disk encrypts the disk with LUKS; Cairn types the passphrase below when it asks during a pushed install."
          />
          {d.encrypt && (
            <Field
              path="disk.passphrase"
              label="Disk passphrase"
              hint="Cairn types it when setup-disk asks during a pushed install. It is kept with Cairn's other secrets, never in the profile file or the answer file. Keep a copy: without it the disk cannot be opened."
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="password"
                  value={d.passphrase}
                  autoComplete="new-password"
                  spellCheck={false}
                  onChange={(e) => set({ passphrase: e.target.value })}
                />
              )}
            </Field>
          )}
          <div className="row">
            <NumberField
              path="disk.swapMb"
              label="Swap size"
              suffix="MB"
              value={d.swapMb}
              placeholder="automatic"
              apply={(p, swapMb) => withDisk(p, { swapMb })}
              hint="Empty lets setup-disk decide; 0 means no swap."
            />
            {(d.mode === 'sys' || d.rootMb !== null) && (
              <NumberField
                path="disk.rootMb"
                label="Root size"
                suffix="MB"
                value={d.rootMb}
                placeholder="whole disk"
                apply={(p, rootMb) => withDisk(p, { rootMb })}
                hint="Empty uses the rest of the disk."
              />
            )}
          </div>
          <DiskAdvanced />
        </>
      )}
    </StepFrame>
  );
}
