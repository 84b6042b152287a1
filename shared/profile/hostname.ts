import type { Report } from './problems';
import type { Profile } from './schema';

export function checkHostname(p: Profile, report: Report): void {
  const h = p.hostname;
  if (h === '') report('hostname', 'Enter a hostname, like "alpine" or "nas.home.lan".');
  else if (!/^[A-Za-z0-9.-]+$/.test(h)) report('hostname', 'A hostname may only contain letters, digits, "." and "-" (no spaces or underscores).');
  else if (/^[.-]/.test(h)) report('hostname', 'A hostname cannot start with "." or "-".');
  else if (h.length > 253 || h.split('.').some((label) => label.length > 63 || label === ''))
    report('hostname', 'Each part of a hostname between dots must be 1 to 63 characters long.');
}
