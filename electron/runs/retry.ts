import type { RunResume, RunStatusName, RunSummaryInfo } from '../../shared/api/runs';
import type { Step } from '../../shared/plan';
import { resumePlan } from '../../shared/plan/resume';
import { isDone, needsRetry } from '../../shared/runs/statuses';
import { latestRunsOf } from '../store/run-history';

// One rule for the runner and the window (shared/runs); named here too, where the runs barrel finds it.
export { needsRetry };

/**
 * The targets of a fleet to run again, in the fleet's order: those whose
 * newest run did not finish as planned, or that never got a run; narrowed to
 * `only` when given. A run still going is never retried.
 */
export function retryable(targetIds: readonly string[], latest: ReadonlyMap<string, { status: RunStatusName }>, only?: readonly string[]): string[] {
  return targetIds.filter((id) => {
    const last = latest.get(id);
    return (only === undefined || only.includes(id)) && (last === undefined || needsRetry(last.status));
  });
}

/** retryable() over the runs of the fleet kept in `runsDir`. */
export async function targetsToRetry(runsDir: string, fleetId: string, targetIds: readonly string[], only?: readonly string[]): Promise<string[]> {
  return retryable(targetIds, await latestRunsOf(runsDir, fleetId), only);
}

/** What a retry of one box takes from the box's run before: the steps that run completed, or why it takes nothing. */
export interface ResumeFrom {
  /** The box's run before this one; null when there is none Cairn can read (nothing is then skipped). */
  previousRunId: string | null;
  /** Ids of the steps that run completed (done, or skipped as done before it). */
  completed: string[];
  /** Why every step runs again, as a clause ("the profile was changed after its last run"); null when the retry resumes. */
  why: string | null;
}

/** The plan steps a run completed: done there, or skipped there because the run before it had done them. */
export const completedSteps = (summary: Pick<RunSummaryInfo, 'steps'>): string[] =>
  summary.steps.filter((s) => s.id !== 'preflight' && (isDone(s.status) || (s.status === 'skipped' && s.doneIn !== undefined))).map((s) => s.id);

/** What the box's previous run is to a retry: its summary, one Cairn cannot read, or none at all. */
export type PreviousRun = { summary: RunSummaryInfo } | 'unreadable' | null;

/** What a retry compares with the run before, so it never skips a step done with other values or on another machine. */
export interface ResumeCheck {
  /** The box's profile's name, and when the saved profile was last saved (null when unknown). */
  profileName: string;
  profileUpdatedAt: string | null;
  /** Where the target points now. */
  target: { host: string; port: number; user: string };
}

const list = (ids: readonly string[]) => ids.join(', ');

/** Why the plan of now is not the plan the run before ran; null when the steps are the same. */
function planChange(before: readonly string[], now: readonly string[]): string | null {
  if (before.join() === now.join()) return null;
  const added = now.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !now.includes(id));
  const how = [added.length > 0 ? `now with ${list(added)}` : '', removed.length > 0 ? `without ${list(removed)}` : ''].filter(Boolean).join(', ');
  return `its plan changed since its last run (${how || 'the same steps in another order'})`;
}

/**
 * How a retry of one box may resume: from the steps its previous run
 * completed, unless that run cannot be read, its plan had other steps, the
 * profile was saved after it started, or the target now points at another
 * address; then every step runs again and `why` says which.
 */
export function resumeFrom(previous: PreviousRun, planned: ReadonlyArray<Pick<Step, 'id'>>, check: ResumeCheck): ResumeFrom {
  const anew = (why: string, previousRunId: string | null = null): ResumeFrom => ({ previousRunId, completed: [], why });
  if (previous === null) return anew('Cairn has no earlier run of it in this fleet');
  if (previous === 'unreadable') return anew('the summary of its last run cannot be read');
  const s = previous.summary;
  const changed = planChange(
    s.steps.filter((step) => step.id !== 'preflight').map((step) => step.id),
    planned.map((step) => step.id),
  );
  if (changed) return anew(changed, s.runId);
  if (s.profileName !== check.profileName || (check.profileUpdatedAt !== null && check.profileUpdatedAt > s.startedAt))
    return anew('the profile was changed after its last run', s.runId);
  const t = check.target;
  if (s.target.host !== t.host || s.target.port !== t.port || s.target.user !== t.user) {
    return anew(`the target now points at ${t.user}@${t.host}:${t.port}, not where its last run went`, s.runId);
  }
  return { previousRunId: s.runId, completed: completedSteps(s), why: null };
}

/** What a retry of `steps` runs again and skips (shared/plan/resume.ts), as the summary and the retry's answer say it. */
export function resumeInfo(steps: ReadonlyArray<Pick<Step, 'id' | 'title' | 'always'>>, from: ResumeFrom): RunResume {
  // Nothing is skipped without a run to name as the one that did it.
  const plan = resumePlan(steps, from.why === null && from.previousRunId !== null ? from.completed : []);
  return {
    previousRunId: from.previousRunId,
    from: plan.from === null ? null : { id: plan.from.id, title: plan.from.title },
    rerun: plan.rerun,
    skipped: plan.skipped,
    why: from.why,
  };
}
