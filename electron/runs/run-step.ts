import type { Step } from '../../shared/plan';
import { OutputAnalyser, verdictOf, type Finding } from '../../shared/runs';
import type { RunError, StepStatus } from './events';
import { runDetached, runPlain, uploadFor, type StepContext, type StepOutcome } from './step-runner';
import type { RunTracker } from './tracker';

export interface StepEnd {
  status: Extract<StepStatus, 'succeeded' | 'warned' | 'failed' | 'cancelled'>;
  error: RunError | null;
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1)?.trim() ?? '';

/** How a step ended, from its outcome and what its output showed (setup-alpine exits 0 after many failures). */
function judge(step: Step, outcome: StepOutcome, findings: Finding[], tail: string): StepEnd & { exitCode: number | null } {
  if ('error' in outcome) return { status: outcome.error.code === 'cancelled' ? 'cancelled' : 'failed', error: outcome.error, exitCode: null };
  const { exitCode } = outcome;
  const firstError = findings.find((f) => f.severity === 'error');
  if (exitCode !== 0) {
    const how = exitCode === null ? 'was killed' : `failed with exit code ${exitCode}`;
    const detail = firstError?.reason ?? (lastLine(outcome.stderr) || lastLine(tail));
    return { status: 'failed', exitCode, error: { code: 'step-failed', stepId: step.id, message: `"${step.title}" ${how}${detail ? `: ${detail}` : '.'}` } };
  }
  const verdict = verdictOf(findings);
  if (verdict === 'error' && firstError) return { status: 'failed', exitCode, error: { code: 'output-error', stepId: step.id, message: firstError.reason } };
  return { status: verdict === 'warning' ? 'warned' : 'succeeded', exitCode, error: null };
}

/**
 * Runs one step and records it: output to the log and the events, through
 * the analyser for detached steps (progress, findings, and a prompt loop
 * that stops the step). `removeAfter`: the run's work folder, removed on
 * the step's own channel once it ends (a plain step that is the run's last).
 */
export async function runStep(base: StepContext, step: Step, tracker: RunTracker, removeAfter?: string): Promise<StepEnd> {
  tracker.start(step.id);
  const analyser = step.detached ? new OutputAnalyser({ promptRepeats: base.limits.promptRepeats }) : null;
  const stop = new AbortController();
  let tail = '';
  const take = (events: ReturnType<OutputAnalyser['feed']>) => {
    for (const e of events) {
      if (e.kind === 'progress') tracker.progress(step.id, e.progress);
      else tracker.finding(e.finding);
    }
    if (analyser?.promptLoop && !stop.signal.aborted) {
      stop.abort({ code: 'prompt-loop', message: analyser.promptLoop.reason, stepId: step.id } satisfies RunError);
    }
  };
  const ctx: StepContext = {
    ...base,
    onOutput: (chunk, stream) => {
      const text = tracker.output(chunk, `${step.id}:${stream}`);
      // A flood's chunk is kilobytes: joining it to the tail first would copy all of it for 512 characters.
      tail = text.length >= 512 ? text.slice(-512) : (tail + text).slice(-512);
      if (analyser) take(analyser.feed(text));
    },
  };
  const uploadError = await uploadFor(ctx, step);
  const outcome: StepOutcome = uploadError ? { error: uploadError } : step.detached ? await runDetached(ctx, step, stop.signal) : await runPlain(ctx, step, removeAfter);
  if (analyser) take(analyser.end());
  const ended = judge(step, outcome, analyser?.findings ?? [], tail);
  tracker.end(step.id, ended.status, { exitCode: ended.exitCode, findings: analyser?.findings ?? [], error: ended.error });
  return { status: ended.status, error: ended.error };
}
