import type { Report } from './problems';
import type { Profile } from './schema';

/** setup-apkcache (APKCACHEOPTS), kept in the profile as `diskless.apkCacheDir`. */
export function checkApkcache(p: Profile, report: Report): void {
  // After a sys install setup-alpine skips setup-apkcache; checkLbu warns for both.
  if (p.disk.mode === 'sys') return;
  const { apkCacheDir } = p.diskless;
  if (apkCacheDir !== null && !/^\/[A-Za-z0-9/_.=-]*$/.test(apkCacheDir))
    report('diskless.apkCacheDir', 'The apk cache is a directory path without spaces, like /media/usb/cache.');
  if (apkCacheDir === null && p.packages.length > 0) report('diskless.apkCacheDir', 'Without an apk cache, extra packages are downloaded again at every boot.', 'warning');
}
