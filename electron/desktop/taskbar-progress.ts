import type { RunStepStatus } from '../../shared/api/runs';
import { isStepEnded } from '../../shared/runs/statuses';
import type { RunActivity } from '../runs/fleet-registry';

/** No progress bar: what Electron's setProgressBar takes to remove it. */
export const NO_PROGRESS = -1;

interface RunState {
  steps: Map<string, RunStepStatus>;
  /** How far the running step is, 0..1 (setup-alpine's sections); 0 for others. */
  partial: number;
  done: boolean;
}

/** How far one run is: ended steps, plus the part of the running one, over all its steps. A queued run is at 0. */
export function runFraction(run: RunState): number {
  if (run.done) return 1;
  if (run.steps.size === 0) return 0;
  let ended = 0;
  for (const status of run.steps.values()) if (isStepEnded(status)) ended++;
  return Math.min(1, (ended + run.partial) / run.steps.size);
}

/**
 * The taskbar's progress over every run going now: the mean of their
 * fractions, counting runs that already ended in this batch as complete so
 * the bar never moves back when one finishes early. When the last run ends
 * the batch is over and the bar goes away.
 */
export class TaskbarProgress {
  private readonly batch = new Map<string, RunState>();
  private shown = NO_PROGRESS;

  private run(runId: string): RunState {
    let state = this.batch.get(runId);
    if (!state) this.batch.set(runId, (state = { steps: new Map(), partial: 0, done: false }));
    return state;
  }

  /** Takes one activity; returns the new value for setProgressBar, or null when the bar need not change. */
  apply(activity: RunActivity): number | null {
    switch (activity.type) {
      case 'fleet.started':
        for (const r of activity.runs) this.run(r.runId);
        break;
      case 'run.step': {
        const run = this.run(activity.runId);
        run.steps.set(activity.stepId, activity.status);
        if (activity.status !== 'running') run.partial = 0;
        break;
      }
      case 'run.progress':
        this.run(activity.runId).partial = activity.progress.index / activity.progress.total;
        break;
      case 'run.done':
        this.run(activity.runId).done = true;
        break;
      default:
        return null;
    }
    return this.show(this.value());
  }

  private value(): number {
    const runs = [...this.batch.values()];
    if (runs.length === 0 || runs.every((r) => r.done)) {
      this.batch.clear();
      return NO_PROGRESS;
    }
    const mean = runs.reduce((sum, r) => sum + runFraction(r), 0) / runs.length;
    // Whole percents: the bar cannot show finer, and output arrives 30 times a second.
    return Math.round(mean * 100) / 100;
  }

  private show(value: number): number | null {
    if (value === this.shown) return null;
    this.shown = value;
    return value;
  }
}
