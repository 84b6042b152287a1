import { sh } from '../../shared/shell';
import { asRoot } from '../../shared/plan/privilege';
import type { TargetFacts } from '../../shared/plan';
import { exec, type SshConnection } from '../ssh';
import { execAsRoot, type Elevation } from '../ssh/doas';
import type { SshResult } from '../ssh';

/** Where one detached step keeps its output, exit code and process group id on the box, and the follower's doorbell. */
export interface DetachedFiles {
  log: string;
  exitCode: string;
  pid: string;
  /** A FIFO the follower waits on; the step rings it when it ends. */
  bell: string;
}

export const detachedFiles = (workDir: string, stepId: string): DetachedFiles => ({
  log: `${workDir}/${stepId}.log`,
  exitCode: `${workDir}/${stepId}.rc`,
  pid: `${workDir}/${stepId}.pid`,
  bell: `${workDir}/${stepId}.bell`,
});

// The scripts below are fixed program text; every value reaches them as a
// positional argument quoted by sh(), never inside the text.

/** Markers the scripts print on stderr for the runner (a control character first, so no output line looks like one). */
export const MARK = { launched: '\x1ecairn-launched', missing: '\x1ecairn-missing', exit: '\x1ecairn-exit ', upload: '\x1ecairn-upload ' };

/**
 * Runs in its own session (setsid), so it leads a process group that can be
 * killed whole, and survives the SSH session. It writes its group id first.
 * The pid and exit code are each one short write, so a reader that waits
 * for the file to be non-empty (`-s`) reads it whole; no rename (a process
 * more per step) is needed.
 * The command runs in a subshell of this shell, not a new /bin/sh: one
 * program start fewer on every box.
 * Then it rings the follower's doorbell, opened read-write so that it never
 * blocks, whether a follower waits or not.
 * $1 command line, $2 log, $3 exit code file, $4 pid file, $5 doorbell.
 */
const INNER = ['echo $$ > "$4"', '(eval "$1") < /dev/null >> "$2" 2>&1', 'echo $? > "$3"', '[ -p "$5" ] && echo 1<> "$5"'].join('\n');

/**
 * Streams the log from byte $3 until the exit code file appears, then says
 * the code on stderr. The file is checked before the log is read, so the
 * last pass sends everything written before the exit.
 *
 * Written to cost the box as few processes as it can: 50 boxes followed at
 * once compete with their own installs for the CPU, and each process a
 * pass starts is paid on every box every pass.
 * - The log stays open on fd 3, and one dd per pass sends what is new from
 *   where the last one stopped (no stat, no seeking); dd's own record count
 *   says whether the pass brought output.
 * - A pass reads only when the log may have changed: the log is not older
 *   than the mark made before the last read (`-nt` may count whole seconds;
 *   an equal time reads again, so nothing is missed, only re-checked). Every
 *   5th pass reads anyway and renews the mark: a clock set back (setup-ntp
 *   on a box whose clock ran ahead) leaves the mark in the future, and
 *   without that the output would wait for the step's end, or its idle limit.
 * - It waits with the shell's own `read -t` on the doorbell FIFO, which the
 *   step rings when it ends: no sleep process, and the end is seen at once.
 *   A shell without `read -t` (dash) or a box without mkfifo sleeps instead.
 * Reads again at once while output pours in (≥ 64 KiB a pass). While it
 * trickles, the first lines after a pause show within 0.1 s, then every
 * 0.25, 0.5 and at last $5 s (1 in the app, as often as `tail -f` looks):
 * each look is a process on the box, and a fleet's installs trickle for
 * minutes. While nothing comes it backs off from 5 ms to $5 s.
 * $1 log, $2 exit code file, $3 bytes already received, $4 doorbell, $5 longest nap.
 */
