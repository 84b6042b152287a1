import { DEFAULT_WORK_DIR, plan as makePlan, type PlanOptions, type Step, type TargetFacts } from '../../shared/plan';
import { errorsOf, validate, type Profile } from '../../shared/profile';
import { checkPreflight, type Finding } from '../../shared/runs';
import type { ConnectOptions } from '../ssh';
import type { Elevation } from '../ssh/doas';
import type { RunFiles } from '../store';
import { confirmationProblem, type Confirmation } from './confirm';
import type { RunError, RunEventSink, RunStatus } from './events';
import { runErrorOf } from './run-error';
import { newId } from './ids';
import { limitsFrom, type LimitsInput } from './limits';
import { RunRecorder, SUMMARY_VERSION, type RunSummary } from './persist';
import { readFactsMakingWorkDir, removeWorkDir } from './preflight';
import { resumeInfo, type ResumeFrom } from './retry';
import { Session } from './session';
import { runStep } from './run-step';
import { PREFLIGHT_STEP, RunTracker, stepRecord } from './tracker';

export type Planner = (profile: Profile, facts: TargetFacts, options: PlanOptions) => Step[];

export interface RunTargetOptions {
  /** The stored target's id (or any [a-z0-9-] name); events and the summary carry it. */
  targetId: string;
  connect: ConnectOptions;
  profile: Profile;
  planOptions?: PlanOptions;
  /** Required when the plan erases disks, naming exactly those disks. */
  confirm?: Confirmation;
  /** Opens the files of a run (Store.openRun). */
  openRun: (runId: string) => Promise<RunFiles>;
  sink?: RunEventSink;
  signal?: AbortSignal;
  limits?: LimitsInput;
  runId?: string;
  fleetId?: string | null;
  /** Builds the steps instead of plan() (benches, and tests of other commands). */
  planner?: Planner;
  /** Leaves the work folder with the step logs on the box (for inspection). */
  keepWorkDir?: boolean;
  /** The login's doas password (from the keychain), typed when doas asks for it; never on a command line or in a log. */
  doasPassword?: string | null;
  /** A retry: the steps the box's run before completed are skipped where that is safe (shared/plan/resume.ts), and the summary says so. */
  resumeFrom?: ResumeFrom;
}

export type FinalStatus = Exclude<RunStatus, 'running'>;

export interface RunResult {
  runId: string;
  targetId: string;
  status: FinalStatus;
  error: RunError | null;
  findings: Finding[];
  summary: RunSummary;
  logPath: string;
}

function newSummary(o: RunTargetOptions, runId: string, steps: Step[]): RunSummary {
  const resume = o.resumeFrom ? resumeInfo(steps, o.resumeFrom) : null;
  const skipped = new Set(resume?.skipped);
  const record = (s: Step) => (skipped.has(s.id) && resume?.previousRunId ? { ...stepRecord(s), status: 'skipped' as const, doneIn: resume.previousRunId } : stepRecord(s));
  return {
    version: SUMMARY_VERSION,
    runId,
    fleetId: o.fleetId ?? null,
    targetId: o.targetId,
    target: { host: o.connect.host, port: o.connect.port ?? 22, user: o.connect.username },
    profileName: o.profile.name,
    status: 'running',
    startedAt: new Date().toISOString(),
    endedAt: null,
    preflight: { facts: null, problems: [] },
    workDir: null,
    progress: null,
    steps: [stepRecord(PREFLIGHT_STEP), ...steps.map(record)],
    findings: [],
    error: null,
    logBytes: 0,
    ...(resume ? { resume } : {}),
  };
}

const refusal = (code: RunError['code'], message: string): RunError => ({ code, message, stepId: null });

