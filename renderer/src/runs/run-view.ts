import type { EventPayload } from '../../../shared/api/events';
import type { RunErrorInfo, RunFinding, RunPreflightProblem, RunProgress, RunResume, RunStatusName, RunStepStatus, RunSummaryInfo } from '../../../shared/api/runs';
import { isFinalRunStatus, needsRetry as needsRetryStatus } from '../../../shared/runs/statuses';
import { appendLog, emptyLog, logFromText, type RunLog } from './run-log';

export type RunEventName = 'run.output' | 'run.step' | 'run.progress' | 'run.preflight' | 'run.done';
export type RunEventOf<E extends RunEventName> = EventPayload<E>;
export type AnyRunEvent = { [E in RunEventName]: { name: E; payload: EventPayload<E> } }[RunEventName];

/** `queued`: started in a fleet, waiting for a free slot (or for its first event). */
export type RunViewStatus = RunStatusName | 'queued';

export interface StepView {
  id: string;
  title: string;
  status: RunStepStatus;
  exitCode: number | null;
  findings: readonly RunFinding[];
  error: RunErrorInfo | null;
  /** A retry's skipped step: the run before (this id) completed it. */
  doneIn?: string;
}

/** One run as the Run screen shows it, built from its events (live) or its summary (from disk). */
export interface RunView {
  runId: string;
  fleetId: string | null;
  targetId: string;
  /** What to call the target when the target list does not have it: its name when started here, else user@host:port; null when unknown. */
  targetLabel: string | null;
  profileName: string;
  status: RunViewStatus;
  steps: readonly StepView[];
  progress: RunProgress | null;
  findings: readonly RunFinding[];
  error: RunErrorInfo | null;
  preflightProblems: readonly RunPreflightProblem[];
  log: RunLog;
  /** Whether `log` holds the run's output (followed since it started, or read from disk). */
  logLoaded: boolean;
  /** Where the shown log begins in the file, when only its end was read. */
  logStart: number;
  startedAt: string | null;
  endedAt: string | null;
  /** A retry: the steps it runs again and skips, or why it runs them all; null for a first run. */
  resume: RunResume | null;
}

export function queuedRun(o: { runId: string; fleetId: string | null; targetId: string; targetLabel: string | null; profileName: string; resume?: RunResume | null }): RunView {
  return {
    ...o,
    status: 'queued',
    steps: [],
    progress: null,
    findings: [],
    error: null,
    preflightProblems: [],
    log: emptyLog,
    logLoaded: true,
    logStart: 0,
    startedAt: null,
    endedAt: null,
    resume: o.resume ?? null,
  };
}

/** A run first heard of through an event (started by an earlier window, say): what it can be called until the list says more. */
const unknownRun = (e: { runId: string; fleetId: string | null; targetId: string }): RunView => ({
  ...queuedRun({ runId: e.runId, fleetId: e.fleetId, targetId: e.targetId, targetLabel: null, profileName: '' }),
  logLoaded: false,
});

function withStep(steps: readonly StepView[], e: RunEventOf<'run.step'>): StepView[] {
  const step: StepView = {
    id: e.stepId,
    title: e.title,
    status: e.status,
    exitCode: e.exitCode,
    findings: e.findings,
    error: e.error,
    ...(e.doneIn === undefined ? {} : { doneIn: e.doneIn }),
  };
  const at = steps.findIndex((s) => s.id === e.stepId);
  return at < 0 ? [...steps, step] : steps.map((s, i) => (i === at ? step : s));
}

/** The run after one of its events. */
export function applyRunEvent(current: RunView | undefined, event: AnyRunEvent, now: string): RunView {
  const base = current ?? unknownRun(event.payload);
  const view: RunView = base.status === 'queued' && event.name !== 'run.done' ? { ...base, status: 'running', startedAt: base.startedAt ?? now } : base;
  switch (event.name) {
    case 'run.output':
      return { ...view, log: appendLog(view.log, event.payload.text) };
    case 'run.step':
      return { ...view, steps: withStep(view.steps, event.payload) };
    case 'run.progress':
      return { ...view, progress: event.payload.progress };
    case 'run.preflight':
      return { ...view, preflightProblems: event.payload.problems };
    case 'run.done':
      return { ...view, status: event.payload.status, error: event.payload.error, findings: event.payload.findings, endedAt: now, startedAt: view.startedAt ?? now };
  }
}

const addressOf = (s: RunSummaryInfo) => `${s.target.user}@${s.target.host}:${s.target.port}`;

/** A run as its summary on disk has it; the log comes with `log` (runs:get), or is kept from what was followed live. */
export function runFromSummary(summary: RunSummaryInfo, existing: RunView | undefined, log?: { text: string; start: number }): RunView {
  // A run this window follows live is more current than its summary, which is written a moment later.
  if (existing && existing.status === 'running' && summary.status === 'running' && log === undefined) return existing;
  return {
    runId: summary.runId,
    fleetId: summary.fleetId,
    targetId: summary.targetId,
    targetLabel: existing?.targetLabel ?? addressOf(summary),
    profileName: summary.profileName,
    status: summary.status,
    steps: summary.steps.map(({ id, title, status, exitCode, findings, error, doneIn }) => ({
      id,
      title,
      status,
      exitCode,
      findings,
      error,
      ...(doneIn === undefined ? {} : { doneIn }),
    })),
    progress: summary.progress,
    findings: summary.findings,
    error: summary.error,
    preflightProblems: summary.preflight.problems,
    log: log ? logFromText(log.text) : (existing?.log ?? emptyLog),
    logLoaded: log !== undefined || (existing?.logLoaded ?? false),
    logStart: log?.start ?? existing?.logStart ?? 0,
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
    resume: summary.resume ?? existing?.resume ?? null,
  };
}

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

