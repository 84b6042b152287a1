// A change that can cut Cairn off from a box (its interfaces, DNS, sshd,
// wifi; stopping networking or sshd) runs guarded: the box saves what it
// changes and starts a revert timer of its own before applying anything;
// Cairn reconnects (at the new address when the change moves the box) and
// confirms, which is what stops the timer. A box Cairn cannot reach again
// puts itself back within the window, and Cairn says so from the old
// address. The on-box half, and how the confirm and the timeout cannot both
// win, is shared/boxes/revert-script.ts.
import { randomBytes } from 'node:crypto';
import { err, ok } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import {
  armScript,
  checkGuardPlan,
  confirmCommand,
  forgetCommand,
  guardDir,
  parseGuardReport,
  statusCommand,
  type GuardedFile,
  type GuardPlan,
  type GuardReport,
} from '../../shared/boxes/revert-script';
import { sh } from '../../shared/shell';
import type { SshConnection } from '../ssh/connect';
import { FINAL_CODES, seconds } from '../ssh/errors';
import type { HostTrust } from '../ssh/known-hosts';
import type { KnownHostsStore } from '../store/known-hosts';
import type { TargetStore } from '../store/targets';
import type { BoxAccess, BoxCallContext } from './access';
import type { BoxError, BoxResult } from './errors';
import { targetAt } from './follow-address';
import { pause } from './power';
import { execAsBoxRoot, firstLine, invalid } from './run-on-box';

export type { GuardedFile } from '../../shared/boxes/revert-script';

/** What to change: files written whole, then services restarted or stopped. */
export interface GuardedChange {
  files: readonly GuardedFile[];
  restart: readonly string[];
  stop?: readonly string[];
  /** How long the box waits for Cairn's confirm once the change is applied (default 90 s; 5 s to 1 hour). */
  windowMs?: number;
  /** Where the box answers once the change is applied, when it moves it (a new static address). */
  newAddress?: string;
}

export interface GuardedResult {
  /** `confirmed`: the change stays. `reverted`: the box put everything back by itself. */
  outcome: 'confirmed' | 'reverted';
  /** The address Cairn reached the box at in the end. */
  at: string;
  /** Why the box undid it: no confirm in time, or the change itself failed on the box. */
  why?: 'timeout' | 'apply-failed';
  /** The box answered at the change's new address by its host key: the target points there now. */
  movedTo?: string;
  /** The whole window, in seconds. */
  windowSeconds: number;
  /** What happened, in one or two sentences for the person. */
  summary: string;
  /** The box's own log of applying and undoing (rc-service's output included). */
  log: string[];
}

/** Where the target follows a box the change moved; without it a change with `newAddress` is refused. */
export interface FollowStores {
  targets: Pick<TargetStore, 'save'>;
  knownHosts: Pick<KnownHostsStore, 'add'>;
  trust: HostTrust;
}

export interface GuardDeps {
  access: BoxAccess;
  follow?: FollowStores;
  signal?: AbortSignal;
  /** The pause between attempts to reach the box (default 1 s). */
  retryMs?: number;
  /** How long Cairn goes on trying after the box should have put itself back (default 30 s). */
  graceMs?: number;
}

export const DEFAULT_WINDOW_MS = 90_000;
export const MIN_WINDOW_MS = 5000;
export const MAX_WINDOW_MS = 3_600_000;

type Progress = (text: string) => void;

/** One answer of the box about the change, and the connection that got it (closed by the caller). */
interface Reading {
  report: GuardReport;
  conn: SshConnection;
  host: string;
}

/**
 * Applies a change that may cut Cairn off, guarded by a revert timer on the
 * box, and answers once it is known whether the change stayed or the box
 * undid it. Opens its own connections (the target's address, and
 * `newAddress`); call it with none open that the change could strand.
 *
 * - `confirmed`: Cairn reached the box after the change (at `newAddress`
 *   when given, recognised by the host key it had) and the confirm beat the
 *   timer; with `newAddress` the target is saved pointing there.
 * - `reverted`: no confirm in time (`why: 'timeout'`) or the change failed
 *   on the box (`why: 'apply-failed'`); the box restored every file byte
 *   for byte and restarted (or started) what the change touched, and Cairn
 *   read that from it again.
 * - an error: nothing was changed (refused before arming), or the box could
 *   not be reached even after it should have put itself back (`timeout`).
 */
