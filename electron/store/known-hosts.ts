import { readFile } from 'node:fs/promises';
import { knownHostNameProblem, type KnownHost } from '../../shared/api/known-hosts';
import { fingerprintOf as fingerprintOfBlob } from '../ssh/fingerprint';
import { formatKnownHostLine, parseKnownHosts } from '../ssh/known-hosts-file';
import { PresentedKeys } from '../ssh/presented-keys';
import { writeFileAtomic } from './atomic-write';
import { serial } from './serial';

// Cairn's own known_hosts file, in OpenSSH's format so `ssh-keygen -F/-R -f`
// and a person's eyes can read it: `host keytype base64` for port 22,
// `[host]:port keytype base64` otherwise. Lines Cairn does not understand
// (hashed names, markers, comments) are kept untouched when rewriting.

export interface KnownHostEntry extends KnownHost {
  /** The key blob, base64, as in the file. */
  key: string;
}

export interface KnownHostsStore {
  readonly path: string;
  /**
   * The key each host:port last showed Cairn (noted by every connection that
   * trusts through this file): "trust" may add only such a key. Kept with the
   * store so every part of Cairn given this store shares the one record.
   */
  readonly presented: PresentedKeys;
  list(): Promise<KnownHostEntry[]>;
  /** The keys on file for this host and port. */
  lookup(host: string, port: number): Promise<KnownHostEntry[]>;
  /** Trusts a key (replacing any key of the same type for this host and port); throws for a host or key that would not make one plain line. */
  add(host: string, port: number, keyType: string, keyBase64: string): Promise<void>;
  /** Forgets the host's keys, or only the one type; returns how many lines went. */
  remove(host: string, port: number, keyType?: string): Promise<number>;
}

/** `SHA256:...` as `ssh-keygen -l` prints it. */
export const fingerprintOf = (keyBase64: string): string => fingerprintOfBlob(Buffer.from(keyBase64, 'base64'));

function parseHostField(field: string): { host: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(field);
  if (bracketed) return { host: bracketed[1] ?? '', port: Number(bracketed[2]) };
  if (field.startsWith('|') || /[*?!]/.test(field)) return null;
  return { host: field, port: 22 };
}

function parseLine(line: string): KnownHostEntry[] {
  return parseKnownHosts(line)
    .filter((e) => e.marker === null)
    .flatMap(({ hosts, keyType, base64 }) =>
      hosts.split(',').flatMap((field) => {
        const parsed = parseHostField(field);
        return parsed === null ? [] : [{ ...parsed, keyType, key: base64, fingerprint: fingerprintOf(base64) }];
      }),
    );
}

/** Every caller checks first; this is the last guard before a line that could name other hosts is written. */
function checkLine(host: string, port: number, keyType: string, keyBase64: string): void {
  const problem = knownHostNameProblem(host);
  if (problem !== null) throw new Error(`Cairn refused to save a host key for ${JSON.stringify(host)}: ${problem}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Cairn refused to save a host key for port ${port}: ports run from 1 to 65535.`);
  if (!/^[a-z0-9@.-]{3,64}$/.test(keyType) || !/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64))
    throw new Error(`Cairn refused to save a host key for ${host}: the key is not one SSH sends.`);
}

export function createKnownHostsStore(path: string): KnownHostsStore {
  const exclusive = serial();
  const lines = async (): Promise<string[]> => {
    try {
      return (await readFile(path, 'utf8')).split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  };
  const save = (next: string[]) => writeFileAtomic(path, next.length === 0 ? '' : `${next.join('\n')}\n`, 0o600);
  const matches = (line: string, host: string, port: number, keyType?: string) =>
    parseLine(line).some((e) => e.host === host && e.port === port && (keyType === undefined || e.keyType === keyType));

  const list = async () => (await lines()).flatMap(parseLine);

  return {
    path,
    presented: new PresentedKeys(),
    list,
    lookup: async (host, port) => (await list()).filter((e) => e.host === host && e.port === port),
    add: (host, port, keyType, keyBase64) =>
      exclusive(async () => {
        checkLine(host, port, keyType, keyBase64);
        const kept = (await lines()).filter((l) => !matches(l, host, port, keyType));
        await save([...kept, formatKnownHostLine(host, port, { type: keyType, base64: keyBase64 })]);
      }),
    remove: (host, port, keyType) =>
      exclusive(async () => {
        const all = await lines();
        const kept = all.filter((l) => !matches(l, host, port, keyType));
        if (kept.length !== all.length) await save(kept);
        return all.length - kept.length;
      }),
  };
}
