import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { HostKey } from './fingerprint';
import { hostKeyFromBase64 } from './fingerprint';
import { createKnownHostsStore } from '../store/known-hosts';
import { entryMatches, parseKnownHosts, type KnownHostEntry } from './known-hosts-file';
import type { PresentedKeys } from './presented-keys';

/** Where host keys are trusted from. */
export interface HostTrust {
  /** Cairn's own known_hosts file (OpenSSH format); acceptHostKey writes here. */
  storePath: string;
  /** The user's OpenSSH known_hosts, read only. Default ~/.ssh/known_hosts; null to ignore it. */
  userKnownHostsPath?: string | null;
  /**
   * Where connect() notes every host key a host shows, so knownHosts:accept
   * can trust only a key a box really presented; one instance for all of
   * Cairn (it lives with Cairn's known_hosts store). Left out, nothing is noted.
   */
  presented?: PresentedKeys | undefined;
}

export type HostKeyVerdict =
  | { status: 'trusted'; source: 'cairn' | 'user' }
  | { status: 'unknown' }
  /** Keys are known for this host and the presented one is none of them; `knownIn` says where the expected one is kept. */
  | { status: 'changed'; expected: HostKey; knownIn: KeyHome }
  /** An @revoked line of `file` names this key for this host: refused whatever else lists it, as OpenSSH does. */
  | { status: 'revoked'; file: string };

/** Where a trusted key is kept: Cairn's own file, the user's ~/.ssh/known_hosts, or the target made with a boot medium. */
export type KeyHome = 'cairn' | 'user' | 'medium';

async function readEntries(file: string | null): Promise<KnownHostEntry[]> {
  if (!file) return [];
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const userFile = (trust: HostTrust): string | null => (trust.userKnownHostsPath === undefined ? path.join(homedir(), '.ssh', 'known_hosts') : trust.userKnownHostsPath);

/** The lines for one host, read before connecting: plain key lines (no @cert-authority), and the keys revoked for it with the file that says so. */
export interface KnownKeys {
  cairn: KnownHostEntry[];
  user: KnownHostEntry[];
  revoked: Array<{ base64: string; file: string }>;
}

export async function loadKnownKeys(trust: HostTrust, host: string, port: number): Promise<KnownKeys> {
  const files = { cairn: trust.storePath, user: userFile(trust) };
  const cairn = (await readEntries(files.cairn)).filter((e) => entryMatches(e, host, port));
  const user = (await readEntries(files.user)).filter((e) => entryMatches(e, host, port));
  const revokedBy = (entries: KnownHostEntry[], file: string | null) => entries.filter((e) => e.marker === 'revoked').map((e) => ({ base64: e.base64, file: file ?? '' }));
  return {
    cairn: cairn.filter((e) => e.marker === null),
    user: user.filter((e) => e.marker === null),
    revoked: [...revokedBy(cairn, files.cairn), ...revokedBy(user, files.user)],
  };
}

/** The file that revokes this key for the host, or null when none does. */
export const revokedIn = (known: KnownKeys, key: Pick<HostKey, 'base64'>): string | null => known.revoked.find((r) => r.base64 === key.base64)?.file ?? null;

const family = (type: string) => (type.startsWith('rsa-sha2-') ? 'ssh-rsa' : type);

/** OpenSSH's rule: a revoked key is refused; a listed key is trusted; another key for a listed host has changed; else it is new. */
export function verdictFor(known: KnownKeys, key: HostKey): HostKeyVerdict {
  const revoked = revokedIn(known, key);
  if (revoked !== null) return { status: 'revoked', file: revoked };
  const same = (e: KnownHostEntry) => e.base64 === key.base64;
  if (known.cairn.some(same)) return { status: 'trusted', source: 'cairn' };
  if (known.user.some(same)) return { status: 'trusted', source: 'user' };
  const all = [...known.cairn, ...known.user];
  const expected = all.find((e) => family(e.keyType) === family(key.type)) ?? all[0];
  if (!expected) return { status: 'unknown' };
  return { status: 'changed', expected: hostKeyFromBase64(expected.base64), knownIn: known.cairn.includes(expected) ? 'cairn' : 'user' };
}

export async function checkHostKey(trust: HostTrust, host: string, port: number, key: HostKey): Promise<HostKeyVerdict> {
  return verdictFor(await loadKnownKeys(trust, host, port), key);
}

/**
 * Trusts this key for host:port from now on, in Cairn's own store (atomic,
 * readable by the user only; replaces an older key of the same type).
 */
export function acceptHostKey(trust: HostTrust, host: string, port: number, key: Pick<HostKey, 'type' | 'base64'>): Promise<void> {
  return createKnownHostsStore(trust.storePath).add(host, port, key.type, key.base64);
}
