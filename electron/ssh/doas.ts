import { sh } from '../../shared/shell';
import type { SshConnection } from './connect';
import { hostLabel, type SshResult } from './errors';
import { exec, type ExecOptions, type ExecOutcome } from './exec';

/**
 * How a login that is not root becomes root: through doas without a
 * password (a "permit nopass" rule), or through doas typing the login's
 * password, which setup-user's "permit persist :wheel" asks for on a
 * terminal. The password comes from the keychain, is typed only when doas
 * asks, and is never on a command line or in a log.
 */
export type Elevation = { doasPassword: string } | null;

/** OpenDoas asks "doas (user@host) password: " on /dev/tty. */
const DOAS_PROMPT = /doas \([^)]*\) password: ?$/;

const MARK = { root: '\x1ecairn-root\n', stderr: '\x1ecairn-stderr\n' };

/**
 * Run by the login user on a terminal: doas reads the password from the
 * terminal (never stdin), so the command's own stdin can be a file and its
 * stderr is kept aside, then sent after a marker: stdout and stderr stay
 * apart although a terminal merges them. The root marker says doas let the
 * command start, so a refusal is told apart from the command's own failure.
 * $1 the root command line, $2 the file for stdin, or "-" to keep the
 * terminal (a command that asks on it too, like cryptsetup).
 */
const AS_ROOT = [
  'e=$(mktemp) || exit 1',
  `set -- "$1" "$2" 'printf "\\036cairn-root\\n"; exec /bin/sh -c "$1"'`,
  'if [ "$2" = - ]; then doas /bin/sh -c "$3" cairn-root "$1" 2> "$e"; else doas /bin/sh -c "$3" cairn-root "$1" < "$2" 2> "$e"; fi',
  'rc=$?',
  `printf '\\036cairn-stderr\\n'`,
  'cat "$e"; rm -f "$e"',
  'exit $rc',
].join('\n');

/** Splits the terminal's one stream back into the command's stdout and stderr at the markers. */
class MarkSplitter {
  private part: 'before' | 'stdout' | 'stderr' = 'before';
  private held = '';
  readonly stdout: Buffer[] = [];
  readonly stderr: Buffer[] = [];
  started = false;
  constructor(private readonly emit: (chunk: Buffer, stream: 'stdout' | 'stderr') => void) {}

  feed(chunk: Buffer): void {
    let text = this.held + chunk.toString('latin1');
    this.held = '';
    while (this.part !== 'stderr') {
      // Before the root marker there is only doas's prompt; a doas that refuses goes straight to the stderr marker.
      const atStderr = text.indexOf(MARK.stderr);
      const atRoot = this.part === 'before' ? text.indexOf(MARK.root) : -1;
      if (atRoot !== -1 && (atStderr === -1 || atRoot < atStderr)) {
        this.started = true;
        this.part = 'stdout';
        text = text.slice(atRoot + MARK.root.length);
        continue;
      }
      if (atStderr === -1) {
        // A marker cut between two chunks: hold back what could be its start.
        const keep = Math.max(partialTail(text, MARK.stderr), this.part === 'before' ? partialTail(text, MARK.root) : 0);
        if (this.part === 'stdout') this.pass(text.slice(0, text.length - keep));
        this.held = text.slice(text.length - keep);
        return;
      }
      if (this.part === 'stdout') this.pass(text.slice(0, atStderr));
      this.part = 'stderr';
      text = text.slice(atStderr + MARK.stderr.length);
    }
    this.pass(text);
  }

  /** What a doas that never let the command start said (its stderr comes after the marker too). */
  end(): void {
    if (this.held !== '' && this.part !== 'before') this.pass(this.held);
    this.held = '';
  }

  private pass(text: string): void {
    if (text === '') return;
    const bytes = Buffer.from(text, 'latin1');
    const stream = this.part === 'stderr' ? 'stderr' : 'stdout';
    (stream === 'stderr' ? this.stderr : this.stdout).push(bytes);
    this.emit(bytes, stream);
  }
}

