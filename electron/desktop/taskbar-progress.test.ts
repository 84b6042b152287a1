import { describe, expect, it } from 'vitest';
import type { RunActivity } from '../runs/fleet-registry';
import { NO_PROGRESS, TaskbarProgress } from './taskbar-progress';

const ref = (runId: string) => ({ runId, fleetId: 'fleet-1', targetId: `t-${runId}` });
const step = (runId: string, stepId: string, status: 'pending' | 'running' | 'succeeded' | 'failed'): RunActivity => ({
  type: 'run.step',
  ...ref(runId),
  stepId,
  title: stepId,
  status,
  exitCode: null,
  findings: [],
  error: null,
});
const done = (runId: string): RunActivity => ({ type: 'run.done', ...ref(runId), status: 'succeeded', error: null, findings: [] });
const started = (...runIds: string[]): RunActivity => ({
  type: 'fleet.started',
  fleetId: 'fleet-1',
  profileName: 'Old PC',
  runs: runIds.map((runId) => ({ runId, targetId: `t-${runId}`, targetName: runId })),
});

/** Applies activities in order and keeps only the values the bar was set to. */
function shown(activities: RunActivity[]): number[] {
  const bar = new TaskbarProgress();
  return activities.map((a) => bar.apply(a)).filter((v): v is number => v !== null);
}

describe('the taskbar progress', () => {
  it('follows one run through its steps and setup-alpine sections, then goes away', () => {
    const steps = ['preflight', 'setup-alpine', 'cleanup', 'disk'];
    expect(
      shown([
        started('a'),
        ...steps.map((s) => step('a', s, 'pending')),
        step('a', 'preflight', 'running'),
        step('a', 'preflight', 'succeeded'),
        step('a', 'setup-alpine', 'running'),
        { type: 'run.progress', ...ref('a'), stepId: 'setup-alpine', progress: { section: 'Timezone', index: 4, total: 9 } },
        { type: 'run.output', ...ref('a'), text: 'lots of output\n' },
        step('a', 'setup-alpine', 'succeeded'),
        step('a', 'cleanup', 'succeeded'),
        done('a'),
      ]),
    ).toEqual([0, 0.25, 0.36, 0.5, 0.75, NO_PROGRESS]);
  });

  it('averages over a fleet, counts queued runs as not started and ended ones as complete, so it never moves back', () => {
    const values = shown([
      started('a', 'b'),
      step('a', 'preflight', 'running'),
      step('a', 'setup-alpine', 'pending'),
      step('a', 'preflight', 'failed'),
      step('a', 'setup-alpine', 'succeeded'),
      done('a'),
      step('b', 'preflight', 'pending'),
      step('b', 'setup-alpine', 'pending'),
      step('b', 'preflight', 'succeeded'),
      step('b', 'setup-alpine', 'running'),
      done('b'),
    ]);
    expect(values).toEqual([0, 0.25, 0.5, 0.75, NO_PROGRESS]);
    expect([...values.slice(0, -1)].sort()).toEqual(values.slice(0, -1));
  });

  it('starts a new batch after the bar went away', () => {
    const bar = new TaskbarProgress();
    for (const a of [started('a'), step('a', 'x', 'running'), done('a')]) bar.apply(a);
    expect(bar.apply(started('b'))).toBe(0);
    expect(bar.apply(step('b', 'x', 'succeeded'))).toBe(1);
  });
});
