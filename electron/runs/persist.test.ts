import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { openRunFiles } from '../store/runs';
import { markInterruptedRuns, RunRecorder, SUMMARY_VERSION, type RunSummary } from './persist';
import { stepRecord } from './tracker';

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

describe('after a crash', () => {
  it('marks only runs still marked running as interrupted', async () => {
    for (const [id, status] of [['run-a', 'running'], ['run-b', 'succeeded']] as const) {
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
