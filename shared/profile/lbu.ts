import type { Report } from './problems';
import type { Profile } from './schema';

const MEDIA = /^(LABEL=|UUID=)?[A-Za-z0-9/_.-]+$/;

/** setup-lbu (LBUOPTS), kept in the profile as `diskless.lbuMedia`. */
export function checkLbu(p: Profile, report: Report): void {
  const { lbuMedia, apkCacheDir } = p.diskless;
  if (p.disk.mode === 'sys') {
    // setup-alpine skips setup-lbu and setup-apkcache after a sys install: one warning covers both.
    if (lbuMedia !== null || apkCacheDir !== null)
      report('diskless', 'LBU media and the apk cache are only used when running from RAM or with a data disk; they are ignored for a disk install.', 'warning');
    return;
  }
  const what = p.disk.mode === 'data' ? 'With a data disk' : 'Running from RAM (diskless)';
  // A box without an LBU medium is a legitimate live system: setup-alpine completes it.
  if (lbuMedia === null)
    report(
      'diskless.lbuMedia',
      `${what} without an LBU medium, changes are lost at every reboot (a live system). To keep them, choose a medium for "lbu commit", like usb or LABEL=APKOVL.`,
      'warning',
    );
  else if (lbuMedia === 'none' || lbuMedia.startsWith('-'))
    report('diskless.lbuMedia', 'The LBU medium cannot be "none" or start with "-"; name the medium, like usb or LABEL=APKOVL.');
  else if (!MEDIA.test(lbuMedia)) report('diskless.lbuMedia', 'The LBU medium is a name like usb, a path like /media/usb, or LABEL=… / UUID=…, without spaces.');
  // "." or "/" names no medium: setup-lbu would take it as a mount point and save wherever that leads.
  else if (/^[./]+$/.test(lbuMedia)) report('diskless.lbuMedia', `“${lbuMedia}” names no medium; write its name, like usb, or its mount point, like /media/usb.`);
}
