import { setMaxListeners } from 'node:events';
import net from 'node:net';
import { Client } from 'ssh2';
import { HOST_KEY_ALGORITHMS } from '../ssh/connect';
import { hostKeyFromBlob, type HostKey } from '../ssh/fingerprint';

// Recognises a prepared box by the host key its SSH server shows during key
// exchange, before any login. A stranger's server is refused the moment its
// key is seen: it gets the client's greeting and key-exchange messages and
// then a disconnect, never a user name or a credential. A server showing a
// key Cairn is looking for is let finish the key exchange, because only then
// has it proven (by signing the exchange) that it holds the private key, not
// just a copy of the public one; the connection ends right there, before the
// login service is even asked for.

export interface ScanOptions {
  addresses: readonly string[];
  port: number;
  /** Fingerprints ('SHA256:…') being looked for. */
  wanted: ReadonlySet<string>;
  /** Parallel connection attempts, 1 to 64 (default 32). */
  concurrency?: number;
  /** Per address, TCP connect and SSH key exchange together (default 2.5 s). */
  connectTimeoutMs?: number;
  /** The whole scan (default 60 s). */
  timeLimitMs?: number;
  signal?: AbortSignal;
  /** At the start, at most about five a second while running, and once at the end. */
  onProgress?: (progress: ScanProgress) => void;
  /** Called just before each connection attempt. */
  onProbe?: (address: string) => void;
}

export interface ScanProgress {
  probed: number;
  total: number;
  found: number;
}

/** A server that proved it holds one of the wanted keys. */
export interface FoundHostKey {
  address: string;
  port: number;
  keyType: string;
  /** The key blob in base64, as in known_hosts. */
  key: string;
  fingerprint: string;
}

export type ScanEnd = 'done' | 'cancelled' | 'time-limit';

export interface HostKeyScan {
  /** In the order of `addresses`. */
  found: FoundHostKey[];
  /** SSH servers that showed another key (or could not prove a wanted one). */
  others: number;
  /** Addresses whose attempt finished; an attempt cut short by cancel or the time limit is not counted. */
  probed: number;
  total: number;
  ended: ScanEnd;
}

const DEFAULTS = { concurrency: 32, connectTimeoutMs: 2500, timeLimitMs: 60_000 } as const;
const PROGRESS_INTERVAL_MS = 200;

/** ssh2 insists on a user name; this one is never sent (no login is ever started). */
const NEVER_SENT_USER = 'cairn-discover';

type ProbeOutcome = { kind: 'found'; key: HostKey } | { kind: 'other' } | { kind: 'nothing' } | { kind: 'stopped' };

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/**
 * One connection attempt. It settles only once the socket is closed, so a
 * finished scan leaves no connection open behind it.
 */
function probe(address: string, port: number, wanted: ReadonlySet<string>, timeoutMs: number, stop: AbortSignal): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    // Cairn's own socket, so it can always be destroyed, whatever state ssh2 is in.
    const socket = net.connect({ host: address, port });
    const client = new Client();
    let presented: HostKey | null = null;
    let unreadable = false;
    let proven = false;
    let stopped = false;
    const end = () => socket.destroy();
    const timer = setTimeout(end, timeoutMs);
    const onStop = () => {
      stopped = true;
      end();
    };

    // Refused connections, resets and timeouts all just end the attempt; close decides.
    socket.on('error', () => undefined);
    client.on('error', end);
    client.on('handshake', () => {
      proven = true;
      end();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      if (presented !== null && proven) resolve({ kind: 'found', key: presented });
      else if (unreadable || (presented !== null && !wanted.has(presented.fingerprint))) resolve({ kind: 'other' });
      else if (stopped) resolve({ kind: 'stopped' });
      else resolve({ kind: presented === null ? 'nothing' : 'other' });
    });
    stop.addEventListener('abort', onStop, { once: true });
    if (stop.aborted) onStop();

    try {
      client.connect({
        sock: socket,
        username: NEVER_SENT_USER,
        // No login method at all: even a completed handshake cannot lead to one.
        authHandler: [],
        readyTimeout: timeoutMs,
        algorithms: { serverHostKey: [...HOST_KEY_ALGORITHMS] },
        hostVerifier: (blob: Buffer) => {
          try {
            presented = hostKeyFromBlob(blob);
          } catch {
            unreadable = true;
            return false;
          }
          return wanted.has(presented.fingerprint);
        },
      });
    } catch {
      end();
    }
  });
}

