import { serviceOrigins } from '../reference';
import type { Report } from './problems';
import type { Profile } from './schema';

/** Packages every Alpine box has, whose services need no extra package. */
const BASE = ['openrc', 'busybox', 'alpine-baselayout', 'alpine-conf', 'kbd', 'mdev-conf'];

/** Packages the profile's own choices install through setup-alpine and setup-disk. */
export function impliedPackages(p: Profile): string[] {
  const out = [...BASE];
  if (p.sshd !== 'none') out.push(p.sshd);
  if (p.ntp !== 'none') out.push(p.ntp);
  if (p.devd === 'udev') out.push('eudev');
  if (p.devd === 'mdevd') out.push('mdevd');
  if (p.disk.mode !== 'none') {
    if (p.disk.lvm) out.push('lvm2');
    if (p.disk.encrypt) out.push('cryptsetup');
    if (p.disk.raid) out.push('mdadm');
  }
  return out;
}

export function checkServices(p: Profile, report: Report): void {
  const have = new Set([...impliedPackages(p), ...p.packages]);
  const provided = (origin: string) => have.has(origin) || [...have].some((pkg) => pkg.startsWith(`${origin}-`));
  const seen = new Set<string>();
  p.services.forEach((s, n) => {
    const at = `services.${n}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/.test(s.name)) {
      report(`${at}.name`, `"${s.name}" is not a service name; use the name of a file in /etc/init.d, like nginx.`);
      return;
    }
    const key = `${s.name}@${s.runlevel}`;
    if (seen.has(key)) report(`${at}.name`, `${s.name} is already in the ${s.runlevel} runlevel.`, 'warning');
    seen.add(key);
    const origins = serviceOrigins(s.name);
    if (origins.length === 0) {
      report(`${at}.name`, `${s.name} is not in Alpine's service catalogue; make sure a package you add installs /etc/init.d/${s.name}.`, 'warning');
    } else if (!origins.some(provided)) {
      report(`${at}.name`, `The service ${s.name} comes from the package ${origins.join(' or ')}; add it to the packages.`);
    }
  });
}