export async function applyGuarded(deps: GuardDeps, target: Target, change: GuardedChange, onProgress: Progress): Promise<BoxResult<GuardedResult>> {
  const { access, signal } = deps;
  const windowMs = change.windowMs ?? DEFAULT_WINDOW_MS;
  if (!Number.isFinite(windowMs) || windowMs < MIN_WINDOW_MS || windowMs > MAX_WINDOW_MS)
    return invalid({ field: 'windowMs', message: `The window must be from ${seconds(MIN_WINDOW_MS)} to one hour; ${seconds(DEFAULT_WINDOW_MS)} suits most boxes.` });
  const plan: GuardPlan = {
    id: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    files: change.files,
    restart: change.restart,
    stop: change.stop ?? [],
    windowSeconds: Math.ceil(windowMs / 1000),
  };
  const problem = checkGuardPlan(plan);
  if (problem) return invalid(problem);

  const moving = change.newAddress !== undefined && change.newAddress !== target.host ? change.newAddress : null;
  let there: Target | null = null;
  if (moving !== null) {
    there = deps.follow === undefined ? null : await targetAt(target, moving, deps.follow.trust);
    if (there === null)
      return invalid({
        field: 'newAddress',
        message: `Cairn knows no host key of ${target.name} to recognise it at ${moving}: test the connection to it first. Nothing was changed.`,
      });
  }

  const linked = await access.connect(target, signal);
  if (!linked.ok) return linked;
  // Every later command reaches root the same way, typing the doas password when doas asks for it.
  const { context } = linked.value;
  onProgress(`Saving what the change touches on ${target.name} and starting its revert timer (${plan.windowSeconds} s)…\n`);
  const armed = await execAsBoxRoot(linked.value.conn, sh('sh'), context, { stdin: armScript(plan), timeoutMs: 60_000, signal });
  await linked.value.conn.close();
  if (armed.ok && armed.value.exitCode !== 0) {
    const reason = firstLine(armed.value.stderr) ?? `it exited with ${armed.value.exitCode}`;
    return err({
      code: 'remote-failed',
      exitCode: armed.value.exitCode,
      stderr: armed.value.stderr,
      message: `${target.name} could not start the guarded change: ${reason} Nothing was changed.`,
    });
  }
  // An arm whose answer was lost may have started the guard all the same: the box is asked which.
  // Any other failure (cancelled, doas refusing or lacking its password) came before the box ran it.
  if (!armed.ok && !ANSWER_LOST.has(armed.error.code)) return armed;
  onProgress(
    moving === null
      ? `Applying; Cairn reconnects and confirms within ${plan.windowSeconds} s, or the box puts everything back by itself.\n`
      : `Applying; Cairn looks for ${target.name} at ${moving} to confirm within ${plan.windowSeconds} s, or the box goes back to ${target.host} by itself.\n`,
  );

  const services = plan.restart.length + plan.stop.length;
  // The box's worst case: each restart may take the whole window (then it is killed), then the window, then undoing.
  const deadline = Date.now() + windowMs * (1 + 2 * services) + (deps.graceMs ?? 30_000);
  const attemptMs = Math.min(15_000, Math.max(3000, Math.round(windowMs / 3)));
  const retryMs = deps.retryMs ?? 1000;

  const read = async (at: Target, confirm: boolean): Promise<Reading | null> => {
    const attempt = AbortSignal.any([AbortSignal.timeout(attemptMs), ...(signal ? [signal] : [])]);
    const opened = await access.connectFn(at)(attempt);
    if (!opened.ok) {
      if (FINAL_CODES.has(opened.error.code) && opened.error.code !== 'cancelled') throw new Refusal(opened.error);
      return null;
    }
    if (confirm) onProgress(`Reached ${target.name} at ${at.host}; confirming the change…\n`);
    const command = confirm ? confirmCommand(plan.id) : statusCommand(plan.id);
    const ran = await execAsBoxRoot(opened.value, command, context, { timeoutMs: attemptMs });
    const report = ran.ok ? parseGuardReport(ran.value.stdout) : null;
    if (report === null) {
      if (!ran.ok) onProgress(`The box's answer was lost with the connection (${ran.error.message}); asking again.\n`);
      await opened.value.close();
      return null;
    }
    return { report, conn: opened.value, host: at.host };
  };

  let lastWord = '';
  /** Since when the box has said its guard is not running (null: it is, or it was not asked yet). */
  let goneSince: number | null = null;
  try {
    for (;;) {
      if (signal?.aborted) {
        return err({
          code: 'cancelled',
          message: `Cairn stopped waiting for ${target.name}, as asked; unless the change was confirmed, the box puts it back by itself within ${plan.windowSeconds} s.`,
        });
      }
      // Confirm only where the change should have put the box; the old address only tells what happened.
      const reading = (await read(there ?? target, true)) ?? (there === null ? null : await read(target, false));
      if (reading !== null) {
        const { report } = reading;
        if (report.state === 'confirmed' || report.state === 'reverted') return ok(await settle(deps, target, plan, reading, moving, context, onProgress));
        await reading.conn.close();
        if (report.state === 'missing')
          return err({
            code: 'remote-failed',
            exitCode: null,
            stderr: '',
            message: `${target.name} has no record of the change: its revert timer never started, and nothing was changed.`,
          });
        goneSince = report.guardGone ? (goneSince ?? Date.now()) : null;
        // A guard starts within moments of the arm, even on a busy box: gone for longer, it never will decide.
        if (goneSince !== null && Date.now() - goneSince >= GUARD_START_MS) return err(guardGone(target, plan, report));
        const word = report.state === 'applying' ? `${target.name} is still applying the change…` : `${target.name} is putting the change back…`;
        if (word !== lastWord) onProgress(`${word}\n`);
        lastWord = word;
      }
      if (Date.now() >= deadline) {
        const where = moving === null ? `at ${target.host}` : `at ${moving} or ${target.host}`;
        return err({
          code: 'timeout',
          message: `Cairn cannot reach ${target.name} ${where}, even after its revert timer should have put the change back: check the box at its console.`,
        });
      }
      await pause(retryMs, signal);
    }
  } catch (error) {
    if (error instanceof Refusal) return err(error.error);
    throw error;
  }
}

