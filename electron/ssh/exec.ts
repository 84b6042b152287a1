import type { ClientChannel } from 'ssh2';
import { op, sh } from '../../shared/shell';
import type { SshConnection } from './connect';
import { err, ok } from '../../shared/api/result';
import { hostLabel, seconds, type SshError, type SshResult } from './errors';
import { PidMarker } from './pid-marker';

export interface ExecOptions {
  /** Sent on stdin, then stdin is closed. Without it stdin is closed at once, so a prompt reads end-of-file instead of waiting. */
  stdin?: string | Buffer;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Stops the command when it runs longer than this. */
  timeoutMs?: number;
  /** Stops the command when it prints nothing for this long (a hidden prompt, a hang). */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
  /** How much of stdout and stderr the result keeps (default 1 MiB each); the callbacks see everything. */
  keepBytes?: number;
  /**
   * Runs the command on a pseudo-terminal (no echo, no CR added) and types
   * each answer when its prompt is the output's unfinished last line: doas
   * and cryptsetup read secrets from the terminal only. stderr then arrives
   * on stdout, and `stdin` cannot be used.
   */
  terminal?: TerminalOptions;
}

export interface PromptAnswer {
  /** Tested against the unfinished last line of output (a prompt waits without a newline). */
  prompt: RegExp;
  /** Typed followed by Enter. A secret: never kept, logged or shown. */
  answer: string;
}

export interface TerminalOptions {
  answers: readonly PromptAnswer[];
  /** How many prompts are answered in all; one more means the answer was refused and asked again, so the command is stopped. */
  maxAnswers?: number;
  /** What the stop says then, e.g. "the disk passphrase was refused". */
  refusedSentence?: string;
}

export interface ExecOutcome {
  /** null when the command was killed by a signal. */
  exitCode: number | null;
  /** The signal's name without "SIG" ("TERM", "KILL"), or null. */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr was longer than keepBytes. */
  truncated: boolean;
  durationMs: number;
}

/** How long a stopped command gets to exit after TERM before it gets KILL. */
const GRACE_MS = 2000;

/**
 * How long the box gets to answer a kill (open its channel and run it)
 * before Cairn stops waiting and drops the connection: a stop always ends.
 */
export const KILL_ANSWER_MS = 5000;

/** Why a command is being stopped: its code, and how the sentence about it reads once it was stopped or could not be. */
interface StopReason {
  code: 'cancelled' | 'timeout' | 'idle-timeout' | 'remote-failed';
  /** The sentence once the command was stopped. */
  stopped: string;
  /** What happened, for the sentence when the box did not answer the kill ("was cancelled"). */
  what: string;
}

/**
 * The command runs under a small sh wrapper that first reports its pid on
 * stderr (filtered out again here) and makes sure it leads its own process
 * group: sshd gives a session one, Dropbear does not, so there the wrapper
 * calls setsid (kill -0 -PID tells whether a group of that id exists). sshd
 * does not deliver SSH signal requests to root sessions and closing a channel
 * does not end the command, so stopping it means killing that group over a
 * second channel.
 */
const WRAPPER = [
  `printf '\\036cairn-pid %s\\n' "$$" >&2`,
  'if ! kill -0 -$$ 2>/dev/null && command -v setsid >/dev/null 2>&1; then exec setsid /bin/sh -c "$1"; fi',
  'exec /bin/sh -c "$1"',
].join('\n');

const errorOf = (code: StopReason['code'], message: string): SshError => (code === 'remote-failed' ? { code, message, exitCode: null, stderr: '' } : { code, message });

/** The pty a terminal command gets: no echo (a typed answer never comes back) and no CR before each LF (output stays byte for byte). */
const PTY = { term: 'dumb', cols: 512, rows: 24, modes: { ECHO: 0 as const, ONLCR: 0 as const } };

/**
 * Watches a terminal's output for prompts and types their answers; the
 * unfinished last line is all a prompt can be, so only that is kept (bounded).
 */
class PromptWatcher {
  private line = '';
  private answered = 0;
  constructor(private readonly options: TerminalOptions) {}

  /** The answer to type after this chunk, 'refused' once too many were asked, or null. */
  see(chunk: Buffer): string | 'refused' | null {
    const text = chunk.toString('latin1');
    const newline = text.lastIndexOf('\n');
    this.line = (newline === -1 ? this.line + text : text.slice(newline + 1)).slice(-1024);
    const hit = this.options.answers.find((a) => a.prompt.test(this.line));
    if (hit === undefined) return null;
    this.line = '';
    if (++this.answered > (this.options.maxAnswers ?? 3)) return 'refused';
    return hit.answer;
  }
}

