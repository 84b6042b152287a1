import type { HostKey } from './fingerprint';

/** How many host:port slots are remembered: more than a fleet's first contacts at once, never a growing list. */
export const PRESENTED_KEYS_KEPT = 64;

export type PresentedKey = Pick<HostKey, 'type' | 'base64'>;

const slot = (host: string, port: number) => `${port} ${host}`;

/**
 * The host key each host:port last showed this Cairn, whichever part of it
 * connected ("Test connection", a box action, a run, a jump host on the way).
 * knownHosts:accept trusts only that key: the window may ask to trust what a
 * box presented, never a key it made up, nor one a host has since replaced.
 * Kept in memory only: after a restart, a connection attempt shows the key again.
 */
export class PresentedKeys {
  private readonly last = new Map<string, PresentedKey>();

  constructor(private readonly kept = PRESENTED_KEYS_KEPT) {}

  record(host: string, port: number, key: PresentedKey): void {
    const at = slot(host, port);
    // Re-inserted, so the oldest slot is always first in the Map's order.
    this.last.delete(at);
    this.last.set(at, { type: key.type, base64: key.base64 });
    for (const oldest of this.last.keys()) {
      if (this.last.size <= this.kept) break;
      this.last.delete(oldest);
    }
  }

  /** The key host:port showed last, or null when none did (or it was long ago). */
  lastSeen(host: string, port: number): PresentedKey | null {
    return this.last.get(slot(host, port)) ?? null;
  }
}
