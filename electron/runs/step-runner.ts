import type { Step, TargetFacts } from '../../shared/plan';
import { sh } from '../../shared/shell';
import { exec, upload, type ExecOptions, type SshError, type TerminalOptions } from '../ssh';
import { execAsRoot, type Elevation } from '../ssh/doas';
import { planUpload } from '../ssh/upload';
import { detachedFiles, stopDetached } from './detached';
import type { RunError } from './events';
import { runErrorOf } from './run-error';
import { follow } from './follow';
import type { RunLimits } from './limits';
import type { Session } from './session';

export interface StepContext {
  session: Session;
  facts: Required<Pick<TargetFacts, 'privilege' | 'workDir'>>;
  /** Set when doas asks for the login's password: commands are root lines, started through doas on a terminal. */
  elevation: Elevation;
  limits: RunLimits;
  /** The user's cancel. */
  signal: AbortSignal;
  onOutput: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

export type StepOutcome = { exitCode: number | null; stderr: string } | { error: RunError };

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function stepError(step: Step, error: SshError | RunError): RunError {
  return runErrorOf(error, step.id);
}

/**
 * A detached step started as the login gets its file on the launch's own
 * channel (one round trip fewer); only a start through doas on a terminal,
 * which has no stdin to send it on, uploads it first.
 */
const uploadsWithLaunch = (ctx: StepContext, step: Step): boolean => step.detached === true && ctx.elevation === null;

/** Uploads the step's file, once more after a reconnect if the connection dropped meanwhile. */
export async function uploadFor(ctx: StepContext, step: Step): Promise<RunError | null> {
  if (!step.upload || uploadsWithLaunch(ctx, step)) return null;
  for (let attempt = 0; ; attempt++) {
    const live = await ctx.session.live(ctx.signal);
    if (!live.ok) return stepError(step, live.error);
    const sent = await upload(live.value, step.upload.path, step.upload.content, { mode: step.upload.mode, signal: ctx.signal, timeoutMs: ctx.limits.stepTimeoutMs.short });
    if (sent.ok) return null;
    if (sent.error.code !== 'connection-lost' || attempt >= 1) return stepError(step, sent.error);
  }
}

/**
 * A step that asks on a terminal (cryptsetup's passphrase, asked twice to
 * format and once to open): each prompt answered, and two rounds at most, so
 * a refused answer stops the step instead of asking forever.
 */
const terminalFor = (step: Step): TerminalOptions => ({
  answers: (step.answers ?? []).map((a) => ({ prompt: new RegExp(a.prompt), answer: a.answer })),
  maxAnswers: 6,
  refusedSentence: `"${step.title}" asked for its passphrase again after Cairn typed it; check the passphrase in the profile`,
});

/**
 * The step's command, then the run's work folder removed on the same
 * channel (one round trip fewer at the end of a run), keeping the step's
 * exit code. A subshell, because a shell may exec its last command in place
 * of itself (BusyBox ash does, and skips an EXIT trap then).
 */
const REMOVING_AFTER = '(eval "$1"); rc=$?; rm -rf -- "$2" 2> /dev/null; exit $rc';

export const commandRemovingAfter = (command: string, dir: string): string => sh('/bin/sh', '-c', REMOVING_AFTER, 'cairn-step', command, dir);

/**
 * A step in the foreground of one exec channel: stdin (maybe a secret) is
 * sent, never kept. With `removeAfter` (the last step of a run) the work
 * folder goes on the same channel.
 */
export async function runPlain(ctx: StepContext, step: Step, removeAfter?: string): Promise<StepOutcome> {
  const live = await ctx.session.live(ctx.signal);
  if (!live.ok) return { error: stepError(step, live.error) };
  const command = removeAfter === undefined ? step.command : commandRemovingAfter(step.command, removeAfter);
  const options: ExecOptions = {
    ...(step.answers ? { terminal: terminalFor(step) } : { stdin: step.stdin }),
    signal: ctx.signal,
    timeoutMs: ctx.limits.stepTimeoutMs[step.duration],
    idleTimeoutMs: ctx.limits.idleTimeoutMs,
    keepBytes: 4096,
    onStdout: (c: Buffer) => ctx.onOutput(c, 'stdout'),
    onStderr: (c: Buffer) => ctx.onOutput(c, 'stderr'),
  };
  const result = ctx.elevation ? await execAsRoot(live.value, command, ctx.elevation.doasPassword, options) : await exec(live.value, command, options);
  if (result.ok) return { exitCode: result.value.exitCode, stderr: result.value.stderr };
  // The box going away is what a reboot step is for.
  if (step.disconnects && result.error.code === 'connection-lost') return { exitCode: 0, stderr: '' };
  if (result.error.code === 'connection-lost') {
    return {
      error: {
        code: 'connection-lost',
        stepId: step.id,
        message: `The connection dropped while "${step.title}" ran, so whether it finished is unknown: check the box, then run again.`,
      },
    };
  }
  return { error: stepError(step, result.error) };
}

/**
 * A detached step: started in its own process group with stdin closed,
 * its log followed (across reconnects) until it writes its exit code.
 * A failed start is reported as such (the follower says why).
 * `stop` ends it early with a reason (a prompt loop seen in its output);
 * so do the idle and total time limits and the user's cancel.
 */
export async function runDetached(ctx: StepContext, step: Step, stop: AbortSignal): Promise<StepOutcome> {
  const files = detachedFiles(ctx.facts.workDir, step.id);
  const halt = new AbortController();
  let reason: RunError | null = null;
  const end = (why: RunError) => {
    reason ??= why;
    halt.abort();
  };
  const total = ctx.limits.stepTimeoutMs[step.duration];
  const idleMs = ctx.limits.idleTimeoutMs;
  const timers = [setTimeout(() => end({ code: 'timeout', stepId: step.id, message: `"${step.title}" was still running after ${seconds(total)}, so it was stopped.` }), total)];
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        end({
          code: 'idle-timeout',
          stepId: step.id,
          message: `"${step.title}" printed nothing for ${seconds(idleMs)}, so it was stopped: it may be waiting for an answer that will never come.`,
        }),
      idleMs,
    );
  };
  const onCancel = () => end({ code: 'cancelled', stepId: step.id, message: `"${step.title}" was cancelled and stopped on the box.` });
  const onStop = () => end(stop.reason as RunError);
  ctx.signal.addEventListener('abort', onCancel, { once: true });
  stop.addEventListener('abort', onStop, { once: true });
  if (ctx.signal.aborted) onCancel();
  armIdle();

  const followed = await follow(ctx.session, files, {
    launch: step.command,
    elevation: ctx.elevation,
    ...(step.upload && uploadsWithLaunch(ctx, step) ? { upload: planUpload(step.upload.path, step.upload.content, step.upload.mode) } : {}),
    signal: halt.signal,
    onData: (chunk) => {
      armIdle();
      ctx.onOutput(chunk, 'stdout');
    },
  });
  timers.forEach(clearTimeout);
  clearTimeout(idle);
  ctx.signal.removeEventListener('abort', onCancel);
  stop.removeEventListener('abort', onStop);

  if (reason !== null) {
    // Bounded: a box that cannot be reached again must not hold the stop (a dead link would retry for minutes).
    const live = await ctx.session.live(AbortSignal.timeout(ctx.limits.stopReachMs));
    if (live.ok) await stopDetached(live.value, files, ctx.facts, ctx.elevation);
    return { error: reason };
  }
  if (!followed.ok) return { error: stepError(step, followed.error) };
  if ('missing' in followed.value) {
    return {
      error: {
        code: 'connection-lost',
        stepId: step.id,
        message: `The log of "${step.title}" is gone from the box (it may have rebooted), so how it ended is unknown: check the box, then run again.`,
      },
    };
  }
  return { exitCode: followed.value.exitCode, stderr: '' };
}