function keep(chunks: Buffer[], size: { bytes: number }, chunk: Buffer, limit: number): boolean {
  if (size.bytes >= limit) return true;
  const room = limit - size.bytes;
  chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
  size.bytes += Math.min(room, chunk.length);
  return chunk.length > room;
}

/** Runs one command (built with sh()) and reports how it ended; a non-zero exit is a normal outcome, not an error. */
export function exec(conn: SshConnection, command: string, options: ExecOptions = {}): Promise<SshResult<ExecOutcome>> {
  const where = hostLabel(conn.host, conn.port);
  const started = Date.now();
  const limit = options.keepBytes ?? 1024 * 1024;
  if (options.signal?.aborted) return Promise.resolve(err({ code: 'cancelled', message: `The command on ${where} was cancelled before it started.` }));
  if (conn.closed) return Promise.resolve(err({ code: 'connection-lost', message: `The connection to ${where} is closed: reconnect and try again.` }));
  if (options.terminal && options.stdin !== undefined) throw new Error('exec: a command on a terminal takes its answers there, not on stdin.');

  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const errChunks: Buffer[] = [];
    const outSize = { bytes: 0 };
    const errSize = { bytes: 0 };
    let truncated = false;
    let exit: { code: number | null; signal: string | null } | null = null;
    let stopReason: SshError | null = null;
    let channel: ClientChannel | null = null;
    let channelClosed = false;
    const marker = new PidMarker();
    const timers: NodeJS.Timeout[] = [];
    let idle: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (result: SshResult<ExecOutcome>) => {
      if (done) return;
      done = true;
      timers.forEach(clearTimeout);
      clearTimeout(idle);
      options.signal?.removeEventListener('abort', onAbort);
      unwatch();
      resolve(result);
    };

    const stop = (reason: StopReason) => {
      if (stopReason || done) return;
      stopReason = errorOf(reason.code, reason.stopped);
      void stopRemote(
        conn,
        () => marker.pid,
        () => channel === null || channelClosed,
      ).then((answered) => {
        if (!answered && !done) {
          // The box went silent: waiting on would hold the stop (and whoever waits on it) forever.
          stopReason = errorOf(
            reason.code,
            `The command on ${where} ${reason.what}, but the box did not answer the kill within ${seconds(KILL_ANSWER_MS)}, so Cairn closed the connection: the command may still be running there; check the box before trying again.`,
          );
          conn.abandon();
        }
        channel?.close();
        finish(err(stopReason ?? errorOf(reason.code, reason.stopped)));
      });
    };

    const onAbort = () => stop({ code: 'cancelled', stopped: `The command on ${where} was cancelled and has been stopped.`, what: 'was cancelled' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const unwatch = conn.onClose((error) => {
      if (!stopReason) finish(err(error ?? { code: 'connection-lost', message: `The connection to ${where} was closed while a command was running.` }));
      else finish(err(stopReason));
    });

    const armIdle = () => {
      if (!options.idleTimeoutMs) return;
      clearTimeout(idle);
      const ms = options.idleTimeoutMs;
      idle = setTimeout(
        () =>
          stop({
            code: 'idle-timeout',
            stopped: `The command on ${where} printed nothing for ${seconds(ms)}, so it was stopped: it may be waiting for an answer that will never come.`,
            what: `printed nothing for ${seconds(ms)}`,
          }),
        ms,
      );
    };
    if (options.timeoutMs) {
      const ms = options.timeoutMs;
      timers.push(
        setTimeout(
          () =>
            stop({
              code: 'timeout',
              stopped: `The command on ${where} was still running after ${seconds(ms)}, so it was stopped.`,
              what: `was still running after ${seconds(ms)}`,
            }),
          ms,
        ),
      );
    }
    armIdle();

    const opened = (error: Error | undefined, ch: ClientChannel) => {
      if (error) {
        finish(err({ code: 'connection-lost', message: `${where} refused to run a command (${error.message}): reconnect and try again.` }));
        return;
      }
      channel = ch;
      if (done) {
        ch.close();
        return;
      }
      const watcher = options.terminal ? new PromptWatcher(options.terminal) : null;
      ch.on('data', (raw: Buffer) => {
        armIdle();
        // On a terminal the wrapper's pid line comes on stdout: stderr is the terminal too.
        const chunk = watcher ? marker.take(raw) : raw;
        if (chunk.length === 0) return;
        truncated = keep(out, outSize, chunk, limit) || truncated;
        options.onStdout?.(chunk);
        const answer = watcher?.see(chunk) ?? null;
        if (answer === 'refused') {
          const why = options.terminal?.refusedSentence ?? 'the answer Cairn typed was refused';
          stop({
            code: 'remote-failed',
            stopped: `The command on ${where} asked again after Cairn answered it, so it was stopped: ${why}.`,
            what: 'asked again after it was answered',
          });
        } else if (answer !== null) ch.write(`${answer}\n`);
      });
      ch.stderr.on('data', (raw: Buffer) => {
        armIdle();
        const chunk = marker.take(raw);
        if (chunk.length === 0) return;
        truncated = keep(errChunks, errSize, chunk, limit) || truncated;
        options.onStderr?.(chunk);
      });
      ch.on('exit', (code: number | null, signal?: string) => {
        exit = { code: code ?? null, signal: signal ? signal.replace(/^SIG/, '') : null };
      });
      ch.on('close', () => {
        channelClosed = true;
        if (stopReason) return;
        const rest = marker.flush();
        if (rest.length > 0 && options.terminal) {
          truncated = keep(out, outSize, rest, limit) || truncated;
          options.onStdout?.(rest);
        } else if (rest.length > 0) {
          truncated = keep(errChunks, errSize, rest, limit) || truncated;
          options.onStderr?.(rest);
        }
        if (!exit) {
          finish(err({ code: 'connection-lost', message: `The command on ${where} ended without an exit status: the connection may have dropped.` }));
          return;
        }
        finish(
          ok({
            exitCode: exit.code,
            signal: exit.signal,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(errChunks).toString('utf8'),
            truncated,
            durationMs: Date.now() - started,
          }),
        );
      });
      // A terminal stays open for the answers; it ends when the command does.
      if (!options.terminal) ch.end(options.stdin ?? undefined);
    };
    try {
      const line = sh('exec', '/bin/sh', '-c', WRAPPER, 'cairn', command);
      if (options.terminal) conn.client.exec(line, { pty: PTY }, opened);
      else conn.client.exec(line, opened);
    } catch (error) {
      // ssh2 throws when its socket can no longer be written: the connection is going.
      finish(err({ code: 'connection-lost', message: `The connection to ${where} closed before the command could start (${(error as Error).message}): reconnect and try again.` }));
    }
  });
}

