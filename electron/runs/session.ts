import { err, ok } from '../../shared/api/result';
import { connect, type ConnectOptions, type SshConnection } from '../ssh';
import type { SshResult } from '../ssh';
import { FINAL_CODES } from '../ssh/errors';

export interface ReconnectPolicy {
  /** Attempts after a drop before the run gives up (default 8). */
  attempts: number;
  /** Wait before the first attempt; doubles up to maxDelayMs (default 250 ms, 4 s). */
  delayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { attempts: 8, delayMs: 250, maxDelayMs: 4000 };

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * One target's SSH connection for the length of a run: when it drops, the
 * next caller gets a fresh one (same host-key check, same login), so a
 * detached command can be followed again from where it was.
 */
export class Session {
  private conn: SshConnection | null = null;
  private pending: Promise<SshResult<SshConnection>> | null = null;
  reconnects = 0;

  constructor(
    private readonly options: ConnectOptions,
    private readonly policy: ReconnectPolicy = DEFAULT_RECONNECT,
  ) {}

  /** The first connection: no retries, so a wrong address or key is reported at once. */
  async open(): Promise<SshResult<SshConnection>> {
    const result = await connect(this.options);
    if (result.ok) this.conn = result.value;
    return result;
  }

  /** An open connection, reconnecting (with backoff) when the last one dropped. */
  live(signal?: AbortSignal): Promise<SshResult<SshConnection>> {
    if (this.conn && !this.conn.closed) return Promise.resolve(ok(this.conn));
    this.pending ??= this.reconnect(signal).finally(() => (this.pending = null));
    return this.pending;
  }

  private async reconnect(signal?: AbortSignal): Promise<SshResult<SshConnection>> {
    let delay = this.policy.delayMs;
    let last: SshResult<SshConnection> = err({ code: 'connection-lost', message: 'The connection was lost.' });
    for (let attempt = 0; attempt < this.policy.attempts; attempt++) {
      if (signal?.aborted) return err({ code: 'cancelled', message: 'Reconnecting was cancelled.' });
      if (attempt > 0) {
        await pause(delay, signal);
        delay = Math.min(delay * 2, this.policy.maxDelayMs);
      }
      last = await connect({ ...this.options, signal });
      if (last.ok) {
        this.conn = last.value;
        this.reconnects++;
        return last;
      }
      if (FINAL_CODES.has(last.error.code)) return last;
    }
    if (last.ok) return last;
    return err({
      code: 'connection-lost',
      message: `The connection was lost and ${this.policy.attempts} attempts to reconnect failed (${last.error.message}): check that the box is still running.`,
    });
  }

  /** Drops the current connection on purpose (tests, and giving up). */
  async close(): Promise<void> {
    const conn = this.conn;
    this.conn = null;
    await conn?.close();
  }
}
