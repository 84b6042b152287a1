import { appendFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { registerTarget, unregisterTarget, updateTarget, type OwnerRecord } from './cleanup-registry';
import { deleteHostUser } from './host-user';
import { freePort } from './net';
import { TARGETS_DIR } from './paths';
import type { ServerProcess } from './server-process';
import type { StandIns } from './stand-ins';
import { killTargetProcesses, targetProcesses, type TargetProcess } from './target-processes';
import type { TestTarget } from './target-types';

export const randomId = (): string => randomBytes(4).toString('hex');

/** Creates and registers the target's directory before anything else exists, so cleanup always knows it. */
export function newOwnerRecord(id: string): OwnerRecord {
  const record: OwnerRecord = {
    ownerPid: process.pid,
    dir: path.join(TARGETS_DIR, id),
    user: null,
    marker: id,
    root: null,
    uid: null,
  };
  registerTarget(record);
  return record;
}

/**
 * Starts the server on a free port of the address, trying again on another
 * port when a parallel start took it first; on exactly `fixedPort` when one
 * is given (several servers on one port at different addresses, as a scan
 * of a network sees them).
 */
export async function startOnFreePort(host: string, start: (port: number) => ServerProcess, fixedPort?: number): Promise<{ server: ServerProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort(host));
    const server = start(port);
    try {
      await server.ready(host, port);
      return { server, port };
    } catch (error) {
      await server.stop();
      if (fixedPort !== undefined || attempt >= 5 || !/address already in use|bind/i.test(server.output)) throw error;
    }
  }
}

/** Only loopback addresses: tests never listen on (or send to) a real network. */
export function loopbackAddress(address: string | undefined): string {
  if (address === undefined) return '127.0.0.1';
  // IPv6 loopback: boxes are often reached by an IPv6 literal.
  if (address === '::1') return address;
  if (!/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(address) || address.split('.').some((n) => Number(n) > 255))
    throw new Error(`A test target listens on 127.0.0.0/8 or ::1 only, not on ${address}.`);
  return address;
}

/** What both kinds of target share: identity, keys, cleanup. */
export abstract class TargetBase implements TestTarget {
  abstract readonly kind: 'openssh' | 'dropbear';
  host = '127.0.0.1';
  port = 0;
  user = '';
  password = '';
  privateKeyPath = '';
  keyPassphrase: string | null = null;
  publicKey = '';
  hostKeyFingerprint = '';
  hostPublicKey = '';
  root: string | null = null;
  standIns: StandIns | null = null;
  protected server: ServerProcess | null = null;
  private stopped: Promise<void> | null = null;

  constructor(protected readonly record: OwnerRecord) {}

  protected get dir(): string {
    return this.record.dir;
  }

  protected abstract authorizedKeysFile(): string;

  protected remember(update: Partial<OwnerRecord>): void {
    Object.assign(this.record, update);
    updateTarget(this.record);
  }

  knownHostsLine(): string {
    // OpenSSH writes the default port's hosts bare: "[host]:22" would match nothing.
    const where = this.port === 22 ? this.host : `[${this.host}]:${this.port}`;
    return `${where} ${this.hostPublicKey.split(/\s+/).slice(0, 2).join(' ')}`;
  }

  async authorizeKey(publicKeyLine: string): Promise<void> {
    await appendFile(this.authorizedKeysFile(), `${publicKeyLine.trim()}\n`);
  }

  abstract replaceHostKey(): Promise<void>;

  serverLog(): string {
    return this.server?.output ?? '';
  }

  processes(): TargetProcess[] {
    return targetProcesses(this.record);
  }

  stop(): Promise<void> {
    this.stopped ??= this.teardown();
    return this.stopped;
  }

  /** Ends every session (children first, so they are reaped), then the listener. */
  protected async stopServer(): Promise<void> {
    killTargetProcesses(this.record, this.server?.pid);
    await this.server?.stop();
  }

  private async teardown(): Promise<void> {
    await this.stopServer();
    killTargetProcesses(this.record);
    if (this.record.user) await deleteHostUser(this.record.user);
    // A session's last process may still be writing under the chroot as it dies: rm retries on ENOTEMPTY.
    await rm(this.record.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    unregisterTarget(this.record.dir);
  }
}
