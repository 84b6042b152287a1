import { NodeSSH } from 'node-ssh';
import type { Duplex } from 'node:stream';
import type { Client, ServerHostKeyAlgorithm } from 'ssh2';
import { err, ok } from '../../shared/api/result';
import { authMethods, authName, type SshAuth } from './auth';
import { hostLabel, seconds, type SshError, type SshResult } from './errors';
import { hostKeyFromBase64, hostKeyFromBlob, type HostKey } from './fingerprint';
import { loadKnownKeys, verdictFor, type HostKeyVerdict, type HostTrust } from './known-hosts';

export interface ConnectOptions {
  host: string;
  port?: number;
  username: string;
  /** Tried in order until the server accepts one. */
  auth: SshAuth | readonly SshAuth[];
  trust: HostTrust;
  /**
   * The key this box was given on a boot medium (the target's `hostKey`):
   * where no known_hosts line names this address yet, it is the one key
   * trusted, and any other is refused as changed, not offered as new.
   */
  pinnedKey?: Pick<HostKey, 'type' | 'base64'> | undefined;
  /** Time allowed to reach the server and finish the handshake and login (default 20 s). */
  readyTimeoutMs?: number;
  /** SSH keepalive interval (default 15 s): a silent dead link is noticed. */
  keepaliveIntervalMs?: number;
  signal?: AbortSignal;
  /**
   * Jump hosts, in order (OpenSSH's ProxyJump a,b): the connection goes to the
   * first, through it to the next, and through the last to this host. Each
   * hop's host key is checked against the same trust as the box's own.
   */
  via?: readonly Hop[];
}

/** One jump host on the way to a box. */
export interface Hop {
  host: string;
  port?: number;
  username: string;
  auth: SshAuth | readonly SshAuth[];
}

/** An open, authenticated SSH connection whose host key was trusted. */
export interface SshConnection {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly hostKey: HostKey;
  /** The ssh2 client, for exec() and upload() in this folder. */
  readonly client: Client;
  readonly closed: boolean;
  /** Called once when the connection ends; with an error unless close() ended it. */
  onClose(listener: (error: SshError | null) => void): () => void;
  /** Ends the connection; a server that does not see it out within a few seconds is dropped (see abandon). */
  close(): Promise<void>;
  /** Drops the connection at once, without waiting for the server: for a box that stopped answering. */
  abandon(): void;
}

/** How long close() waits for the server to end the connection before dropping it. */
const CLOSE_WAIT_MS = 3000;

/**
 * Destroys the client's socket whatever state it is in. ssh2's destroy()
 * skips a socket that end() already half-closed, which is just the one a
 * silent server leaves behind; its socket is reached the one way ssh2 keeps it.
 */
function dropSocket(client: Client): void {
  const sock = (client as unknown as { _sock?: { destroy(): void } })._sock;
  if (sock !== undefined) sock.destroy();
  else client.destroy();
}

/** ed25519 first: the key type Cairn makes for boxes, and the one a server with several keys then shows. */
export const HOST_KEY_ALGORITHMS: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Asks first for a key type already trusted for this host, as OpenSSH does, so a server with several keys is not mistaken for a changed one. */
function preferKnown(types: string[]): ServerHostKeyAlgorithm[] {
  const wanted = (alg: ServerHostKeyAlgorithm) => types.includes(alg) || (alg.startsWith('rsa-sha2-') && types.includes('ssh-rsa'));
  return [...HOST_KEY_ALGORITHMS.filter(wanted), ...HOST_KEY_ALGORITHMS.filter((a) => !wanted(a))];
}

function hostKeyError(host: string, port: number, key: HostKey, verdict: HostKeyVerdict): SshError | null {
  const where = hostLabel(host, port);
  if (verdict.status === 'unknown') {
    return {
      code: 'host-key-unknown',
      host,
      port,
      key,
      fingerprint: key.fingerprint,
      keyType: key.type,
      message: `${where} is not known yet: its ${key.type} host key has the fingerprint ${key.fingerprint}. Compare it with the one the box shows, then trust it to connect.`,
    };
  }
  if (verdict.status === 'changed') {
    return {
      code: 'host-key-changed',
      host,
      port,
      key,
      expected: verdict.expected.fingerprint,
      knownIn: verdict.knownIn,
      actual: key.fingerprint,
      message: `The host key of ${where} has changed: Cairn knows ${verdict.expected.fingerprint} but the server now shows ${key.fingerprint}. Nothing was sent. If the box was reinstalled, check the new fingerprint on it and trust it again; otherwise someone may be intercepting the connection.`,
    };
  }
  if (verdict.status === 'revoked') {
    // Not a trust question for the window: nothing Cairn can accept makes this key good again.
    return {
      code: 'unreachable',
      message: `Cairn will not connect to ${where}: the ${key.type} host key it shows (${key.fingerprint}) is marked @revoked in ${verdict.file}. Check the box and give it a new host key; if the key was revoked by mistake, remove that @revoked line from the file.`,
    };
  }
  return null;
}

