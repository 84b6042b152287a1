import { StringDecoder } from 'node:string_decoder';
import type { Step } from '../../shared/plan';
import type { Finding, PreflightFacts, PreflightProblem, Progress } from '../../shared/runs';
import { EventPacer } from './batcher';
import type { RunError, RunEventSink, RunRef, RunStatus, StepStatus } from './events';
import { MAX_FINDINGS, type RunRecorder, type StepRecord } from './persist';

export const PREFLIGHT_STEP = { id: 'preflight', title: 'Check the box (Alpine, setup-alpine, privileges, disks)', destructive: false };

const now = () => new Date().toISOString();

export const stepRecord = (step: Pick<Step, 'id' | 'title' | 'destructive'>): StepRecord => ({
  id: step.id,
  title: step.title,
  destructive: step.destructive,
  status: 'pending',
  exitCode: null,
  startedAt: null,
  endedAt: null,
  findings: [],
  error: null,
  log: { start: 0, end: null },
});

/** Keeps a run's summary, its log and its events in step: every change is saved and announced the same way. */
export class RunTracker {
  private readonly pacer: EventPacer;
  // StringDecoder: a character cut between chunks is kept for the next, like TextDecoder's stream mode, at a fifth of its cost on a flood.
  private readonly decoders = new Map<string, StringDecoder>();

  constructor(
    private readonly recorder: RunRecorder,
    private readonly ref: RunRef,
    sink: RunEventSink,
  ) {
    this.pacer = new EventPacer(sink, (text) => ({ type: 'run.output', ...this.ref, text }));
  }

  get summary() {
    return this.recorder.summary;
  }

  private step(id: string): StepRecord {
    const step = this.summary.steps.find((s) => s.id === id);
    if (!step) throw new Error(`The run has no step ${id}.`);
    return step;
  }

  /** Announces every step as pending, so the window can list the plan before it runs. */
  announce(): void {
    for (const step of this.summary.steps) this.emitStep(step);
    void this.recorder.save();
  }

  /** Puts the plan made with the box's facts in place of the draft, when its steps differ. */
  replacePlan(steps: ReadonlyArray<Pick<Step, 'id' | 'title' | 'destructive'>>): void {
    const [preflight] = this.summary.steps;
    this.summary.steps = [...(preflight ? [preflight] : []), ...steps.map(stepRecord)];
    this.announce();
  }

  start(id: string): void {
    const step = this.step(id);
    Object.assign(step, { status: 'running', startedAt: now(), log: { start: this.recorder.bytes, end: null } });
    this.emitStep(step);
    void this.recorder.save();
  }

  end(id: string, status: StepStatus, result: { exitCode?: number | null; findings?: Finding[]; error?: RunError | null } = {}): void {
    const step = this.step(id);
    const ran = step.startedAt !== null;
    const findings = result.findings ?? [];
    Object.assign(step, {
      status,
      exitCode: result.exitCode ?? null,
      findings: findings.slice(0, MAX_FINDINGS),
      error: result.error ?? null,
      endedAt: ran ? now() : null,
      log: { start: step.log.start, end: ran ? this.recorder.bytes : null },
    });
    if (findings.length > MAX_FINDINGS) step.findingsOmitted = findings.length - MAX_FINDINGS;
    this.emitStep(step);
    void this.recorder.save();
  }

  /** A retry's steps that the run before (`runId`) completed: skipped, saying so, without running. */
  doneBefore(ids: readonly string[], runId: string): void {
    for (const id of ids) {
      const step = this.step(id);
      Object.assign(step, { status: 'skipped', doneIn: runId });
      this.emitStep(step);
    }
    void this.recorder.save();
  }

  /** Steps that never started are skipped once the run ends. */
  skipRest(): void {
    for (const step of this.summary.steps) if (step.status === 'pending') this.end(step.id, 'skipped');
  }

  output(chunk: Buffer, key: string): string {
    this.recorder.append(chunk);
    let decoder = this.decoders.get(key);
    if (!decoder) this.decoders.set(key, (decoder = new StringDecoder('utf8')));
    const text = decoder.write(chunk);
    this.pacer.output(text);
    return text;
  }

  progress(stepId: string, progress: Progress): void {
    this.summary.progress = progress;
    this.pacer.event({ type: 'run.progress', ...this.ref, stepId, progress });
    this.recorder.saveSoon();
  }

  /** Keeps the first MAX_FINDINGS findings and counts the rest: a step that floods its output cannot grow the summary without end. */
  finding(finding: Finding): void {
    if (this.summary.findings.length < MAX_FINDINGS) this.summary.findings.push(finding);
    else this.summary.findingsOmitted = (this.summary.findingsOmitted ?? 0) + 1;
    this.recorder.saveSoon();
  }

  preflight(facts: PreflightFacts | null, problems: PreflightProblem[]): void {
    this.summary.preflight = { facts, problems };
    this.pacer.event({ type: 'run.preflight', ...this.ref, facts, problems });
    void this.recorder.save();
  }

  setWorkDir(dir: string | null): void {
    this.summary.workDir = dir;
    void this.recorder.save();
  }

  /** Ends the run: the last output first, then run.done, then the files are closed. */
  async finish(status: Exclude<RunStatus, 'running'>, error: RunError | null): Promise<void> {
    // Only an unexpected error leaves a step running here; it ended with the run.
    for (const step of this.summary.steps) if (step.status === 'running') this.end(step.id, status === 'cancelled' ? 'cancelled' : 'failed', { error });
    this.skipRest();
    for (const [key, decoder] of this.decoders) {
      this.pacer.output(decoder.end());
      this.decoders.delete(key);
    }
    Object.assign(this.summary, { status, error, endedAt: now() });
    await this.recorder.close();
    this.pacer.event({ type: 'run.done', ...this.ref, status, error, findings: this.summary.findings });
    await this.pacer.drain();
  }

  private emitStep(step: StepRecord): void {
    this.pacer.event({
      type: 'run.step',
      ...this.ref,
      stepId: step.id,
      title: step.title,
      status: step.status,
      exitCode: step.exitCode,
      findings: step.findings,
      error: step.error,
      ...(step.doneIn === undefined ? {} : { doneIn: step.doneIn }),
    });
  }
}
