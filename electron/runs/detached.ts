import { sh } from '../../shared/shell';
import { asRoot } from '../../shared/plan/privilege';
import type { TargetFacts } from '../../shared/plan';
import { exec, type SshConnection } from '../ssh';
import { execAsRoot, type Elevation } from '../ssh/doas';
import type { SshResult } from '../ssh';

/** Where one detached step keeps its output, exit code and process group id on the box. */
export interface DetachedFiles {
  log: string;
  exitCode: string;
  pid: string;
}

export const detachedFiles = (workDir: string, stepId: string): DetachedFiles => ({
  log: `${workDir}/${stepId}.log`,
  exitCode: `${workDir}/${stepId}.rc`,
  pid: `${workDir}/${stepId}.pid`,
});

// The scripts below are fixed program text; every value reaches them as a
// positional argument quoted by sh(), never inside the text.

/** Markers the scripts print on stderr for the runner (a control character first, so no output line looks like one). */
export const MARK = { launched: '\x1ecairn-launched', missing: '\x1ecairn-missing', exit: '\x1ecairn-exit ' };

/**
 * Runs in its own session (setsid), so it leads a process group that can be
 * killed whole, and survives the SSH session. It writes its group id first;
 * the exit code file appears only complete (written beside, then renamed).
 * $1 command line, $2 log, $3 exit code file, $4 pid file.
 */
const INNER = ['echo $$ > "$4.tmp" && mv -f "$4.tmp" "$4"', '/bin/sh -c "$1" < /dev/null >> "$2" 2>&1', 'echo $? > "$3.tmp" && mv -f "$3.tmp" "$3"'].join('\n');

/**
 * Streams the log from byte $3 until the exit code file appears, then says
 * the code on stderr. The file is checked before the size is read, so the
 * last pass sends everything written before the exit. dd seeks to the
 * 64 KiB block holding the first new byte: BusyBox's `tail -c +N` reads the
 * file from its start each time, which made following a long log quadratic.
 * Reads again at once while output pours in, every 0.1 s while it trickles
 * (progress is read by people), and backs off from 5 ms to 0.4 s while
 * nothing comes.
 * $1 log, $2 exit code file, $3 bytes already received.
 */
const FOLLOW = [
  'log=$1 rc=$2 off=$3 nap=0 bytes=',
  `[ -e "$log" ] || { printf '\\036cairn-missing\\n' >&2; exit 0; }`,
  'dd if=/dev/null count=0 iflag=skip_bytes,count_bytes 2> /dev/null && bytes=1',
  'while :; do',
  '  fin=0; [ -e "$rc" ] && fin=1',
  '  size=$(stat -c %s "$log" 2> /dev/null) || size=$off',
  '  if [ "$size" -gt "$off" ]; then',
  '    if [ -n "$bytes" ]; then dd if="$log" bs=65536 skip=$off count=$((size - off)) iflag=skip_bytes,count_bytes 2> /dev/null',
  '    else dd if="$log" bs=65536 skip=$((off / 65536)) 2> /dev/null | tail -c +$((off % 65536 + 1)) | head -c $((size - off)); fi',
  '    if [ $((size - off)) -ge 65536 ]; then nap=0; else nap=0.1; fi',
  '    off=$size',
  '  else',
  '    case $nap in 0) nap=0.005 ;; 0.005) nap=0.02 ;; 0.02) nap=0.05 ;; 0.05) nap=0.1 ;; 0.1) nap=0.2 ;; *) nap=0.4 ;; esac',
  '  fi',
  `  if [ "$fin" = 1 ]; then printf '\\036cairn-exit %s\\n' "$(cat "$rc")" >&2; exit 0; fi`,
  '  [ "$nap" = 0 ] || sleep "$nap"',
  'done',
].join('\n');

/**
 * Starts the command detached and follows it on the same channel (one round
 * trip fewer than two commands). The log exists before the command starts,
 * and the old exit code and pid files are gone, so neither a follower nor a
 * stop can mistake a previous attempt for this one.
 * $1 the inner script, $2 the follower, $3.. command, log, exit code file, pid file.
 */