/**
 * What a retry of a box does, in one sentence: where it starts again, how
 * many steps it reruns and how many it skips as done before; or, when it
 * reruns them all, why.
 */
export function resumeSentence(resume: RunResume, targetName: string): string {
  const n = resume.rerun.length;
  if (resume.why !== null) return `Retrying ${targetName} from the start: reruns all ${steps(n)}, because ${resume.why}.`;
  if (resume.skipped.length === 0) return `Retrying ${targetName} from the start: reruns all ${steps(n)}, as none was done before.`;
  const from = resume.from === null ? '' : ` from “${resume.from.title}”`;
  return `Retrying ${targetName}${from}: reruns ${steps(n)}, skips ${resume.skipped.length} done before.`;
}

export const isHostKeyRefusal = (run: Pick<RunView, 'error'>): boolean => run.error?.code === 'host-key-unknown' || run.error?.code === 'host-key-changed';

export const isFinished = (run: Pick<RunView, 'status'>): boolean => isFinalRunStatus(run.status);

/** Worth "Retry failed": as electron/runs counts it, by the same rule. */
export const needsRetry = (run: Pick<RunView, 'status'>): boolean => needsRetryStatus(run.status);

/** The status in a word or two, as the fleet table and the run header show it. */
export function statusLabel(run: Pick<RunView, 'status' | 'error'>): string {
  if (isHostKeyRefusal(run)) return 'Refused: host key';
  const labels: Record<RunViewStatus, string> = {
    queued: 'Waiting',
    running: 'Running',
    succeeded: 'Succeeded',
    warned: 'Succeeded with warnings',
    failed: 'Failed',
    refused: 'Refused',
    cancelled: 'Cancelled',
    interrupted: 'Interrupted',
  };
  return labels[run.status];
}

const stepTitle = (run: RunView, stepId: string | null | undefined) => run.steps.find((s) => s.id === stepId)?.title;

/** One sentence on how the run stands or ended, naming the target and, when it went wrong, the step and the reason. */
export function runSentence(run: RunView, targetName: string): string {
  const reason = run.error?.message ?? '';
  // The runner's own sentence often names the step already; say it once.
  const at = (stepId: string | null | undefined, reasonShown = true) => {
    const title = stepTitle(run, stepId);
    return title && !(reasonShown && reason.includes(title)) ? ` at “${title}”` : '';
  };
  switch (run.status) {
    case 'queued':
      return `Waiting to start on ${targetName}: other targets of this run are going first.`;
    case 'running': {
      const current = run.steps.find((s) => s.status === 'running');
      return `Installing “${run.profileName}” on ${targetName}${current ? `: ${current.title}` : ''}.`;
    }
    case 'succeeded':
      return `“${run.profileName}” was installed on ${targetName}: every step succeeded.`;
    case 'warned': {
      const n = run.findings.filter((f) => f.severity === 'warning').length || run.findings.length;
      return `“${run.profileName}” was installed on ${targetName} with ${n === 1 ? 'a warning' : `${n} warnings`}: the box may differ from the profile (see Findings).`;
    }
    case 'failed':
      if (isHostKeyRefusal(run)) return `Cairn refused to connect to ${targetName} and sent nothing: ${reason}`;
      return `The install on ${targetName} failed${at(run.error?.stepId)}: ${reason}`;
    case 'refused':
      return `Cairn refused to run on ${targetName} and changed nothing: ${reason}`;
    case 'cancelled':
      return `The install on ${targetName} was cancelled${at(run.error?.stepId, false)}; the steps after it were skipped.`;
    case 'interrupted':
      return `The install on ${targetName} was interrupted${at(run.error?.stepId)}: ${reason}`;
  }
}

/**
 * How a finished run is told in the app's notice area: one short line and its
 * tone. The run's page has the whole sentence (runSentence); the notice does
 * not repeat it.
 */
export function runHeadline(run: RunView, targetName: string): { text: string; tone: 'ok' | 'error' | 'info' } {
  switch (run.status) {
    case 'succeeded':
      return { text: `“${run.profileName}” was installed on ${targetName}.`, tone: 'ok' };
    case 'warned':
      return { text: `“${run.profileName}” was installed on ${targetName}, with warnings.`, tone: 'info' };
    case 'failed':
      return { text: isHostKeyRefusal(run) ? `Cairn refused to connect to ${targetName}: its host key is not trusted.` : `The install on ${targetName} failed.`, tone: 'error' };
    case 'refused':
      return { text: `Cairn refused to run on ${targetName}.`, tone: 'error' };
    case 'cancelled':
      return { text: `The install on ${targetName} was cancelled.`, tone: 'info' };
    case 'interrupted':
      return { text: `The install on ${targetName} was interrupted.`, tone: 'error' };
    default:
      return { text: runSentence(run, targetName), tone: 'info' };
  }
}
