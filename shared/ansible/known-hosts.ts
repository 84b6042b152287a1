import { knownHostNameProblem } from '../api/known-hosts';

/** A host key Cairn trusts: from its known_hosts, or the key a boot medium gave the box. */
export interface TrustedKey {
  host: string;
  port: number;
  keyType: string;
  /** The key blob, base64. */
  key: string;
}

/** The name OpenSSH looks a key up by: "host" on port 22, "[host]:port" elsewhere. */
export const knownHostsName = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);

/** A key that makes one plain known_hosts line naming only its own host (the store's rule, checked again). */
export const isWritableKey = (k: TrustedKey): boolean =>
  knownHostNameProblem(k.host) === null &&
  Number.isInteger(k.port) &&
  k.port >= 1 &&
  k.port <= 65535 &&
  /^[a-z0-9@.-]{3,64}$/.test(k.keyType) &&
  /^[A-Za-z0-9+/]+={0,2}$/.test(k.key);

/** The known_hosts file the inventory points ssh at: the keys of the boxes (and their jump hosts), each once. */
export function knownHostsFile(keys: readonly TrustedKey[], header: readonly string[]): string {
  const lines = [...new Set(keys.filter(isWritableKey).map((k) => `${knownHostsName(k.host, k.port)} ${k.keyType} ${k.key}`))];
  return `${[...header, ...lines].join('\n')}\n`;
}
