import type { Report } from './problems';
import type { Profile } from './schema';
import { isUrl, travelsAsWord } from './values';

/** setup-apkrepos (APKREPOSOPTS), kept in the profile as `apkRepos`. */
export function checkApkrepos(p: Profile, report: Report): void {
  const { mode, urls } = p.apkRepos;
  if (mode === 'urls' && urls.length === 0)
    report('apkRepos.urls', 'Add at least one repository URL, like https://dl-cdn.alpinelinux.org/alpine/v3.22/main, or pick a mirror option.');
  if (mode !== 'urls' && urls.length > 0) report('apkRepos.urls', 'These URLs are only used with "explicit URLs"; choose that option or remove them.');
  urls.forEach((u, n) => {
    const local = u.startsWith('/') && travelsAsWord(u);
    if (!local && !isUrl(u, ['http', 'https', 'ftp']))
      report(`apkRepos.urls.${n}`, `"${u}" is not a repository URL; write one like https://dl-cdn.alpinelinux.org/alpine/v3.22/main (no spaces).`);
  });
}
