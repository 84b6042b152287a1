import { quote } from '../shell';
import { checkServiceName, type InputProblem } from './commands';

// The on-box half of a change that must not lock Cairn out (see
// electron/boxes/guarded-change.ts). Cairn sends `armScript` once: it saves
// the files the change touches and starts a guard process in a session of its
// own, which applies the change and then waits. Cairn reconnects and runs
// `confirmCommand`; if that never arrives, the guard puts everything back.
//
// Who wins is decided by one rename of `pending`: Cairn's confirm renames it
// to `confirmed`, the guard's timeout to `undo`. rename(2) is atomic, so
// exactly one happens, and a confirm whose answer was lost with the
// connection is read back later from the same files (`statusCommand`).

/** Where a change's saved files, markers and log live (on a diskless box /var is in RAM too). */
export const GUARD_ROOT = '/var/lib/cairn/guard';
/** Where the guard process leaves its pid while it runs. */
export const PID_ROOT = '/run/cairn';

export interface GuardedFile {
  /** Absolute path on the box. */
  path: string;
  /** The whole new content (text; NUL cannot pass through a shell). */
  content: string;
  /** Permission bits, e.g. 0o644. */
  mode: number;
}

export interface GuardPlan {
  /** Names the change on the box: lowercase letters, digits and '-'. */
  id: string;
  files: readonly GuardedFile[];
  /** Services restarted after the files are written (rc-service NAME restart); undone by restarting them again. */
  restart: readonly string[];
  /** Services stopped (rc-service NAME stop); undone by starting them. */
  stop: readonly string[];
  /** How long the box waits for Cairn's confirm after the change is applied; also the limit on each restart. */
  windowSeconds: number;
  /** Overrides GUARD_ROOT and PID_ROOT (tests run the scripts in a scratch directory). */
  stateRoot?: string;
  pidRoot?: string;
}

/** The states a change can be in on the box, as confirmCommand and statusCommand print them. */
export type GuardState = 'missing' | 'applying' | 'confirmed' | 'reverting' | 'reverted';

export interface GuardReport {
  state: GuardState;
  /** Why it was undone: Cairn did not confirm in time, or the change itself failed on the box. */
  why: 'timeout' | 'apply-failed' | null;
  /** False when undoing it left a step failed (a restart that did not succeed). */
  complete: boolean;
  /** The guard's own log: what it applied, restarted and undid, with rc-service's output. */
  log: string[];
  /** Undecided, and the guard is not running: it never started or it died, so nothing will decide the change. */
  guardGone: boolean;
}

const MAX_CONTENT = 1024 * 1024;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HEAD = 'cairn-guard';

export const guardDir = (id: string, root = GUARD_ROOT) => `${root}/${id}`;
export const guardPidFile = (id: string, root = PID_ROOT) => `${root}/revert-${id}.pid`;

/** What is wrong with a plan, naming the field, before anything is sent. */
export function checkGuardPlan(plan: GuardPlan): InputProblem | null {
  if (!ID.test(plan.id)) return { field: 'id', message: `"${plan.id}" cannot name a change: use lowercase letters, digits and "-".` };
  if (plan.files.length === 0 && plan.restart.length === 0 && plan.stop.length === 0)
    return { field: 'files', message: 'The change writes no file and restarts or stops no service: there is nothing to guard.' };
  if (!Number.isInteger(plan.windowSeconds) || plan.windowSeconds < 1 || plan.windowSeconds > 86_400)
    return { field: 'windowSeconds', message: 'The window must be a whole number of seconds from 1 to 86400.' };
  const seen = new Set<string>();
  let total = 0;
  for (const [i, f] of plan.files.entries()) {
    if (!f.path.startsWith('/') || f.path.endsWith('/') || f.path.includes('\0') || f.path.length > 4096)
      return { field: `files.${i}.path`, message: `"${f.path}" is not a file path on the box: write it from the root, like /etc/network/interfaces.` };
    if (seen.has(f.path)) return { field: `files.${i}.path`, message: `${f.path} is written twice in one change: keep one.` };
    seen.add(f.path);
    if (!Number.isInteger(f.mode) || f.mode < 0 || f.mode > 0o7777) return { field: `files.${i}.mode`, message: `The mode of ${f.path} must be permission bits like 0644.` };
    if (f.content.includes('\0')) return { field: `files.${i}.content`, message: `${f.path} holds a NUL character, which cannot be sent through a shell.` };
    total += f.content.length;
  }
  if (total > MAX_CONTENT) return { field: 'files', message: 'The files of one change add up to more than 1 MiB: split the change.' };
  for (const [list, field] of [
    [plan.restart, 'restart'],
    [plan.stop, 'stop'],
  ] as const) {
    for (const [i, name] of list.entries()) {
      const problem = checkServiceName(name, `${field}.${i}`);
      if (problem) return problem;
    }
  }
  return null;
}

const octal = (mode: number) => quote(mode.toString(8).padStart(4, '0'));
const tmpOf = (path: string, what: string) => quote(`${path}.${what}`);
const line = (...words: string[]) => words.join(' ');