const FOLLOW = [
  'log=$1 rc=$2 off=$3 bell=$4 most=$5 nap=0 ring= seen= skips=0 mark=$1.$$.mark',
  `[ -e "$log" ] || { printf '\\036cairn-missing\\n' >&2; exit 0; }`,
  'exec 3< "$log" 5>&1 || exit 1',
  '[ "$off" = 0 ] || dd bs=1 skip="$off" count=0 <&3 2> /dev/null || exit 1',
  'if { [ -p "$bell" ] || mkfifo "$bell"; } 2> /dev/null && exec 4<> "$bell"; then read -t 0.001 -r _ <&4 2> /dev/null; [ $? = 2 ] || ring=1; fi',
  'while :; do',
  '  fin=0 got=0; [ -s "$rc" ] && fin=1',
  '  if [ "$fin" = 1 ] || [ -z "$seen" ] || [ "$skips" -ge 4 ] || ! [ "$mark" -nt "$log" ]; then',
  '    : > "$mark"; seen=1 skips=0',
  '    recs=$(dd bs=65536 <&3 2>&1 >&5) || exit 1',
  '    case $recs in 0+0*) ;; 0+*) got=1 ;; [1-9]*) got=2 ;; *) got=1 ;; esac',
  '  else skips=$((skips + 1)); fi',
  `  if [ "$fin" = 1 ]; then read -r code < "$rc"; printf '\\036cairn-exit %s\\n' "$code" >&2; exit 0; fi`,
  '  if [ "$got" = 2 ]; then nap=0; else',
  '    case $nap in 0) nap=0.005 ;; 0.005) nap=0.02 ;; 0.02) nap=0.05 ;; 0.05) nap=0.1 ;; 0.1) nap=0.25 ;; 0.25) nap=0.5 ;; *) nap=$most ;; esac',
  '    [ "$got" = 1 ] && case $nap in 0.005 | 0.02 | 0.05) nap=0.1 ;; esac',
  '  fi',
  '  if [ "$nap" = 0 ]; then :; elif [ -n "$ring" ]; then read -t "$nap" -r _ <&4; else sleep "$nap"; fi',
  'done',
].join('\n');

/** The longest a follower waits between looks at a quiet log; the doorbell cuts it short at the end. */
export const LONGEST_NAP_S = 1;

/**
 * Starts the command detached and follows it on the same channel (one round
 * trip fewer than two commands). The log exists before the command starts,
 * and the exit code and pid files are emptied (by the shell, not rm: one
 * process fewer), so neither a follower nor a stop, which wait for them to
 * be non-empty, can mistake a previous attempt for this one.
 * A file the step needs (the answer file) can come on this channel's stdin
 * too, one channel fewer: placed by an upload's placeCommand (the last
 * argument) before anything else, and a copy that cannot be placed stops the
 * launch with the upload's exit code and what it printed after a marker.
 * The follower then runs in this same shell (eval, not a new /bin/sh).
 * $1 the inner script, $2 the follower, $3.. command, log, exit code file, pid file, doorbell, place command.
 */
const STARTING = [
  'command -v setsid > /dev/null 2>&1 || { echo "setsid is missing on the box" >&2; exit 127; }',
  'inner=$1 follow=$2; shift 2',
  `if [ -n "$6" ]; then s=$(eval "$6") || { c=$?; printf '\\036cairn-upload %s %s\\n' "$c" "$s" >&2; exit 1; }; fi`,
  ': > "$3" && : > "$4" && : > "$2" || exit 1',
  'setsid /bin/sh -c "$inner" cairn-detached "$@" < /dev/null > /dev/null 2>&1 &',
  `printf '\\036cairn-launched\\n' >&2`,
];
const LAUNCH = [...STARTING, `set -- "$2" "$3" 0 "$5" ${LONGEST_NAP_S}`, 'eval "$follow"'].join('\n');

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
export const launchCommand = (command: string, files: DetachedFiles, place = ''): string =>
  sh('/bin/sh', '-c', LAUNCH, 'cairn-launch', INNER, FOLLOW, command, files.log, files.exitCode, files.pid, files.bell, place);

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
const START = ['umask 022', "trap '' HUP", ...STARTING].join('\n');

export const startCommand = (command: string, files: DetachedFiles): string =>
  sh('/bin/sh', '-c', START, 'cairn-launch', INNER, FOLLOW, command, files.log, files.exitCode, files.pid, files.bell);

/** Streams the log of a step already started, from byte `offset`. */
export const followCommand = (files: DetachedFiles, offset: number, longestNapS = LONGEST_NAP_S): string =>
  sh('/bin/sh', '-c', FOLLOW, 'cairn-follow', files.log, files.exitCode, String(offset), files.bell, String(longestNapS));

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
