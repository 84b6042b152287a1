import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResume } from '../../shared/api/runs';
import type { Finding, PreflightFacts, PreflightProblem, Progress } from '../../shared/runs';
import { writeFileAtomic, type RunFiles } from '../store';
import { runOwnerAlive } from '../store/run-owner';
import type { RunError, RunStatus, StepStatus } from './events';

export const SUMMARY_VERSION = 1;

export interface StepRecord {
  id: string;
  title: string;
  destructive: boolean;
  status: StepStatus;
  exitCode: number | null;
  startedAt: string | null;
  endedAt: string | null;
  findings: Finding[];
  /** Findings of this step past the first MAX_FINDINGS: counted, not kept (absent when none). */
  findingsOmitted?: number;
  error: RunError | null;
  /** A retry's `skipped` step that the run before (this id) completed. */
  doneIn?: string;
  /** The byte range of output.log this step wrote (end is null while it runs). */
  log: { start: number; end: number | null };
}

/** summary.json of one run: replaced whole at every change, so it is always the last complete state. */
export interface RunSummary {
  version: typeof SUMMARY_VERSION;
  runId: string;
  fleetId: string | null;
  targetId: string;
  target: { host: string; port: number; user: string };
  profileName: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  preflight: { facts: PreflightFacts | null; problems: PreflightProblem[] };
  /** The private folder on the box that held the answer file and the step logs. */
  workDir: string | null;
  progress: Progress | null;
  steps: StepRecord[];
  /** The first MAX_FINDINGS findings of the run. */
  findings: Finding[];
  /** Findings past those: counted, not kept, so a step that floods its output cannot grow this file without end (absent when none). */
  findingsOmitted?: number;
  error: RunError | null;
  /** Bytes in output.log when this summary was written. */
  logBytes: number;
  /** A retry: the steps it ran again and those it skipped, done by the run before (absent for a first run). */
  resume?: RunResume;
}

/** The most findings a run (and each of its steps) keeps; the rest are counted. */
export const MAX_FINDINGS = 200;

/** How long a minor change (progress, a finding) may wait to be saved, so a burst of them is one write. */
export const SAVE_SOON_MS = 1000;

/**
 * Writes a run as it happens: output is appended to output.log in arrival
 * order (never rewritten), and the summary is rewritten atomically after each
 * change of state, or within SAVE_SOON_MS of a minor one. Writes of the
 * summary that pile up are merged into the latest.
 */
export class RunRecorder {
  bytes = 0;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private failure: Error | null = null;
  private soon: NodeJS.Timeout | null = null;

  constructor(
    private readonly files: RunFiles,
    readonly summary: RunSummary,
    private readonly soonMs = SAVE_SOON_MS,
  ) {}

  get logPath(): string {
    return this.files.logPath;
  }

  append(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.files.appendLog(chunk).catch((error: Error) => (this.failure ??= error));
  }

  /** Saves the summary now; resolves once a write that includes this change is on disk. */
  save(): Promise<void> {
    if (this.soon !== null) {
      clearTimeout(this.soon);
      this.soon = null;
    }
    if (this.dirty) return this.writing;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      this.summary.logBytes = this.bytes;
      await this.files.writeSummary(this.summary).catch((error: Error) => (this.failure ??= error));
    });
    return this.writing;
  }

  /** Saves the summary within SAVE_SOON_MS, together with whatever else changes meanwhile: for changes that come in bursts. */
  saveSoon(): void {
    if (this.soon !== null || this.dirty) return;
    this.soon = setTimeout(() => void this.save(), this.soonMs);
  }

  /** Final save and close; reports a disk error met on the way (the run itself is not undone by it). */
  async close(): Promise<Error | null> {
    await this.save();
    await this.files.close().catch((error: Error) => (this.failure ??= error));
    return this.failure;
  }
}

const INTERRUPTED: RunError = {
  code: 'interrupted',
  message:
    'Cairn stopped while this run was going (it quit or crashed), so its end is unknown: a detached setup step may still be running on the box. Check the box, then run the profile again.',
  stepId: null,
};

/**
 * At start-up: a run still marked running whose owner process is gone (see
 * store/run-owner) was left by a Cairn that quit or crashed.
 * Marks it interrupted (its running step too; steps that never started as
 * skipped), dated when its summary was last written. Returns the run ids.
 */
export async function markInterruptedRuns(runsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch {
    return [];
  }
  const marked: string[] = [];
  for (const name of names) {
    const file = join(runsDir, name, 'summary.json');
    let summary: RunSummary;
    let written: Date;
    try {
      summary = JSON.parse(await readFile(file, 'utf8')) as RunSummary;
      written = (await stat(file)).mtime;
    } catch {
      continue;
    }
    // A run whose process still lives (a `cairn push` beside the app) is running, not interrupted.
    if (summary.status !== 'running' || (await runOwnerAlive(join(runsDir, name)))) continue;
    const running = summary.steps.find((s) => s.status === 'running');
    summary.status = 'interrupted';
    summary.endedAt = written.toISOString();
    summary.error = { ...INTERRUPTED, stepId: running?.id ?? null };
    for (const step of summary.steps) {
      if (step.status === 'running') Object.assign(step, { status: 'interrupted', endedAt: summary.endedAt });
      else if (step.status === 'pending') step.status = 'skipped';
    }
    await writeFileAtomic(file, `${JSON.stringify(summary, null, 2)}\n`);
    marked.push(summary.runId);
  }
  return marked;
}