/** How many characters at the end of `text` could begin `mark`. */
function partialTail(text: string, mark: string): number {
  for (let n = Math.min(mark.length - 1, text.length); n > 0; n--) if (mark.startsWith(text.slice(-n))) return n;
  return 0;
}

/** Puts stdin in a file only the login can read, for the root command to read; returns its path. */
async function stageStdin(conn: SshConnection, stdin: string | Buffer | undefined): Promise<SshResult<string | null>> {
  if (stdin === undefined) return { ok: true, value: null };
  const staged = await exec(conn, sh('/bin/sh', '-c', 'umask 077 && f=$(mktemp) && cat > "$f" && printf %s "$f"'), { stdin, timeoutMs: 20_000 });
  if (!staged.ok) return staged;
  const path = staged.value.stdout.trim();
  if (staged.value.exitCode !== 0 || !path.startsWith('/'))
    return {
      ok: false,
      error: {
        code: 'remote-failed',
        exitCode: staged.value.exitCode,
        stderr: staged.value.stderr,
        message: `Cairn could not hand the command its input on ${hostLabel(conn.host, conn.port)} (${staged.value.stderr.trim() || 'mktemp failed'}).`,
      },
    };
  return { ok: true, value: path };
}

/**
 * Runs `rootLine` (built with sh(), no doas in it) as root through doas,
 * typing the login's password when doas asks. Answers like exec(): stdout
 * and stderr apart, the exit code of the command. A password doas refuses
 * is an `auth-failed` error that says where to enter the right one.
 */
export async function execAsRoot(conn: SshConnection, rootLine: string, password: string, options: ExecOptions = {}): Promise<SshResult<ExecOutcome>> {
  const { stdin, onStdout, onStderr, terminal, ...rest } = options;
  const staged = await stageStdin(conn, stdin);
  if (!staged.ok) return staged;
  const split = new MarkSplitter((chunk, stream) => (stream === 'stdout' ? onStdout : onStderr)?.(chunk));
  // Without prompts of its own the command reads an empty stdin, never the terminal.
  const input = staged.value ?? (terminal ? '-' : '/dev/null');
  const ran = await exec(conn, sh('/bin/sh', '-c', AS_ROOT, 'cairn-as-root', rootLine, input), {
    ...rest,
    onStdout: (chunk) => split.feed(chunk),
    terminal: {
      answers: [{ prompt: DOAS_PROMPT, answer: password }, ...(terminal?.answers ?? [])],
      maxAnswers: 1 + (terminal?.maxAnswers ?? (terminal ? 3 : 0)),
      refusedSentence: terminal?.refusedSentence ?? 'doas asked for the password again',
    },
  });
  if (staged.value !== null) await exec(conn, sh('rm', '-f', staged.value), { timeoutMs: 20_000 });
  split.end();
  if (!ran.ok) return ran;
  const stdout = Buffer.concat(split.stdout).toString('utf8');
  const stderr = Buffer.concat(split.stderr).toString('utf8');
  if (!split.started) {
    const where = hostLabel(conn.host, conn.port);
    const said = stderr.trim().split('\n').at(-1) ?? '';
    if (/Authentication failed|incorrect password/i.test(said))
      return {
        ok: false,
        error: {
          code: 'auth-failed',
          methods: ['doas'],
          message: `doas on ${where} refused the password Cairn keeps for this login: enter the right one as the target's doas password.`,
        },
      };
    return {
      ok: false,
      error: {
        code: 'remote-failed',
        exitCode: ran.value.exitCode,
        stderr,
        message: `doas on ${where} did not run the command (${said || `exit code ${ran.value.exitCode}`}): check that the login may use doas.`,
      },
    };
  }
  return { ok: true, value: { ...ran.value, stdout, stderr } };
}

/** Whether a line of a terminal's output is doas asking for a password (for callers that watch prompts). */
export const isDoasPrompt = (line: string): boolean => DOAS_PROMPT.test(line);
