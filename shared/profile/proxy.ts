import type { Report } from './problems';
import type { Profile } from './schema';
import { isUrl } from './values';

export function checkProxy(p: Profile, report: Report): void {
  if (p.proxy !== null && !isUrl(p.proxy, ['http', 'https', 'ftp'])) report('proxy', 'The proxy must be a URL without spaces, like http://proxy.lan:3128, or none.');
}