/** How long a guard that is not running may still be starting before the change is given up as stranded. */
export const GUARD_START_MS = 10_000;

/** The guard stopped (or never started) before the change was decided: nothing on the box will put it back. */
export function guardGone(target: Target, plan: GuardPlan, report: GuardReport): BoxError {
  const applied = report.log.some((l) => l.includes('applying the change'));
  const files = plan.files.map((f) => f.path).join(', ');
  const undo = report.state === 'reverting';
  const message = !applied
    ? `The revert timer on ${target.name} stopped before it applied anything, so the change was not made: try again, and check the box's memory and processes if it keeps happening.`
    : `The revert timer on ${target.name} stopped while ${undo ? 'putting the change back' : 'applying the change'}, so nothing will finish it by itself: check ${files || 'the services it touched'} at the box's console (its saved copies are in ${guardDir(plan.id)}).`;
  return { code: 'remote-failed', exitCode: null, stderr: report.log.join('\n'), message };
}

/** How an arm can end with the box having run it or not: only asking it tells. */
const ANSWER_LOST: ReadonlySet<string> = new Set(['connection-lost', 'timeout', 'idle-timeout']);

/** A refusal waiting does not cure (another host key at the address): it ends the wait. */
class Refusal extends Error {
  constructor(readonly error: BoxError) {
    super(error.message);
  }
}

/** The change is decided: say what happened, follow a moved box, and clear its record from the box. */
async function settle(
  deps: GuardDeps,
  target: Target,
  plan: GuardPlan,
  reading: Reading,
  moving: string | null,
  context: BoxCallContext,
  onProgress: Progress,
): Promise<GuardedResult> {
  const { report, conn, host } = reading;
  try {
    await execAsBoxRoot(conn, forgetCommand(plan.id), context, { timeoutMs: 15_000 });
  } finally {
    await conn.close();
  }
  for (const line of report.log) onProgress(`box: ${line}\n`);
  const base = { at: host, windowSeconds: plan.windowSeconds, log: report.log };
  if (report.state === 'confirmed') {
    if (moving !== null && host === moving) {
      const problem = await follow(deps, target, moving);
      const summary =
        problem === null
          ? `${target.name} answers at ${moving} now, with the host key it had: the change is kept, and the target points there from now on.`
          : `${target.name} answers at ${moving} now and the change is kept, but the target could not be updated (${problem}): edit its address in Targets.`;
      onProgress(`${summary}\n`);
      return { outcome: 'confirmed', ...base, ...(problem === null ? { movedTo: moving } : {}), summary };
    }
    const summary = `Cairn reached ${target.name} again at ${host} after the change and confirmed it: the change is kept.`;
    onProgress(`${summary}\n`);
    return { outcome: 'confirmed', ...base, summary };
  }
  const why = report.why ?? 'timeout';
  const failed = why === 'apply-failed' ? report.log.find((l) => /failed|could not/.test(l))?.replace(/^\d\d:\d\d:\d\d /, '') : undefined;
  const cause =
    why === 'apply-failed'
      ? `The change failed on ${target.name}${failed === undefined ? '' : ` (${failed})`}, so the box put everything back`
      : `Cairn could not reach ${target.name}${moving === null ? '' : ` at ${moving}`} within ${plan.windowSeconds} s of the change, so the box put everything back by itself`;
  const incomplete = report.complete ? '' : ' Not every step of putting it back succeeded: read the box log below.';
  const summary = `${cause}; it answers at ${host} as before.${incomplete}`;
  onProgress(`${summary}\n`);
  return { outcome: 'reverted', ...base, why, summary };
}

/** The target points at the box's new address, which is trusted with the key the box was recognised by there. */
async function follow(deps: GuardDeps, target: Target, host: string): Promise<string | null> {
  if (deps.follow === undefined) return 'nothing to follow with';
  const there = await targetAt(target, host, deps.follow.trust);
  const key = there?.hostKey;
  if (there === null || key === undefined) return 'no host key known';
  const { id: _id, ...rest } = there;
  // A target without a boot-medium key stays without one: the key goes to known_hosts for the new address.
  const saved = await deps.follow.targets.save({ ...rest, id: target.id, ...(target.hostKey === undefined ? { hostKey: undefined } : {}) });
  if (!saved.ok) return saved.error.message;
  await deps.follow.knownHosts.add(host, target.port, key.keyType, key.key);
  return null;
}
