// Value checks shared by the section rules. setup-alpine passes most *OPTS
// values to its helpers unquoted, so anything that word-splits or globs
// changes meaning on the box (ALPINE-FACTS); "travels" means it survives that.

import { parseSubnet } from '../discover/subnet';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export const isIpv4 = (s: string): boolean => IPV4.test(s);

/** Whether two IPv4 addresses are in the same /prefix network (read as "Find on network" reads networks). */
export function sameIpv4Subnet(a: string, b: string, prefix: number): boolean {
  const [na, nb] = [parseSubnet(`${a}/${prefix}`), parseSubnet(`${b}/${prefix}`)];
  return na.ok && nb.ok && na.subnet.network === nb.subnet.network;
}

export function isIpv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length < 2) return false;
  const double = s.split('::');
  if (double.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(double[0] ?? '');
  const tail = double.length === 2 ? groups(double[1] ?? '') : [];
  const all = [...head, ...tail];
  const last = all[all.length - 1];
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !isIpv4(last)) return false;
  const hexGroups = v4Tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return double.length === 2 ? count < 8 : count === 8;
}

export const isIp = (s: string): boolean => isIpv4(s) || isIpv6(s);

/** No whitespace, quotes, glob or shell-special characters: safe as one word. */
export const travelsAsWord = (s: string): boolean => /^[A-Za-z0-9@%+=:,./_-]+$/.test(s);

// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
export const hasControlChars = (s: string): boolean => /[\u0000-\u001f\u007f]/.test(s);

export const isDomainName = (s: string): boolean => s.length <= 253 && s.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));

export const isUrl = (s: string, schemes: readonly string[]): boolean => {
  const m = /^([a-z][a-z0-9+.-]*):\/\/[^\s/?#]+/i.exec(s);
  return m !== null && schemes.includes((m[1] ?? '').toLowerCase()) && travelsAsWord(s);
};

export const isBlockDevice = (s: string): boolean => /^\/dev\/[A-Za-z0-9][A-Za-z0-9/_.:-]*$/.test(s);

export const isPosixName = (s: string): boolean => /^[a-z_][a-z0-9_-]{0,31}$/.test(s);

/** crypt(3) formats BusyBox `chpasswd -e` and musl accept: MD5, SHA-256/512, bcrypt, yescrypt. */
export const isCryptHash = (s: string): boolean => /^\$(1|5|6|2[aby]|y|7|gy)\$[./A-Za-z0-9$=,]+$/.test(s) && s.length >= 20;

const SSH_KEY = /^([^\s]+\s+)?(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+[A-Za-z0-9+/]+=*(\s.*)?$/;

/** An authorized_keys line (key type, base64 body, optional comment) or an https URL to keys. */
export const isSshKeyOrUrl = (s: string): boolean => SSH_KEY.test(s.trim()) || isUrl(s.trim(), ['https', 'http']);