/** A box prepared on a medium is known by its key wherever it turns up. */
export function withPin(verdict: HostKeyVerdict, presented: HostKey, pinned: Pick<HostKey, 'type' | 'base64'> | undefined): HostKeyVerdict {
  if (pinned === undefined || verdict.status !== 'unknown') return verdict;
  return presented.base64 === pinned.base64 ? { status: 'trusted', source: 'cairn' } : { status: 'changed', expected: hostKeyFromBase64(pinned.base64), knownIn: 'medium' };
}

function networkError(error: Error & { code?: string; level?: string }, where: string, options: ConnectOptions): SshError {
  const timeout = options.readyTimeoutMs ?? 20_000;
  switch (error.code) {
    case 'ECONNREFUSED':
      return { code: 'unreachable', message: `${where} refused the connection: check that an SSH server runs there and the port is right.` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'unreachable', message: `The address ${options.host} could not be found: check the host name.` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return { code: 'unreachable', message: `${where} cannot be reached from this computer: check the address and the network.` };
  }
  if (error.level === 'client-timeout') {
    return { code: 'unreachable', message: `${where} did not complete the SSH handshake within ${seconds(timeout)}: check that it is an SSH server and is not overloaded.` };
  }
  return { code: 'unreachable', message: `The connection to ${where} failed (${error.message}): check the address and try again.` };
}

/**
 * Opens a connection, trusting the host key only if Cairn's store or the
 * user's known_hosts lists it; an unknown or changed key ends the attempt
 * before any login is tried. With jump hosts, each hop is such a connection
 * and the next one rides on a tunnel through it; closing the connection
 * closes its hops.
 */
export async function connect(options: ConnectOptions): Promise<SshResult<SshConnection>> {
  const hops = options.via ?? [];
  if (hops.length === 0) return connectOne(options, undefined);
  const { via: _via, ...last } = options;
  const chain: Array<Omit<ConnectOptions, 'via'>> = [
    ...hops.map((h) => ({ ...h, trust: options.trust, readyTimeoutMs: options.readyTimeoutMs, keepaliveIntervalMs: options.keepaliveIntervalMs, signal: options.signal })),
    last,
  ];
  const opened: SshConnection[] = [];
  const closeAll = () => Promise.all(opened.reverse().map((c) => c.close())).then(() => undefined);
  for (const step of chain) {
    const through = opened.at(-1);
    let sock: Duplex | undefined;
    if (through !== undefined) {
      const tunnel = await tunnelTo(through, step.host, step.port ?? 22);
      if (!tunnel.ok) {
        await closeAll();
        return tunnel;
      }
      sock = tunnel.value;
    }
    const next = await connectOne(step, sock);
    if (!next.ok) {
      await closeAll();
      return next;
    }
    opened.push(next.value);
  }
  const box = opened.at(-1) as SshConnection;
  const jumps = opened.slice(0, -1);
  // The box's connection ends its hops, whichever way it ends.
  box.onClose(() => void Promise.all(jumps.reverse().map((c) => c.close())));
  return ok(box);
}

/** A TCP stream to host:port opened by the jump host `through` (its sshd's direct-tcpip forwarding). */
function tunnelTo(through: SshConnection, host: string, port: number): Promise<SshResult<Duplex>> {
  return new Promise((resolve) => {
    through.client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
      if (error) {
        resolve(
          err({
            code: 'unreachable',
            message: `The jump host ${hostLabel(through.host, through.port)} could not open a tunnel to ${hostLabel(host, port)} (${error.message}): check that it allows TCP forwarding and can reach that address.`,
          }),
        );
      } else resolve(ok(stream));
    });
  });
}

