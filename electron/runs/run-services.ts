import type { EmitEvent } from '../ipc/events';
import type { Log } from '../log';
import { storePaths } from '../store/paths';
import { openRunFiles } from '../store/runs';
import type { RunEvent } from './events';
import type { RunActivity } from './fleet-registry';
import type { LimitsInput } from './limits';
import { markInterruptedRuns } from './persist';
import type { RunTargetOptions } from './run-target';

/** What the run launcher needs besides the stores: where runs are kept, and where their events go. */
export interface RunServices {
  runsDir: string;
  openRun: RunTargetOptions['openRun'];
  /** Every run event and fleet change, as it happens. */
  onActivity: (activity: RunActivity) => void;
  /** Runner limits (timeouts, reconnects); the runner's defaults when left out. */
  limits?: LimitsInput;
}

export type RunActivityListener = (activity: RunActivity) => void;

export const isRunEvent = (activity: RunActivity): activity is RunEvent => activity.type !== 'fleet.started' && activity.type !== 'fleet.done';

/** Sends a runner event to the window under its own name; the contract's payload is the event less its `type`. */
export function emitRunEvent(emit: EmitEvent, event: RunEvent): void {
  switch (event.type) {
    case 'run.output': {
      const { type, ...payload } = event;
      return emit(type, payload);
    }
    case 'run.step': {
      const { type, ...payload } = event;
      return emit(type, payload);
    }
    case 'run.progress': {
      const { type, ...payload } = event;
      return emit(type, payload);
    }
    case 'run.preflight': {
      const { type, ...payload } = event;
      return emit(type, payload);
    }
    case 'run.done': {
      const { type, ...payload } = event;
      return emit(type, payload);
    }
  }
}

/** Runs under `userData/runs` whose events go nowhere: for handler tables built without run services (older tests). */
export function silentRunServices(userData: string): RunServices {
  const runsDir = storePaths(userData).runs;
  return { runsDir, openRun: (runId) => openRunFiles(runsDir, runId), onActivity: () => undefined };
}

/**
 * The runs of the desktop app (and of the journeys' backend): run files
 * under `userData/runs`, events to the window, and listeners for the desktop
 * shell (notifications, taskbar progress). At start every run a previous
 * Cairn left "running" is marked interrupted, unless `markInterrupted` is
 * false (the cairn command and tests, which do not own the runs).
 */
export async function createRunServices(options: { userData: string; emit: EmitEvent; log: Log; limits?: LimitsInput; markInterrupted?: boolean }) {
  const runsDir = storePaths(options.userData).runs;
  const interrupted = options.markInterrupted === false ? [] : await markInterruptedRuns(runsDir);
  if (interrupted.length > 0) options.log.warn(`Marked ${interrupted.length} run(s) left running by a previous Cairn as interrupted: ${interrupted.join(', ')}.`);
  const listeners = new Set<RunActivityListener>();
  const services: RunServices = {
    runsDir,
    openRun: (runId) => openRunFiles(runsDir, runId),
    onActivity: (activity) => {
      if (isRunEvent(activity)) emitRunEvent(options.emit, activity);
      for (const listener of listeners) {
        try {
          listener(activity);
        } catch (error) {
          options.log.error('A run activity listener failed', error);
        }
      }
    },
    ...(options.limits ? { limits: options.limits } : {}),
  };
  return {
    services,
    interrupted,
    /** Listens to every run event and fleet change; returns the function that stops listening. */
    onActivity(listener: RunActivityListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
