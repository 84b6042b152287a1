import type { BoxAction } from '../../shared/api/boxes';
import type { Target } from '../../shared/api/targets';
import type { EmitEvent } from '../ipc/events';
import type { RunEvent } from '../runs/events';
import { newId } from '../runs/ids';
import { RunRecorder, SUMMARY_VERSION, type RunSummary } from '../runs/persist';
import { runErrorOf } from '../runs/run-error';
import { RunTracker, stepRecord } from '../runs/tracker';
import type { RunFiles } from '../store/runs';
import type { BoxError, BoxResult } from './errors';
import type { OutputStream } from './options';

// Every box action is a run like an install: output.log appended as it
// comes, summary.json replaced whole at each change, through the runner's own
// recorder and tracker. The summary says what the action was, so a list of
// runs can tell a service restart from an install.

export interface BoxRunDeps {
  openRun: (runId: string) => Promise<RunFiles>;
  emit: EmitEvent;
}

export interface BoxRunSpec {
  action: BoxAction;
  /** What a person reads in the list of runs: "Restart nginx", "Commit the configuration with lbu". */
  title: string;
  destructive?: boolean;
  /** The profile a drift run applies. */
  profileName?: string;
  /** Further steps after the action itself (the wait after a reboot). */
  extraSteps?: ReadonlyArray<{ id: string; title: string }>;
}

/** summary.json of a box action: an install run's summary plus what was done. */
export interface BoxRunSummary extends RunSummary {
  kind: 'box-action';
  action: { kind: BoxAction; title: string };
}

type StepOutput = (text: string, stream: OutputStream) => void;

const statusOf = (error: BoxError | null) =>
  error === null ? 'succeeded' : error.code === 'cancelled' ? 'cancelled' : error.code === 'invalid-input' || error.code === 'unsaved-changes' ? 'refused' : 'failed';

/** One box action's run: its steps, its log and its output events. */
export class BoxRun {
  private constructor(
    readonly runId: string,
    private readonly tracker: RunTracker,
  ) {}

  static async open(deps: BoxRunDeps, target: Target, spec: BoxRunSpec): Promise<BoxRun> {
    const runId = newId('run');
    const summary: BoxRunSummary = {
      version: SUMMARY_VERSION,
      runId,
      fleetId: null,
      targetId: target.id,
      target: { host: target.host, port: target.port, user: target.user },
      profileName: spec.profileName ?? spec.title,
      status: 'running',
      startedAt: new Date().toISOString(),
      endedAt: null,
      preflight: { facts: null, problems: [] },
      workDir: null,
      progress: null,
      steps: [
        stepRecord({ id: spec.action, title: spec.title, destructive: spec.destructive ?? false }),
        ...(spec.extraSteps ?? []).map((s) => stepRecord({ ...s, destructive: false })),
      ],
      findings: [],
      error: null,
      logBytes: 0,
      kind: 'box-action',
      action: { kind: spec.action, title: spec.title },
    };
    const recorder = new RunRecorder(await deps.openRun(runId), summary);
    const sink = (event: RunEvent) => {
      if (event.type === 'run.output') deps.emit('boxes.output', { runId, targetId: target.id, action: spec.action, text: event.text });
    };
    const tracker = new RunTracker(recorder, { runId, fleetId: null, targetId: target.id }, sink);
    tracker.announce();
    // Empty output: the window learns the run id before the box prints anything, so it can offer Stop at once.
    deps.emit('boxes.output', { runId, targetId: target.id, action: spec.action, text: '' });
    return new BoxRun(runId, tracker);
  }

  /** Adds a line of Cairn's own to the log (and the output events). */
  note(text: string): void {
    this.tracker.output(Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8'), 'cairn');
  }

  /** Runs one step, its output going to the log; a failure's sentence is logged too. */
  async step<T>(id: string, body: (onOutput: StepOutput) => Promise<BoxResult<T>>): Promise<BoxResult<T>> {
    this.tracker.start(id);
    const result = await body((text, stream) => this.tracker.output(Buffer.from(text, 'utf8'), stream));
    if (!result.ok) this.note(result.error.message);
    const exitCode = !result.ok && result.error.code === 'remote-failed' ? result.error.exitCode : result.ok ? 0 : null;
    const status = statusOf(result.ok ? null : result.error);
    this.tracker.end(id, status === 'refused' ? 'failed' : status, { exitCode, error: result.ok ? null : runErrorOf(result.error, id) });
    return result;
  }

  /** Ends the run with the outcome of its last step (or of the connection that never opened). */
  async finish(result: BoxResult<unknown>): Promise<void> {
    if (!result.ok && this.tracker.summary.steps.every((s) => s.status === 'pending')) this.note(result.error.message);
    const error = result.ok ? null : runErrorOf(result.error, null);
    await this.tracker.finish(statusOf(result.ok ? null : result.error), error);
  }
}