/** One SSH connection, straight to the host or over `sock` (a tunnel through a jump host). */
async function connectOne(options: Omit<ConnectOptions, 'via'>, sock: Duplex | undefined): Promise<SshResult<SshConnection>> {
  const port = options.port ?? 22;
  const where = hostLabel(options.host, port);
  const auths = Array.isArray(options.auth) ? (options.auth as readonly SshAuth[]) : [options.auth as SshAuth];
  const methods = await authMethods(options.username, auths);
  if (!methods.ok) return methods;
  const known = await loadKnownKeys(options.trust, options.host, port);
  if (options.signal?.aborted) return err({ code: 'cancelled', message: `Connecting to ${where} was cancelled.` });

  // node-ssh opens the connection; Cairn's checks ride on ssh2's own options
  // (hostVerifier, authHandler), which node-ssh passes through.
  const ssh = new NodeSSH();
  let presented: HostKey | null = null;
  let refusal: SshError | null = null;

  const opening = ssh.connect({
    host: options.host,
    port,
    username: options.username,
    authHandler: methods.value,
    ...(sock === undefined ? {} : { sock }),
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
    keepaliveCountMax: 4,
    algorithms: { serverHostKey: preferKnown([...known.cairn, ...known.user].map((e) => e.keyType)) },
    hostVerifier: (blob: Buffer) => {
      try {
        presented = hostKeyFromBlob(blob);
      } catch (error) {
        refusal = { code: 'unreachable', message: `${where} sent a host key Cairn cannot read (${(error as Error).message}).` };
        return false;
      }
      // Every key shown is noted, so knownHosts:accept trusts only the one this host:port showed last.
      options.trust.presented?.record(options.host, port, presented);
      refusal = hostKeyError(options.host, port, presented, withPin(verdictFor(known, presented), presented, options.pinnedKey));
      return refusal === null;
    },
  });

  const outcome = opening.then(
    (opened): SshResult<SshConnection> => {
      const client = opened.connection;
      if (client === null) return err(refusal ?? closedEarly(where));
      return ok(openConnection(client, options, port, presented as HostKey));
    },
    (error: Error & { code?: string; level?: string }): SshResult<SshConnection> => {
      if (refusal) return err(refusal);
      if (error.level === 'client-authentication') {
        const tried = auths.map(authName);
        return err({
          code: 'auth-failed',
          methods: auths.map((a) => a.kind),
          message: `${where} did not let ${options.username} log in with ${tried.join(', ')}: check the user name and the ${tried.length > 1 ? 'credentials' : auths[0]?.kind === 'password' ? 'password' : 'key or password'}.`,
        });
      }
      // node-ssh's own error when the server hung up before login.
      if (error.level === undefined && /No response from server/.test(error.message)) return err(closedEarly(where));
      return err(networkError(error, where, options));
    },
  );

  const cancelled = new Promise<SshResult<SshConnection>>((resolve) => {
    const onAbort = () => resolve(err({ code: 'cancelled', message: `Connecting to ${where} was cancelled.` }));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    void outcome.finally(() => options.signal?.removeEventListener('abort', onAbort));
  });

  const result = await Promise.race([outcome, cancelled]);
  if (!result.ok) {
    // A refused or cancelled attempt leaves nothing open; one that completes after a cancel is closed at once.
    ssh.dispose();
    void outcome.then((late) => {
      if (late.ok) void late.value.close();
    });
  }
  return result;
}

const closedEarly = (where: string): SshError => ({
  code: 'unreachable',
  message: `${where} closed the connection before login: check that it is an SSH server that accepts connections from this computer.`,
});

function openConnection(client: Client, options: ConnectOptions, port: number, hostKey: HostKey): SshConnection {
  const listeners = new Set<(error: SshError | null) => void>();
  let closed = false;
  let closing = false;
  const where = hostLabel(options.host, port);
  // Every command is a few small packets (open, exec, window adjust) that wait on each other; with Nagle's
  // algorithm on, each waited for the box's delayed ACK: 40 ms per command. OpenSSH turns it off too.
  client.setNoDelay(true);
  client.on('close', () => {
    closed = true;
    const error: SshError | null = closing
      ? null
      : { code: 'connection-lost', message: `The connection to ${where} was lost: check the network and that the box is still running, then reconnect.` };
    for (const listener of listeners) listener(error);
    listeners.clear();
  });
  // After 'ready', errors arrive just before 'close', which reports them.
  client.on('error', () => undefined);
  return {
    host: options.host,
    port,
    username: options.username,
    hostKey,
    client,
    get closed() {
      return closed;
    },
    onClose(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return Promise.resolve();
      closing = true;
      return new Promise<void>((resolve) => {
        // A link gone silent never answers the goodbye: without this, closing would wait for TCP to give up.
        const drop = setTimeout(() => dropSocket(client), CLOSE_WAIT_MS);
        client.once('close', () => {
          clearTimeout(drop);
          resolve();
        });
        client.end();
      });
    },
    abandon() {
      if (closed) return;
      closing = true;
      dropSocket(client);
    },
  };
}