/** What stops the run before anything is sent: an invalid profile, or a confirmation that does not match the disks. */
function refuseEarly(o: RunTargetOptions, draft: Step[]): RunError | null {
  const errors = errorsOf(validate(o.profile));
  const first = errors[0];
  if (first)
    return refusal('invalid-profile', `The profile has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`} to fix first (${first.path}: ${first.message}).`);
  const mismatch = confirmationProblem(draft, o.confirm);
  return mismatch ? refusal('confirmation-mismatch', mismatch) : null;
}

/**
 * Runs a profile's plan on one target: refuses before connecting when the
 * profile is invalid or the erase confirmation does not match, checks the
 * box (preflight), then runs the steps in order; after a failure or a cancel
 * only the `always` steps run; a retry (`resumeFrom`) leaves out the steps
 * its run before completed, where that is safe. Everything is persisted as it happens and
 * announced through `sink`. Never throws for a failed run: the result says.
 */
export async function runTarget(o: RunTargetOptions): Promise<RunResult> {
  const runId = o.runId ?? newId('run');
  const planner = o.planner ?? makePlan;
  const planOptions = o.planOptions ?? {};
  const draft = planner(o.profile, { privilege: 'root', workDir: DEFAULT_WORK_DIR }, planOptions);
  const files = await o.openRun(runId);
  const recorder = new RunRecorder(files, newSummary(o, runId, draft));
  const tracker = new RunTracker(recorder, { runId, fleetId: o.fleetId ?? null, targetId: o.targetId }, o.sink ?? (() => undefined));
  tracker.announce();

  const finish = async (status: FinalStatus, error: RunError | null): Promise<RunResult> => {
    await tracker.finish(status, error);
    return { runId, targetId: o.targetId, status, error, findings: recorder.summary.findings, summary: recorder.summary, logPath: recorder.logPath };
  };

  const early = refuseEarly(o, draft);
  if (early) return finish('refused', early);

  const limits = limitsFrom(o.limits);
  const session = new Session({ ...o.connect, signal: o.signal }, limits.reconnect);
  const cancel = o.signal ?? new AbortController().signal;
  try {
    tracker.start(PREFLIGHT_STEP.id);
    const failedPreflight = (error: RunError, status: FinalStatus = error.code === 'cancelled' ? 'cancelled' : 'failed') => {
      tracker.end(PREFLIGHT_STEP.id, status === 'cancelled' ? 'cancelled' : 'failed', { error });
      return finish(status, error);
    };
    const opened = await session.open();
    if (!opened.ok) return failedPreflight(runErrorOf(opened.error, PREFLIGHT_STEP.id));
    const read = await readFactsMakingWorkDir(opened.value, o.signal);
    if (!read.ok) return failedPreflight(runErrorOf(read.error, PREFLIGHT_STEP.id));
    const { facts: found, workDir: dir } = read.value;
    const problems = checkPreflight(found, o.profile, { doasPassword: Boolean(o.doasPassword) });
    tracker.preflight(found, problems);
    const refused = problems.filter((p) => p.severity === 'error');
    if (refused.length > 0) {
      if (dir.ok) await removeWorkDir(opened.value, dir.value);
      return failedPreflight({ code: 'preflight-refused', message: refused.map((p) => p.message).join(' '), stepId: PREFLIGHT_STEP.id }, 'refused');
    }
    if (!dir.ok) return failedPreflight(runErrorOf(dir.error, PREFLIGHT_STEP.id));
    tracker.setWorkDir(dir.value);
    tracker.end(PREFLIGHT_STEP.id, 'succeeded');

    // A doas that asks for a password cannot be a prefix of a detached command (nothing could answer it):
    // the steps are planned as root lines, and the runner starts each through doas on a terminal.
    const elevation: Elevation = found.uid !== 0 && !found.doasNoPassword && o.doasPassword ? { doasPassword: o.doasPassword } : null;
    const facts = {
      privilege: found.uid === 0 || elevation !== null ? ('root' as const) : ('doas' as const),
      workDir: dir.value,
      alpineVersion: found.alpineConf ?? undefined,
      disks: found.disks?.map((d) => `/dev/${d}`),
    };
    const steps = planner(o.profile, facts, planOptions);
    const resume = o.resumeFrom ? resumeInfo(steps, o.resumeFrom) : null;
    if (steps.map((s) => s.id).join() !== draft.map((s) => s.id).join()) {
      tracker.replacePlan(steps);
      if (resume) tracker.summary.resume = resume;
      if (resume?.previousRunId) tracker.doneBefore(resume.skipped, resume.previousRunId);
    }
    const changed = confirmationProblem(steps, o.confirm);
    if (changed) {
      await removeWorkDir(opened.value, dir.value);
      return finish('refused', refusal('confirmation-mismatch', changed));
    }

    let failure: RunError | null = null;
    let cancelled: RunError | null = null;
    let warned = false;
    let gone = false;
    let removed = false;
    const skipped = new Set(resume?.skipped);
    const runs = (step: Step) => !skipped.has(step.id) && (step.always === true || (!failure && !cancelled));
    for (const [i, step] of steps.entries()) {
      if (!runs(step)) continue;
      // Clean-up after a cancel still runs: it removes the answer file.
      const signal = cancelled ? new AbortController().signal : cancel;
      // The last step to run, when plain and staying connected, takes the work folder with it: one round trip fewer.
      const last = !o.keepWorkDir && !gone && !step.detached && !step.disconnects && !steps.slice(i + 1).some(runs);
      const ended = await runStep({ session, facts, elevation, limits, signal, onOutput: () => undefined }, step, tracker, last ? dir.value : undefined);
      if (ended.status === 'cancelled') cancelled ??= ended.error;
      else if (ended.status === 'failed') failure ??= ended.error;
      else if (ended.status === 'warned') warned = true;
      gone ||= step.disconnects === true;
      // A step that ran to its end (whatever its exit code) removed the folder; a lost or cancelled one may not have.
      removed ||= last && (ended.error === null || ended.error.code === 'step-failed' || ended.error.code === 'output-error');
    }
    if (!o.keepWorkDir && !gone && !removed) {
      const live = await session.live();
      if (live.ok) await removeWorkDir(live.value, dir.value);
    }
    if (cancelled) return finish('cancelled', cancelled);
    if (failure) return finish('failed', failure);
    return finish(warned ? 'warned' : 'succeeded', null);
  } catch (error) {
    return finish(
      'failed',
      refusal('internal', `Cairn hit an unexpected error while running the plan (${(error as Error).message}): try again, and report it if it keeps happening.`),
    );
  } finally {
    await session.close();
  }
}