/** Runs a short helper command on its own channel and waits for it to end; false when the box did not answer within `ms`. */
function runQuietly(conn: SshConnection, command: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (conn.closed) return resolve(true);
    let late = false;
    let helper: ClientChannel | null = null;
    const timer = setTimeout(() => {
      late = true;
      helper?.close();
      resolve(false);
    }, ms);
    const answered = () => {
      clearTimeout(timer);
      resolve(true);
    };
    try {
      conn.client.exec(command, (error, ch) => {
        if (error) return answered();
        if (late) return void ch.close();
        helper = ch;
        ch.on('close', answered);
        ch.resume();
        ch.stderr.resume();
        ch.end();
      });
    } catch {
      // The connection is going; with it goes the command's channel, so there is nothing left to wait for.
      answered();
    }
  });
}

const waitUntil = async (ended: () => boolean, ms: number) => {
  for (const deadline = Date.now() + ms; !ended() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
};

/**
 * TERM to the command's process group (or the process, where it leads none),
 * then KILL after a grace period. False when the box did not answer a kill
 * within KILL_ANSWER_MS: the caller then gives up on the connection.
 */
async function stopRemote(conn: SshConnection, pidOf: () => number | null, ended: () => boolean): Promise<boolean> {
  // stdout and stderr travel separately: the pid line may still be on its way.
  await waitUntil(() => ended() || pidOf() !== null, 2000);
  const pid = pidOf();
  if (pid === null) return true;
  for (const signal of ['-TERM', '-KILL']) {
    if (ended()) return true;
    const answered = await runQuietly(conn, sh('kill', signal, `-${pid}`, op('2>'), '/dev/null', op('||'), 'kill', signal, String(pid), op('2>'), '/dev/null'), KILL_ANSWER_MS);
    if (!answered) return ended();
    await waitUntil(ended, signal === '-TERM' ? GRACE_MS : 1000);
  }
  return true;
}
