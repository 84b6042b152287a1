import { op } from '../shell';
import type { Parts } from './privilege';
import { sideFile, thenReplace } from './replace-file';

/** BusyBox `chpasswd -e` takes `name:crypt-hash` lines, so only a hash ever travels, and only on stdin. */
export const CHPASSWD: Parts = ['chpasswd', '-e'];

export const chpasswdLine = (user: string, hash: string): string => `${user}:${hash}\n`;

/**
 * awk program that replaces the GECOS field of one account. The user name and
 * the full name arrive through ENVIRON, so no value is ever part of the
 * program text (unlike `-v`, ENVIRON also leaves backslashes alone). It fails
 * when the account is missing, so /etc/passwd is then left untouched.
 */
const SET_GECOS = 'BEGIN { found = 0 } ' + '$1 == ENVIRON["CAIRN_USER"] { $5 = ENVIRON["CAIRN_FULLNAME"]; found = 1 } ' + '{ print } ' + 'END { exit !found }';

/**
 * Sets a user's full name (BusyBox has neither chfn nor usermod). The new
 * file is written beside the old one and renamed over it, so a failure never
 * leaves half a passwd file (nor a stray copy in /etc for lbu to save);
 * chmod keeps it readable whatever root's umask is.
 * `passwd` is a parameter only so tests can run the exact command on a copy.
 */
export function setFullName(user: string, fullName: string, passwd = '/etc/passwd'): Parts {
  return ['env', `CAIRN_USER=${user}`, `CAIRN_FULLNAME=${fullName}`, 'awk', '-F', ':', '-v', 'OFS=:', SET_GECOS, passwd, op('>'), sideFile(passwd), ...thenReplace(passwd, '644')];
}
