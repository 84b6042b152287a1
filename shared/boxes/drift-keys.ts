import { op } from '../shell';
import type { Parts } from './sections';

/** What names a key in an authorized_keys line: its type and blob, whatever options or comment surround it. */
export function keyId(line: string): string | null {
  const m = /(?:^|\s)((?:ssh|ecdsa|sk-ssh|sk-ecdsa)-[A-Za-z0-9@.-]+)\s+([A-Za-z0-9+/]+=*)/.exec(line);
  return m === null ? null : `${m[1]} ${m[2]}`;
}

/** A key short enough to read in a table: type, the ends of its blob, its comment. */
export function shortKey(line: string): string {
  const m = /((?:ssh|ecdsa|sk-ssh|sk-ecdsa)-[A-Za-z0-9@.-]+)\s+([A-Za-z0-9+/]+=*)\s*(.*)$/.exec(line.trim());
  if (m === null) return line.trim();
  const blob = m[2] ?? '';
  return [m[1], blob.length > 24 ? `${blob.slice(0, 12)}…${blob.slice(-8)}` : blob, m[3]].filter((w) => w !== '').join(' ');
}

/** A key entry that is a URL (setup-user and setup-sshd fetch those): what it gives cannot be known from here. */
export const isKeyUrl = (entry: string): boolean => /^(https?|ftp):\/\//.test(entry.trim());

/** The profile's keys the file lacks, compared by key, not by comment. */
export function missingKeys(wanted: readonly string[], present: readonly string[]): string[] {
  const have = new Set(present.map(keyId).filter((k) => k !== null));
  return wanted
    .filter((k) => !isKeyUrl(k))
    .filter((k) => {
      const id = keyId(k);
      return id === null || !have.has(id);
    });
}

/** Appends keys to a user's authorized_keys as setup-user leaves it: .ssh 0700, the file 0600, both the user's. */
export function appendKeys(home: string, owner: string, keys: readonly string[]): Parts {
  const dir = `${home.replace(/\/+$/, '')}/.ssh`;
  const file = `${dir}/authorized_keys`;
  return [
    'mkdir',
    '-p',
    dir,
    op('&&'),
    'chmod',
    '700',
    dir,
    op('&&'),
    'printf',
    '%s\\n',
    ...keys.map((k) => k.trim()),
    op('>>'),
    file,
    op('&&'),
    'chmod',
    '600',
    file,
    op('&&'),
    'chown',
    '-R',
    `${owner}:${owner}`,
    dir,
  ];
}
