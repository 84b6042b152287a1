import { describe, expect, it } from 'vitest';
import type { RunSummaryInfo } from '../../../shared/api/runs';
import { fleetCounts, fleetRetryable, latestRuns } from '../runs/fleet-rows';
import { createAppStore } from './create-store';

const at = new Date('2025-03-04T05:06:07.000Z');
const done = (runId: string, targetId: string, status: 'succeeded' | 'failed') => ({
  name: 'run.done' as const,
  payload: { runId, fleetId: 'fleet-1', targetId, status, error: null, findings: [] },
});

describe('the runs slice', () => {
  it('shows a fleet’s runs as waiting until they start, then each target’s newest run after a retry', () => {
    const store = createAppStore();
    const runs = () => store.getState().runs;
    runs().fleetStarted(
      { fleetId: 'fleet-1', runIds: ['run-a', 'run-b'], targetIds: ['t-a', 't-b'] },
      { profileName: 'Old PC', targetLabels: { 't-a': 'alpha', 't-b': 'beta' } },
      at,
    );
    expect(runs().selectedFleetId).toBe('fleet-1');
    expect(runs().selectedRunId).toBe('run-a');
    const fleet = () => runs().fleets['fleet-1'];
    expect(latestRuns(fleet()!, runs().runs).map((r) => [r.targetLabel, r.status])).toEqual([
      ['alpha', 'queued'],
      ['beta', 'queued'],
    ]);

    runs().received([done('run-a', 't-a', 'succeeded'), done('run-b', 't-b', 'failed')], at);
    let rows = latestRuns(fleet()!, runs().runs);
    expect(fleetCounts(rows)).toBe('1 succeeded, 1 failed');
    expect(fleetRetryable(rows)).toBe(true);

    runs().fleetStarted({ fleetId: 'fleet-1', runIds: ['run-b2'], targetIds: ['t-b'] }, { profileName: 'Old PC', targetLabels: { 't-b': 'beta' } }, at);
    rows = latestRuns(fleet()!, runs().runs);
    expect(rows.map((r) => r.runId)).toEqual(['run-a', 'run-b2']);
    expect(fleetRetryable(rows)).toBe(false);
    expect(fleet()?.runIds).toEqual(['run-a', 'run-b', 'run-b2']);
  });

  it('builds fleets from the runs on disk, oldest run first, and keeps what it follows live', () => {
    const store = createAppStore();
    const summary = (runId: string, startedAt: string, status: 'succeeded' | 'failed'): RunSummaryInfo => ({
      runId,
      fleetId: 'fleet-9',
      targetId: 't-1',
      target: { host: 'h', port: 22, user: 'root' },
      profileName: 'IoT',
      status,
      startedAt,
      endedAt: startedAt,
      preflight: { facts: null, problems: [] },
      progress: null,
      steps: [],
      findings: [],
      error: null,
      logBytes: 0,
    });
    store.getState().runs.historyLoaded([summary('run-2', '2025-01-02T00:00:00Z', 'succeeded'), summary('run-1', '2025-01-01T00:00:00Z', 'failed')], []);
    const { fleets, runs, historyIds } = store.getState().runs;
    expect(historyIds).toEqual(['run-2', 'run-1']);
    expect(fleets['fleet-9']).toMatchObject({ profileName: 'IoT', runIds: ['run-1', 'run-2'], startedAt: '2025-01-01T00:00:00Z' });
    expect(latestRuns(fleets['fleet-9']!, runs).map((r) => r.runId)).toEqual(['run-2']);
    store.getState().runs.selectRun('run-1');
    expect(store.getState().runs.selectedFleetId).toBe('fleet-9');
  });
});
