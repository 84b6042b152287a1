import { describe, expect, it } from 'vitest';
import type { RunSummaryInfo } from '../../../shared/api/runs';
import { applyRunEvent, queuedRun, resumeSentence, runFromSummary, runSentence, statusLabel, type AnyRunEvent, type RunView } from './run-view';

const ref = { runId: 'run-1', fleetId: 'fleet-1', targetId: 't-1' };
const step = (
  stepId: string,
  title: string,
  status: 'pending' | 'running' | 'succeeded' | 'failed',
  error: { code: 'step-failed'; message: string; stepId: string } | null = null,
): AnyRunEvent => ({
  name: 'run.step',
  payload: { ...ref, stepId, title, status, exitCode: status === 'failed' ? 3 : null, findings: [], error },
});

function play(events: AnyRunEvent[], start: RunView = queuedRun({ ...ref, targetLabel: 'garage', profileName: 'Old PC' })): RunView {
  return events.reduce<RunView>((run, e) => applyRunEvent(run, e, '2025-01-02T03:04:05.000Z'), start);
}

describe('a run followed through its events', () => {
  it('goes from waiting to running at its first event, tracks steps, sections and output, and ends with run.done', () => {
    const queued = queuedRun({ ...ref, targetLabel: 'garage', profileName: 'Old PC' });
    expect(runSentence(queued, 'garage')).toBe('Waiting to start on garage: other targets of this run are going first.');
    const running = play([
      step('preflight', 'Check the box', 'pending'),
      step('setup-alpine', 'Run setup-alpine', 'pending'),
      step('preflight', 'Check the box', 'succeeded'),
      step('setup-alpine', 'Run setup-alpine', 'running'),
    ]);
    expect(running).toMatchObject({ status: 'running', startedAt: '2025-01-02T03:04:05.000Z' });
    expect(running.steps.map((s) => [s.id, s.status])).toEqual([
      ['preflight', 'succeeded'],
      ['setup-alpine', 'running'],
    ]);
    expect(runSentence(running, 'garage')).toBe('Installing “Old PC” on garage: Run setup-alpine.');

    const later = play(
      [
        { name: 'run.progress', payload: { ...ref, stepId: 'setup-alpine', progress: { section: 'Timezone', index: 4, total: 9 } } },
        { name: 'run.output', payload: { ...ref, text: ' Timezone\n---\n' } },
      ],
      running,
    );
    expect(later.progress).toEqual({ section: 'Timezone', index: 4, total: 9 });
    expect(later.log.lines).toEqual([' Timezone', '---']);

    const failed = play(
      [
        step('setup-alpine', 'Run setup-alpine', 'failed', { code: 'step-failed', message: 'setup-alpine failed with exit code 3.', stepId: 'setup-alpine' }),
        {
          name: 'run.done',
          payload: { ...ref, status: 'failed', error: { code: 'step-failed', message: 'setup-alpine failed with exit code 3.', stepId: 'setup-alpine' }, findings: [] },
        },
      ],
      later,
    );
    expect(statusLabel(failed)).toBe('Failed');
    expect(runSentence(failed, 'garage')).toBe('The install on garage failed at “Run setup-alpine”: setup-alpine failed with exit code 3.');
  });

  it('says a host-key refusal is a refusal, and where to go', () => {
    const refused = play([
      { name: 'run.done', payload: { ...ref, status: 'failed', error: { code: 'host-key-changed', message: 'The host key changed.', stepId: 'preflight' }, findings: [] } },
    ]);
    expect(statusLabel(refused)).toBe('Refused: host key');
    expect(runSentence(refused, 'garage')).toBe('Cairn refused to connect to garage and sent nothing: The host key changed.');
  });

  it('counts warnings in the summary of a run that finished with findings', () => {
    const finding = {
      kind: 'invalid-timezone' as const,
      severity: 'warning' as const,
      reason: 'No such zone.',
      line: "'Mars/Base' is not a valid timezone on this system",
      section: 'Timezone' as const,
    };
    const warned = play([{ name: 'run.done', payload: { ...ref, status: 'warned', error: null, findings: [finding] } }]);
    expect(runSentence(warned, 'garage')).toBe('“Old PC” was installed on garage with a warning: the box may differ from the profile (see Findings).');
  });
});