/**
 * Tries the addresses, `concurrency` at a time, until every wanted key was
 * found, all were tried, the signal aborts or the time limit passes; then
 * cuts the attempts in flight and starts no more.
 */
export async function scanForHostKeys(options: ScanOptions): Promise<HostKeyScan> {
  const addresses = [...new Set(options.addresses)];
  // A host name would be looked up in DNS: a scan only ever touches the addresses it was given.
  const notAddress = addresses.find((a) => !net.isIPv4(a));
  if (notAddress !== undefined) throw new TypeError(`A scan takes IPv4 addresses, not "${notAddress}".`);
  const concurrency = clamp(options.concurrency, DEFAULTS.concurrency, 1, 64);
  const connectTimeoutMs = clamp(options.connectTimeoutMs, DEFAULTS.connectTimeoutMs, 1, 600_000);
  const timeLimitMs = clamp(options.timeLimitMs, DEFAULTS.timeLimitMs, 0, 24 * 3600_000);
  const total = addresses.length;

  const stop = new AbortController();
  // Every attempt in flight listens on this one signal: up to 64 at once is expected, not a leak.
  setMaxListeners(64 + 8, stop.signal);
  let ended: ScanEnd | null = null;
  const finish = (why: ScanEnd) => {
    if (ended !== null) return;
    ended = why;
    stop.abort();
  };
  const onCancel = () => finish('cancelled');
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted === true) finish('cancelled');
  const limit = setTimeout(() => finish('time-limit'), timeLimitMs);

  const found: Array<FoundHostKey & { index: number }> = [];
  const foundFingerprints = new Set<string>();
  let others = 0;
  let probed = 0;
  let lastProgress = -Infinity;
  const progress = (always: boolean) => {
    const now = performance.now();
    if (!always && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    options.onProgress?.({ probed, total, found: found.length });
  };

  let next = 0;
  const worker = async () => {
    while (!stop.signal.aborted && next < total) {
      const index = next++;
      const address = addresses[index] as string;
      options.onProbe?.(address);
      const outcome = await probe(address, options.port, options.wanted, connectTimeoutMs, stop.signal);
      if (outcome.kind === 'stopped') continue;
      probed++;
      if (outcome.kind === 'other') others++;
      if (outcome.kind === 'found') {
        const { type, base64, fingerprint } = outcome.key;
        found.push({ index, address, port: options.port, keyType: type, key: base64, fingerprint });
        foundFingerprints.add(fingerprint);
        if ([...options.wanted].every((f) => foundFingerprints.has(f))) finish('done');
      }
      progress(false);
    }
  };

  try {
    progress(true);
    // A throwing callback stops the other workers too, so no attempt outlives the call.
    const workers = await Promise.allSettled(
      Array.from({ length: Math.min(concurrency, total) }, () =>
        worker().catch((error: unknown) => {
          stop.abort();
          throw error;
        }),
      ),
    );
    const failed = workers.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  } finally {
    clearTimeout(limit);
    options.signal?.removeEventListener('abort', onCancel);
  }
  // Every address answered: that is a finished scan, whatever stopped it a moment later.
  const end: ScanEnd = probed === total ? 'done' : (ended ?? 'done');
  progress(true);
  return {
    found: found.sort((a, b) => a.index - b.index).map(({ index: _index, ...key }) => key),
    others,
    probed,
    total,
    ended: end,
  };
}
