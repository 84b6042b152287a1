import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_LOG_TAIL_BYTES } from '../../shared/api/runs';
import { tempDir } from '../services.test-support';
import { fleetRunsOf, latestRunsOf, listRuns, readFleet, readRun, saveFleet } from './run-history';

let dir: { dir: string; cleanup: () => Promise<void> };
let runsDir: string;
beforeEach(async () => {
  dir = await tempDir();
  runsDir = path.join(dir.dir, 'runs');
});
afterEach(() => dir.cleanup());

const summary = (runId: string, targetId: string, startedAt: string, status = 'succeeded') => ({
  version: 1,
  runId,
  fleetId: 'fleet-1',
  targetId,
  target: { host: '10.0.0.5', port: 22, user: 'root' },
  profileName: 'Old PC',
  status,
  startedAt,
  endedAt: startedAt,
  preflight: { facts: null, problems: [] },
  workDir: '/tmp/cairn.abc',
  progress: null,
  steps: [],
  findings: [],
  error: null,
  logBytes: 0,
});

async function writeRun(runId: string, content: object | string, log?: string | Buffer) {
  await mkdir(path.join(runsDir, runId), { recursive: true });
  await writeFile(path.join(runsDir, runId, 'summary.json'), typeof content === 'string' ? content : JSON.stringify(content));
  if (log !== undefined) await writeFile(path.join(runsDir, runId, 'output.log'), log);
}

describe('runs on disk', () => {
  it('lists them newest first, leaves out what the window need not see, and reports damaged ones', async () => {
    await writeRun('run-a', summary('run-a', 't-1', '2025-01-01T00:00:00Z', 'failed'));
    await writeRun('run-b', summary('run-b', 't-1', '2025-01-02T00:00:00Z'));
    await writeRun('run-c', { runId: 'run-c' });
    await mkdir(path.join(runsDir, 'run-d'));
    const { runs, problems } = await listRuns(runsDir);
    expect(runs.map((r) => r.runId)).toEqual(['run-b', 'run-a']);
    expect(runs[0]).not.toHaveProperty('workDir');
    expect(problems).toEqual([{ file: path.join(runsDir, 'run-c', 'summary.json'), message: expect.stringMatching(/^The summary of run run-c is not in the shape Cairn writes/) }]);
    expect([...(await latestRunsOf(runsDir, 'fleet-1')).entries()].map(([t, r]) => [t, r.runId])).toEqual([['t-1', 'run-b']]);
  });

  it('names the boxes of a fleet whose run summary is damaged, from what its text still says', async () => {
    await writeRun('run-a', summary('run-a', 't-1', '2025-01-01T00:00:00Z', 'failed'));
    // Cut off mid-write: not JSON, yet it still names its fleet and box.
    await writeRun('run-b', JSON.stringify(summary('run-b', 't-2', '2025-01-02T00:00:00Z'), null, 2).slice(0, 150));
    await writeRun('run-c', JSON.stringify({ ...summary('run-c', 't-3', '2025-01-02T00:00:00Z'), fleetId: 'fleet-2', steps: 'broken' }));
    await writeRun('run-d', '{"runId": ');
    const { latest, unreadable } = await fleetRunsOf(runsDir, 'fleet-1');
    expect([...latest.keys()]).toEqual(['t-1']);
    expect([...unreadable]).toEqual(['t-2']);
    expect([...(await fleetRunsOf(runsDir, 'fleet-2')).unreadable]).toEqual(['t-3']);
  });

  it('answers with no runs when the folder does not exist yet', async () => {
    expect(await listRuns(runsDir)).toEqual({ runs: [], problems: [] });
  });

  it('reads the end of a long log, starting on a whole character', async () => {
    const start = 'é'.repeat(RUN_LOG_TAIL_BYTES);
    await writeRun('run-a', summary('run-a', 't-1', '2025-01-01T00:00:00Z'), `${start}the end\n`);
    const read = await readRun(runsDir, 'run-a');
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.log.endsWith('the end\n')).toBe(true);
    expect(read.value.log.startsWith('é')).toBe(true);
    expect(read.value.log).not.toContain('\uFFFD');
    expect(Buffer.byteLength(read.value.log)).toBeLessThanOrEqual(RUN_LOG_TAIL_BYTES);
    expect(read.value.logStart + Buffer.byteLength(read.value.log)).toBe(Buffer.byteLength(`${start}the end\n`));
  });

  it('keeps how a fleet was started, for a retry after a restart', async () => {
    const record = {
      version: 1 as const,
      fleetId: 'fleet-1',
      profileId: 'p-1',
      targetIds: ['t-1'],
      confirmErase: ['/dev/sda'],
      reboot: false,
      concurrency: 10,
      startedAt: '2025-01-01T00:00:00Z',
    };
    await saveFleet(runsDir, record);
    expect(await readFleet(runsDir, 'fleet-1')).toEqual(record);
    expect(await readFleet(runsDir, 'fleet-2')).toBeNull();
  });
});
