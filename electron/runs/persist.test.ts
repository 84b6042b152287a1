import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { openRunFiles } from '../store/runs';
import type { Finding } from '../../shared/runs';
import type { RunEvent } from './events';
import { markInterruptedRuns, MAX_FINDINGS, RunRecorder, SAVE_SOON_MS, SUMMARY_VERSION, type RunSummary } from './persist';
import { RunTracker, stepRecord } from './tracker';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('cairn-runs-')));
afterEach(() => cleanup());

const summary = (runId: string, status: RunSummary['status']): RunSummary => ({
  version: SUMMARY_VERSION,
  runId,
  fleetId: null,
  targetId: 'box',
  target: { host: 'box.lan', port: 22, user: 'root' },
  profileName: 'p',
  status,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  preflight: { facts: null, problems: [] },
  workDir: null,
  progress: null,
  steps: [
    { ...stepRecord({ id: 'preflight', title: 'Check', destructive: false }), status: 'succeeded' },
    { ...stepRecord({ id: 'setup-alpine', title: 'Run', destructive: false }), status: 'running' },
    stepRecord({ id: 'disk', title: 'Disk', destructive: true }),
  ],
  findings: [],
  error: null,
  logBytes: 0,
});

describe('recording a run', () => {
  it('appends output in order and saves the summary with the byte count, merging saves that pile up', async () => {
    const files = await openRunFiles(dir, 'run-a');
    const recorder = new RunRecorder(files, summary('run-a', 'running'));
    for (let i = 0; i < 100; i++) {
      recorder.append(Buffer.from(`${i}\n`));
      void recorder.save();
    }
    recorder.summary.status = 'succeeded';
    expect(await recorder.close()).toBeNull();
    const expected = Array.from({ length: 100 }, (_, i) => `${i}\n`).join('');
    expect(await readFile(files.logPath, 'utf8')).toBe(expected);
    expect(JSON.parse(await readFile(files.summaryPath, 'utf8'))).toMatchObject({ status: 'succeeded', logBytes: expected.length });
  });
});

describe('a run whose output floods it with findings', () => {
  const finding = (i: number): Finding => ({ kind: 'apk-error', severity: 'warning', reason: `Finding ${i}.`, line: `ERROR: ${i}`, section: null });

  it('keeps the first findings and counts the rest, in summary.json, the step and run.done', async () => {
    const files = await openRunFiles(dir, 'run-f');
    const events: RunEvent[] = [];
    const tracker = new RunTracker(new RunRecorder(files, summary('run-f', 'running')), { runId: 'run-f', fleetId: null, targetId: 'box' }, (e) => events.push(e));
    const all = Array.from({ length: MAX_FINDINGS + 1234 }, (_, i) => finding(i));
    for (const f of all) tracker.finding(f);
    tracker.end('setup-alpine', 'warned', { exitCode: 0, findings: all });
    await tracker.finish('warned', null);
    const saved = JSON.parse(await readFile(files.summaryPath, 'utf8')) as RunSummary;
    expect(saved.findings).toEqual(all.slice(0, MAX_FINDINGS));
    expect(saved.findingsOmitted).toBe(1234);
    expect(saved.steps[1]).toMatchObject({ findings: all.slice(0, MAX_FINDINGS), findingsOmitted: 1234 });
    const done = events.find((e) => e.type === 'run.done');
    expect(done?.type === 'run.done' && done.findings).toHaveLength(MAX_FINDINGS);
  });

  it('writes summary.json once for a burst of findings and progress, not once for each', async () => {
    const files = await openRunFiles(dir, 'run-g');
    let writes = 0;
    const counted = { ...files, writeSummary: (s: unknown) => (writes++, files.writeSummary(s)) };
    const tracker = new RunTracker(new RunRecorder(counted, summary('run-g', 'running')), { runId: 'run-g', fleetId: null, targetId: 'box' }, () => undefined);
    // Output arrives over time, a finding in each piece: as setup-alpine's failing helpers print them.
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      tracker.finding(finding(i));
      tracker.progress('setup-alpine', { section: 'Hostname', index: 1, total: 10 });
      await new Promise((r) => setTimeout(r, 2));
    }
    // At most one write per SAVE_SOON_MS of the burst (on a quick machine none yet), where each piece used to write.
    expect(writes).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / SAVE_SOON_MS));
    await tracker.finish('warned', null);
    const saved = JSON.parse(await readFile(files.summaryPath, 'utf8')) as RunSummary;
    expect(saved.findings).toHaveLength(100);
    expect(saved.progress).toEqual({ section: 'Hostname', index: 1, total: 10 });
  });
});

describe('after a crash', () => {
  it('marks only runs still marked running as interrupted', async () => {
    for (const [id, status] of [
      ['run-a', 'running'],
      ['run-b', 'succeeded'],
    ] as const) {
      await mkdir(join(dir, id));
      await writeFile(join(dir, id, 'summary.json'), JSON.stringify(summary(id, status)));
    }
    await mkdir(join(dir, 'run-c'));
    await writeFile(join(dir, 'run-c', 'summary.json'), '{ not json');
    expect(await markInterruptedRuns(dir)).toEqual(['run-a']);
    const a = JSON.parse(await readFile(join(dir, 'run-a', 'summary.json'), 'utf8')) as RunSummary;
    expect(a.status).toBe('interrupted');
    expect(a.steps.map((s) => s.status)).toEqual(['succeeded', 'interrupted', 'skipped']);
    expect(a.error?.stepId).toBe('setup-alpine');
    expect(JSON.parse(await readFile(join(dir, 'run-b', 'summary.json'), 'utf8')).status).toBe('succeeded');
    expect(await markInterruptedRuns(join(dir, 'missing'))).toEqual([]);
  });
});