/** The guard: applies, waits for the confirm, and undoes the change unless confirmed. Every value is quoted. */
function guardScript(plan: GuardPlan): string {
  const dir = guardDir(plan.id, plan.stateRoot);
  const w = quote(String(plan.windowSeconds));
  const rc = (name: string, verb: string) =>
    line('timeout', w, 'rc-service', quote(name), verb, '>>', '"$d/log"', '2>&1', '||', '{', 'log', quote(`rc-service ${name} ${verb} failed`) + ';', 'return 1;', '}');
  const undoRc = (name: string, verb: string) => line('timeout', w, 'rc-service', quote(name), verb, '>>', '"$d/log"', '2>&1', '||', 'ok=1');
  const apply = plan.files.map((f, i) =>
    line(
      // A new file may be the first in its folder (/etc/wpa_supplicant on a box that never had wifi).
      'mkdir',
      '-p',
      quote(f.path.slice(0, f.path.lastIndexOf('/')) || '/'),
      '&&',
      'cp',
      `"$d/new/${i}"`,
      tmpOf(f.path, 'cairn-new'),
      '&&',
      'chmod',
      octal(f.mode),
      tmpOf(f.path, 'cairn-new'),
      '&&',
      'mv',
      '-f',
      tmpOf(f.path, 'cairn-new'),
      quote(f.path),
      '||',
      '{',
      'log',
      quote(`could not write ${f.path}`) + ';',
      'return 1;',
      '}',
    ),
  );
  const undo = plan.files.map((f, i) =>
    line(
      'if',
      '[',
      '-e',
      `"$d/saved/${i}.absent"`,
      '];',
      'then',
      'rm',
      '-f',
      quote(f.path) + ';',
      'else',
      'cp',
      '-p',
      `"$d/saved/${i}"`,
      tmpOf(f.path, 'cairn-old'),
      '&&',
      'mv',
      '-f',
      tmpOf(f.path, 'cairn-old'),
      quote(f.path) + ';',
      'fi',
      '||',
      'ok=1',
    ),
  );
  return [
    '# Cairn: applies one change, then undoes it unless Cairn confirms in time.',
    'umask 022',
    `d=${quote(dir)}`,
    `pidfile=${quote(guardPidFile(plan.id, plan.pidRoot))}`,
    'echo $$ > "$pidfile"',
    // Beside the change too, so that a report can tell a guard that died (killed, the box out of memory) from one at work.
    'echo $$ > "$d/guard.pid"',
    `log() { printf '%s %s\\n' "$(date +%H:%M:%S)" "$*" >> "$d/log"; }`,
    'apply() {',
    `  log ${quote('applying the change')}`,
    ...apply.map((l) => `  ${l}`),
    ...plan.restart.map((s) => `  ${rc(s, 'restart')}`),
    ...plan.stop.map((s) => `  ${rc(s, 'stop')}`),
    '  return 0',
    '}',
    'undo() {',
    '  ok=0',
    ...undo.map((l) => `  ${l}`),
    ...plan.restart.map((s) => `  ${undoRc(s, 'restart')}`),
    ...plan.stop.map((s) => `  ${undoRc(s, 'start')}`),
    '  return $ok',
    '}',
    'why=apply-failed',
    'if apply; then',
    '  : > "$d/applied"',
    `  log ${quote(`applied; waiting ${plan.windowSeconds} s for Cairn to confirm`)}`,
    `  end=$(( $(date +%s) + ${w} ))`,
    '  while [ -e "$d/pending" ] && [ "$(date +%s)" -lt "$end" ]; do sleep 0.5 || sleep 1; done',
    '  why=timeout',
    'fi',
    // The one decision: if Cairn's confirm renamed `pending` first, this rename fails and nothing is undone.
    'if mv "$d/pending" "$d/undo" 2>/dev/null; then',
    `  printf '%s\\n' "$why" > "$d/why"`,
    '  log "undoing the change ($why)"',
    `  if undo; then log ${quote('undone')}; : > "$d/reverted"; else log ${quote('undone, but a step failed')}; echo incomplete > "$d/reverted"; fi`,
    'else',
    `  log ${quote('confirmed by Cairn')}`,
    'fi',
    // The saved copies may hold secrets (a wifi passphrase): they go once the change is decided.
    'rm -rf "$d/saved" "$d/new"',
    'rm -f "$pidfile"',
    '',
  ].join('\n');
}

/**
 * The script Cairn sends on stdin to `sh` to start a guarded change: saves
 * each file (or that it did not exist), stages the new contents, writes the
 * guard and starts it detached (setsid, stdio closed), so it outlives the
 * SSH session. Prints `cairn-guard armed` once the guard runs; exits
 * non-zero, leaving nothing behind, when a file cannot be saved.
 */
