import { describe, expect, it } from 'vitest';
import type { RunStatusName, RunStepStatus, RunSummaryInfo } from '../../shared/api/runs';
import { completedSteps, needsRetry, resumeFrom, resumeInfo, retryable, type ResumeCheck } from './retry';

const latest = (entries: Array<[string, RunStatusName]>) => new Map(entries.map(([id, status]) => [id, { status }]));

describe('which targets "Retry failed" runs again', () => {
  it('takes the ones that did not finish as planned, and never a run still going', () => {
    expect(['failed', 'refused', 'cancelled', 'interrupted'].every((s) => needsRetry(s as RunStatusName))).toBe(true);
    expect(['running', 'succeeded', 'warned'].some((s) => needsRetry(s as RunStatusName))).toBe(false);
    const last = latest([
      ['a', 'succeeded'],
      ['b', 'failed'],
      ['c', 'running'],
      ['d', 'interrupted'],
      ['e', 'warned'],
    ]);
    expect(retryable(['a', 'b', 'c', 'd', 'e'], last)).toEqual(['b', 'd']);
  });

  it('runs a target that never got a run, and keeps the fleet order', () => {
    expect(retryable(['x', 'b', 'y'], latest([['b', 'cancelled']]))).toEqual(['x', 'b', 'y']);
  });

  it('narrows to the targets asked for', () => {
    const last = latest([
      ['a', 'failed'],
      ['b', 'failed'],
      ['c', 'succeeded'],
    ]);
    expect(retryable(['a', 'b', 'c'], last, ['b', 'c'])).toEqual(['b']);
    expect(retryable(['a', 'b', 'c'], last, ['c'])).toEqual([]);
  });
});

describe('what a retry takes from the run before', () => {
  const step = (id: string, status: RunStepStatus, doneIn?: string) => ({
    id,
    title: id,
    destructive: false,
    status,
    exitCode: null,
    startedAt: null,
    endedAt: null,
    findings: [],
    error: null,
    ...(doneIn ? { doneIn } : {}),
  });
  const before = (steps: RunSummaryInfo['steps'], o: Partial<RunSummaryInfo> = {}): RunSummaryInfo => ({
    runId: 'run-1',
    fleetId: 'fleet-1',
    targetId: 't-1',
    target: { host: '10.0.0.5', port: 22, user: 'root' },
    profileName: 'Sensor',
    status: 'failed',
    startedAt: '2025-03-01T10:00:00.000Z',
    endedAt: '2025-03-01T10:05:00.000Z',
    preflight: { facts: null, problems: [] },
    progress: null,
    steps,
    findings: [],
    error: null,
    logBytes: 0,
    ...o,
  });
  const plan = ['setup-alpine', 'cleanup', 'packages', 'receipt', 'lbu-commit'].map((id) => ({ id, title: `Step ${id}` }));
  const failedAtPackages = before([
    step('preflight', 'succeeded'),
    step('setup-alpine', 'succeeded'),
    step('cleanup', 'succeeded'),
    step('packages', 'failed'),
    step('receipt', 'skipped'),
    step('lbu-commit', 'skipped'),
  ]);
  const check: ResumeCheck = { profileName: 'Sensor', profileUpdatedAt: '2025-02-01T00:00:00.000Z', target: { host: '10.0.0.5', port: 22, user: 'root' } };

  it('takes the steps that run completed, and those it skipped as done before it, never the preflight or a step skipped after a failure', () => {
    expect(completedSteps(failedAtPackages)).toEqual(['setup-alpine', 'cleanup']);
    const chained = before([
      step('preflight', 'succeeded'),
      step('setup-alpine', 'skipped', 'run-0'),
      step('cleanup', 'succeeded'),
      step('packages', 'warned'),
      step('receipt', 'failed'),
      step('lbu-commit', 'skipped'),
    ]);
    expect(completedSteps(chained)).toEqual(['setup-alpine', 'cleanup', 'packages']);
    expect(completedSteps(before([step('preflight', 'succeeded'), step('setup-alpine', 'interrupted'), step('cleanup', 'skipped')]))).toEqual([]);
  });

  it('resumes from the failed step, skipping setup-alpine, when the run before matches this one', () => {
    const from = resumeFrom({ summary: failedAtPackages }, plan, check);
    expect(from).toEqual({ previousRunId: 'run-1', completed: ['setup-alpine', 'cleanup'], why: null });
    expect(resumeInfo(plan, from)).toEqual({
      previousRunId: 'run-1',
      from: { id: 'packages', title: 'Step packages' },
      rerun: ['cleanup', 'packages', 'receipt', 'lbu-commit'],
      skipped: ['setup-alpine'],
      why: null,
    });
  });

  it('reruns everything, saying why, when the run before cannot be trusted to match', () => {
    const whyOf = (previous: Parameters<typeof resumeFrom>[0], c: ResumeCheck = check, p = plan) => {
      const from = resumeFrom(previous, p, c);
      expect(resumeInfo(p, from)).toMatchObject({ skipped: [], rerun: p.map((s) => s.id) });
      return from.why;
    };
    expect(whyOf(null)).toBe('Cairn has no earlier run of it in this fleet');
    expect(whyOf('unreadable')).toBe('the summary of its last run cannot be read');
    expect(whyOf({ summary: failedAtPackages }, { ...check, profileUpdatedAt: '2025-03-01T10:00:01.000Z' })).toBe('the profile was changed after its last run');
    expect(whyOf({ summary: failedAtPackages }, { ...check, profileName: 'Sensor v2' })).toBe('the profile was changed after its last run');
    expect(whyOf({ summary: failedAtPackages }, { ...check, target: { ...check.target, host: '10.0.0.6' } })).toBe(
      'the target now points at root@10.0.0.6:22, not where its last run went',
    );
    const withServices = [...plan.slice(0, 3), { id: 'services', title: 'Enable' }, ...plan.slice(3)];
    expect(whyOf({ summary: failedAtPackages }, check, withServices)).toBe('its plan changed since its last run (now with services)');
    expect(
      whyOf(
        { summary: failedAtPackages },
        check,
        plan.filter((s) => s.id !== 'receipt'),
      ),
    ).toBe('its plan changed since its last run (without receipt)');
  });
});
