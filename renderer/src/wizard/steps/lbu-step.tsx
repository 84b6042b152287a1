import { TextField } from '../../components/text-field';
import { useAppStore } from '../../store/store-context';
import { orNull, withDiskless } from '../profile-edits';
import { StepFrame } from '../step-frame';

/** setup-lbu and setup-apkcache, which setup-alpine runs back to back: both are stored under the profile's `diskless` key. */
export function LbuStep() {
  const diskless = useAppStore((s) => s.wizard.profile.diskless);
  const installed = useAppStore((s) => s.wizard.profile.disk.mode === 'sys');
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="lbu" general={['diskless']}>
      {installed ? (
        <p className="step-note">
          Alpine is installed to disk (see the Disk step), so it keeps its settings on that disk; these only matter for a box that runs from RAM or uses a data disk.
        </p>
      ) : (
        <p className="step-note">
          A box running from RAM forgets every change at reboot unless it is saved with <code>lbu commit</code> to a medium, such as the USB stick or SD card it boots from.
        </p>
      )}
      <TextField
        path="diskless.lbuMedia"
        label="Where lbu saves the configuration"
        value={diskless.lbuMedia ?? ''}
        onChange={(v) => update((p) => withDiskless(p, { lbuMedia: orNull(v) }))}
        placeholder="usb"
        hint="A medium name like usb or mmcblk0p1, a path like /media/usb, or LABEL=… / UUID=…. Empty for none."
      />
      <TextField
        path="diskless.apkCacheDir"
        label="Package cache directory"
        value={diskless.apkCacheDir ?? ''}
        onChange={(v) => update((p) => withDiskless(p, { apkCacheDir: orNull(v) }))}
        placeholder="/media/usb/cache"
        hint="Downloaded packages are kept here so they need not be fetched again at every boot. Empty for none."
      />
    </StepFrame>
  );
}
