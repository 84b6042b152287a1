import { err, ok } from '../../shared/api/result';
import { sh } from '../../shared/shell';
import type { Parts } from '../../shared/boxes';
import type { SshConnection } from '../ssh/connect';
import { execAsRoot } from '../ssh/doas';
import { exec, type ExecOptions, type ExecOutcome } from '../ssh/exec';
import type { BoxError, BoxResult } from './errors';
import { labelOf, type BoxCallOptions } from './options';

export interface RunOptions extends BoxCallOptions {
  timeoutMs?: number;
  /** Stops a command that prints nothing for this long (default 2 minutes). */
  idleTimeoutMs?: number;
  /** Exit codes that are answers, not refusals (`diff` exits 1 when files differ). */
  okExitCodes?: readonly number[];
  /** Sent on stdin (a file's content, a password hash): never part of the command line, never in the output. */
  stdin?: string;
}

/** The first line worth showing: OpenRC's " * " and apk's "ERROR: " prefixes add nothing for a person. */
export function firstLine(text: string): string | null {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line === undefined ? null : line.replace(/^\* /, '');
}

/** A command line (built with sh()) as the login can run it: through `doas sh -c` when the login is not root. */
export const asLogin = (line: string, privilege: BoxCallOptions['privilege']): string => (privilege === 'doas' ? sh('doas', 'sh', '-c', line) : line);

/**
 * Runs one command on the box, streaming its output as text, and turns a
 * non-zero exit into a `remote-failed` error that names the box, what was
 * asked (`what`, e.g. "rc-service nginx start") and the first line of stderr.
 */
export function runOnBox(conn: SshConnection, parts: Parts, what: string, options: RunOptions = {}): Promise<BoxResult<ExecOutcome>> {
  return runLineOnBox(conn, sh(...parts), what, options);
}

/** runOnBox for a command line already built with sh() (a drift fix step). */
export async function runLineOnBox(conn: SshConnection, line: string, what: string, options: RunOptions = {}): Promise<BoxResult<ExecOutcome>> {
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const emit = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = decoders[stream].decode(chunk, { stream: true });
    if (text !== '') options.onOutput?.(text, stream);
  };
  const execOptions: ExecOptions = {
    onStdout: emit('stdout'),
    onStderr: emit('stderr'),
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? 120_000,
    signal: options.signal,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  };
  const result = await execAsBoxRoot(conn, line, options, execOptions);
  if (!result.ok) return result;
  const outcome = result.value;
  if (outcome.exitCode === 0 || (outcome.exitCode !== null && (options.okExitCodes ?? []).includes(outcome.exitCode))) return ok(outcome);
  const reason = firstLine(outcome.stderr) ?? firstLine(outcome.stdout) ?? (outcome.signal ? `it was killed by ${outcome.signal}` : `it exited with ${outcome.exitCode}`);
  return err({
    code: 'remote-failed',
    exitCode: outcome.exitCode,
    stderr: outcome.stderr,
    message: `${labelOf(conn, options)} refused "${what}": ${reason}`,
  });
}

/**
 * Runs a root line (built with sh()) the way this login becomes root: as is
 * for root, through doas, or through doas typing the kept password when doas
 * asks for one. The outcome is exec's: a non-zero exit is the caller's to judge.
 */
export async function execAsBoxRoot(
  conn: SshConnection,
  line: string,
  context: Pick<BoxCallOptions, 'privilege' | 'doasPassword' | 'label'>,
  execOptions: ExecOptions,
): Promise<BoxResult<ExecOutcome>> {
  const asks = context.privilege === 'doas' && context.doasPassword !== undefined;
  if (asks && context.doasPassword === null) return err(doasPasswordMissing(labelOf(conn, context)));
  return asks && context.doasPassword ? execAsRoot(conn, line, context.doasPassword, execOptions) : exec(conn, asLogin(line, context.privilege), execOptions);
}

/** doas asks this login for its password and none is kept: nothing could type it. */
export const doasPasswordMissing = (label: string): BoxError => ({
  code: 'auth-failed',
  methods: ['doas'],
  message: `doas on ${label} asks for the login's password: enter it as the target's doas password (Targets › Edit) so Cairn can type it when asked, or log in as root.`,
});

/** An InputProblem as the error a box action returns, before anything ran. */
export const invalid = (problem: { field: string; message: string }): BoxResult<never> => err({ code: 'invalid-input', ...problem });