describe('a run read from disk', () => {
  const summary: RunSummaryInfo = {
    ...ref,
    target: { host: '10.0.0.5', port: 22, user: 'root' },
    profileName: 'Old PC',
    status: 'succeeded',
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:05:00.000Z',
    preflight: { facts: null, problems: [] },
    progress: null,
    steps: [{ id: 'preflight', title: 'Check the box', destructive: false, status: 'succeeded', exitCode: 0, startedAt: null, endedAt: null, findings: [], error: null }],
    findings: [],
    error: null,
    logBytes: 12,
  };

  it('is called by its address until the target list names it, and has no log until opened', () => {
    const run = runFromSummary(summary, undefined);
    expect(run).toMatchObject({ targetLabel: 'root@10.0.0.5:22', status: 'succeeded', logLoaded: false });
    expect(runFromSummary(summary, run, { text: 'hello\n', start: 0 })).toMatchObject({ logLoaded: true, log: { lines: ['hello'] } });
  });

  it('does not replace a run followed live with its older summary on disk', () => {
    const live = play([step('preflight', 'Check the box', 'running'), { name: 'run.output', payload: { ...ref, text: 'live\n' } }]);
    expect(runFromSummary({ ...summary, status: 'running' }, live)).toBe(live);
  });
});

describe('a retry of a box', () => {
  const resume = {
    previousRunId: 'run-0',
    from: { id: 'packages', title: 'Install the extra packages' },
    rerun: ['cleanup', 'packages', 'services', 'lbu-commit'],
    skipped: ['root-password', 'setup-alpine'],
    why: null,
  };

  it('says where it starts again, how many steps it reruns and how many it skips', () => {
    expect(resumeSentence(resume, 'garage-pi')).toBe('Retrying garage-pi from “Install the extra packages”: reruns 4 steps, skips 2 done before.');
    expect(resumeSentence({ ...resume, from: { id: 'reboot', title: 'Reboot' }, rerun: ['reboot'], skipped: ['disk'] }, 'garage-pi')).toBe(
      'Retrying garage-pi from “Reboot”: reruns 1 step, skips 1 done before.',
    );
    expect(resumeSentence({ ...resume, rerun: ['setup-alpine', 'cleanup'], skipped: [] }, 'attic')).toBe(
      'Retrying attic from the start: reruns all 2 steps, as none was done before.',
    );
    expect(
      resumeSentence({ ...resume, previousRunId: null, rerun: ['setup-alpine', 'cleanup', 'packages'], skipped: [], why: 'the summary of its last run cannot be read' }, 'attic'),
    ).toBe('Retrying attic from the start: reruns all 3 steps, because the summary of its last run cannot be read.');
  });

  it('keeps what it skips, from the retry’s answer, its events and its summary on disk', () => {
    const queued = queuedRun({ ...ref, targetLabel: 'garage-pi', profileName: 'Sensor', resume });
    const live = play(
      [{ name: 'run.step', payload: { ...ref, stepId: 'setup-alpine', title: 'Run setup-alpine', status: 'skipped', exitCode: null, findings: [], error: null, doneIn: 'run-0' } }],
      queued,
    );
    expect(live.resume).toEqual(resume);
    expect(live.steps).toEqual([expect.objectContaining({ id: 'setup-alpine', status: 'skipped', doneIn: 'run-0' })]);
    const step = {
      id: 'setup-alpine',
      title: 'Run setup-alpine',
      destructive: false,
      status: 'skipped' as const,
      exitCode: null,
      startedAt: null,
      endedAt: null,
      findings: [],
      error: null,
      doneIn: 'run-0',
    };
    const read = runFromSummary(
      {
        ...ref,
        target: { host: '10.0.0.5', port: 22, user: 'root' },
        profileName: 'Sensor',
        status: 'succeeded',
        startedAt: '',
        endedAt: null,
        preflight: { facts: null, problems: [] },
        progress: null,
        steps: [step],
        findings: [],
        error: null,
        logBytes: 0,
        resume,
      },
      undefined,
    );
    expect(read.resume).toEqual(resume);
    expect(read.steps[0]?.doneIn).toBe('run-0');
    expect(
      runFromSummary(
        {
          ...ref,
          target: { host: 'h', port: 22, user: 'root' },
          profileName: 'Sensor',
          status: 'succeeded',
          startedAt: '',
          endedAt: null,
          preflight: { facts: null, problems: [] },
          progress: null,
          steps: [],
          findings: [],
          error: null,
          logBytes: 0,
        },
        undefined,
      ).resume,
    ).toBeNull();
  });
});