const LAUNCH = [
  'command -v setsid > /dev/null 2>&1 || { echo "setsid is missing on the box" >&2; exit 127; }',
  'inner=$1 follow=$2; shift 2',
  'rm -f "$3" "$4" && : > "$2" || exit 1',
  'setsid /bin/sh -c "$inner" cairn-detached "$@" < /dev/null > /dev/null 2>&1 &',
  `printf '\\036cairn-launched\\n' >&2`,
  'exec /bin/sh -c "$follow" cairn-follow "$2" "$3" 0',
].join('\n');

/**
 * TERM to the whole group, KILL after 2 s if anything of it is left.
 * $1 the pid file, $2 the log. A step whose log exists was launched and
 * writes its pid first thing, so a missing pid means "starting" and is
 * waited for (10 s, for a busy box); without a log it never started.
 */
const STOP = [
  '[ -e "$2" ] || exit 0',
  'n=0',
  'while [ ! -s "$1" ]; do n=$((n + 1)); [ "$n" -gt 100 ] && exit 0; sleep 0.1; done',
  'pid=$(cat "$1")',
  'kill -TERM -"$pid" 2> /dev/null || exit 0',
  'n=0',
  'while kill -0 -"$pid" 2> /dev/null; do',
  '  n=$((n + 1))',
  '  if [ "$n" -ge 20 ]; then kill -KILL -"$pid" 2> /dev/null; break; fi',
  '  sleep 0.1',
  'done',
  'exit 0',
].join('\n');

/**
 * Starts `command` (built with sh(), doas included) detached, stdin closed,
 * stdout and stderr to the log, and streams the log. Runs as the login
 * user, so the files stay readable by the follower even when the command
 * itself runs through doas.
 */
export const launchCommand = (command: string, files: DetachedFiles): string =>
  sh('/bin/sh', '-c', LAUNCH, 'cairn-launch', INNER, FOLLOW, command, files.log, files.exitCode, files.pid);

/**
 * Starts `command` (a root line) detached and returns at once, for a launch
 * through doas on a terminal: the follower then runs as the login on a
 * plain channel. umask 022: the log, exit code and pid files are root's, and
 * the login must read them (the work folder itself stays the login's, 0700).
 * HUP is ignored: when this script (the terminal's session leader) exits,
 * the kernel hangs up the terminal's process group, and a busy box may not
 * yet have run setsid in the background child, which then died unstarted
 * and left the follower waiting for an exit code that never came.
 */
const START = ['umask 022', "trap '' HUP", ...LAUNCH.split('\n').slice(0, -1)].join('\n');

export const startCommand = (command: string, files: DetachedFiles): string =>
  sh('/bin/sh', '-c', START, 'cairn-launch', INNER, FOLLOW, command, files.log, files.exitCode, files.pid);

/** Streams the log of a step already started, from byte `offset`. */
export const followCommand = (files: DetachedFiles, offset: number): string => sh('/bin/sh', '-c', FOLLOW, 'cairn-follow', files.log, files.exitCode, String(offset));

/** Whether the step was launched before the connection dropped (its log exists): it must never start twice. */
export async function startedBefore(conn: SshConnection, files: DetachedFiles): Promise<SshResult<boolean>> {
  const result = await exec(conn, sh('test', '-e', files.log), { timeoutMs: 20_000 });
  if (!result.ok) return result;
  return { ok: true, value: result.value.exitCode === 0 };
}

/** Stops a detached step and everything it started; as root when the step ran through doas. */
export async function stopDetached(conn: SshConnection, files: DetachedFiles, facts: Pick<TargetFacts, 'privilege'>, elevation: Elevation = null): Promise<void> {
  const stop = asRoot(['/bin/sh', '-c', STOP, 'cairn-stop', files.pid, files.log], facts);
  if (elevation) await execAsRoot(conn, stop, elevation.doasPassword, { timeoutMs: 20_000 });
  else await exec(conn, stop, { timeoutMs: 20_000 });
}
