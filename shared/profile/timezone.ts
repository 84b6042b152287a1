import { isKnownTimezone } from '../reference';
import type { Report } from './problems';
import type { Profile } from './schema';

export function checkTimezone(p: Profile, report: Report): void {
  if (p.timezone === null) return;
  // An unknown zone prints an error yet setup-alpine exits 0 (ALPINE-FACTS).
  if (!isKnownTimezone(p.timezone)) report('timezone', `"${p.timezone}" is not a time zone Alpine knows; pick one from the list, like Europe/Berlin or UTC.`);
}