export function armScript(plan: GuardPlan): string {
  const problem = checkGuardPlan(plan);
  if (problem) throw new Error(`${problem.field}: ${problem.message}`);
  const dir = guardDir(plan.id, plan.stateRoot);
  const parent = plan.stateRoot ?? GUARD_ROOT;
  const save = plan.files.flatMap((f, i) => [
    line('if', '[', '-d', quote(f.path), '];', 'then', 'fail', quote(`${f.path} is a directory, not a file.`) + ';', 'fi'),
    line(
      'if',
      '[',
      '-e',
      quote(f.path),
      '];',
      'then',
      'cp',
      '-p',
      quote(f.path),
      `"$d/saved/${i}"`,
      '||',
      'fail',
      quote(`${f.path} could not be saved.`) + ';',
      'else',
      ':',
      '>',
      `"$d/saved/${i}.absent";`,
      'fi',
    ),
    line('printf', '%s', quote(f.content), '>', `"$d/new/${i}"`, '||', 'fail', quote(`The new ${f.path} could not be staged.`)),
  ]);
  return [
    'umask 077',
    `d=${quote(dir)}`,
    `fail() { rm -rf "$d"; printf '%s\\n' "$1" >&2; exit 1; }`,
    line('mkdir', '-p', quote(parent), quote(plan.pidRoot ?? PID_ROOT), '||', 'exit 1'),
    line('mkdir', '"$d"', '2>/dev/null', '||', '{', 'echo', quote(`A change named ${plan.id} is already on the box.`), '>&2;', 'exit 1;', '}'),
    'mkdir "$d/saved" "$d/new" || fail "The box could not keep a copy of the files."',
    ...save,
    line('printf', '%s', quote(guardScript(plan)), '>', '"$d/guard.sh"', '||', 'fail', quote('The revert timer could not be written.')),
    ': > "$d/pending"',
    // Through doas on a terminal this shell leads the terminal's session: when it exits, the kernel hangs
    // up the session's process group, and on a busy box the guard may not have reached setsid and nohup
    // yet. It then died unstarted, and Cairn waited out the window for a change the box never applied.
    "trap '' HUP",
    'setsid nohup sh "$d/guard.sh" </dev/null >/dev/null 2>&1 &',
    `echo ${quote(`${HEAD} armed`)}`,
    '',
  ].join('\n');
}

function reportCommand(id: string, confirm: boolean, stateRoot?: string): string {
  if (!ID.test(id)) throw new Error(`"${id}" cannot name a change.`);
  return [
    `d=${quote(guardDir(id, stateRoot))}`,
    `if [ ! -d "$d" ]; then echo ${quote(`${HEAD} missing`)}; exit 0; fi`,
    // Only a change the box has finished applying can be confirmed: a confirm while networking restarts would bless a box not yet tried.
    ...(confirm ? ['[ -e "$d/applied" ] && mv "$d/pending" "$d/confirmed" 2>/dev/null'] : []),
    'if [ -e "$d/confirmed" ]; then s=confirmed; elif [ -e "$d/reverted" ]; then s=reverted; elif [ -e "$d/undo" ]; then s=reverting; else s=applying; fi',
    // While undecided the guard must be running: one that never started or died leaves the change as it is.
    'g=; if [ "$s" = applying ] || [ "$s" = reverting ]; then { read -r p < "$d/guard.pid" && kill -0 "$p"; } 2>/dev/null || g=guard-gone; fi',
    `printf '%s %s %s %s %s\\n' ${quote(HEAD)} "$s" "$(cat "$d/why" 2>/dev/null)" "$(cat "$d/reverted" 2>/dev/null)" "$g"`,
    'cat "$d/log" 2>/dev/null',
    'exit 0',
  ].join('; ');
}

/** Confirms the change when the box has applied it and the guard has not yet given up; prints the state either way. */
export const confirmCommand = (id: string, stateRoot?: string): string => reportCommand(id, true, stateRoot);

/** Prints the change's state without confirming it (for reading the outcome from the old address). */
export const statusCommand = (id: string, stateRoot?: string): string => reportCommand(id, false, stateRoot);

/** Removes a decided change's record from the box; an undecided one is left to its guard. */
export function forgetCommand(id: string, stateRoot?: string): string {
  if (!ID.test(id)) throw new Error(`"${id}" cannot name a change.`);
  return `d=${quote(guardDir(id, stateRoot))}; if [ -e "$d/confirmed" ] || [ -e "$d/reverted" ]; then rm -rf "$d"; fi`;
}

/** Reads what confirmCommand or statusCommand printed; null when it is not their output (cut short, another shell). */
export function parseGuardReport(stdout: string): GuardReport | null {
  const lines = stdout.replaceAll('\r\n', '\n').split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${HEAD} `));
  if (at === -1) return null;
  const [, state, ...rest] = (lines[at] ?? '').trim().split(/\s+/);
  if (!['missing', 'applying', 'confirmed', 'reverting', 'reverted'].includes(state ?? '')) return null;
  const why = rest.includes('apply-failed') ? 'apply-failed' : rest.includes('timeout') ? 'timeout' : null;
  const log = lines.slice(at + 1);
  while (log.length > 0 && log.at(-1)?.trim() === '') log.pop();
  return { state: state as GuardState, why, complete: !rest.includes('incomplete'), log, guardGone: rest.includes('guard-gone') };
}
