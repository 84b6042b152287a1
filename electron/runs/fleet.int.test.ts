import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { installerRuns } from '../../e2e/target/stand-ins.test-support';
import { retryFailed, runFleet, type FleetOptions } from './fleet';
import { disklessProfile, eventLog, loginTo, runsFolder } from './runs.test-support';

let targets: TestTarget[];
let logins: Array<ReturnType<typeof loginTo>>;
let runs: ReturnType<typeof runsFolder>;
beforeAll(async () => {
  targets = await Promise.all([startOpenSshTarget(), startOpenSshTarget(), startOpenSshTarget(), startOpenSshTarget()]);
  logins = targets.map((t) => loginTo(t));
  runs = runsFolder();
});
afterAll(async () => {
  logins?.forEach((l) => l.cleanup());
  runs?.cleanup();
  await Promise.all((targets ?? []).map((t) => t.stop()));
});

const setupAlpineRuns = async (t: TestTarget) => installerRuns((await t.standIns?.records()) ?? []);

describe('a fleet of four boxes, one failing', () => {
  it('finishes the others, reports each box, and a retry runs only the failed one', async () => {
    const broken = targets[2] as TestTarget;
    await broken.standIns?.control({ 'setup-disk': { mode: 'fail', errorLine: 'setup-alpine: something broke', exitCode: 2 } });
    for (const t of targets) if (t !== broken) await t.standIns?.control({ apk: { startDelayMs: 10 } });
    const events = eventLog();
    const options: FleetOptions = {
      targets: logins.map((login, i) => ({ targetId: `box-${i}`, connect: login.connect })),
      concurrency: 2,
      profile: disklessProfile(),
      openRun: runs.openRun,
      sink: events.sink,
    };
    const first = await runFleet(options);
    expect(first.results.map((r) => [r.targetId, r.status])).toEqual([['box-0', 'succeeded'], ['box-1', 'succeeded'], ['box-2', 'failed'], ['box-3', 'succeeded']]);
    expect(first.results[2]?.error?.message).toContain('exit code 2: setup-alpine: something broke');
    expect(first.counts).toEqual({ succeeded: 3, failed: 1 });
    expect(new Set(first.results.map((r) => r.runId)).size).toBe(4);
    // Every event names its fleet, run and box; each run ends once.
    expect(events.events.every((e) => e.fleetId === first.fleetId)).toBe(true);
    expect(events.of('run.done').map((e) => e.targetId).sort()).toEqual(['box-0', 'box-1', 'box-2', 'box-3']);

    // At most two ran at once: a run's first event comes after another's run.done once two are going.
    const order = events.events.filter((e) => e.type === 'run.done' || (e.type === 'run.step' && e.stepId === 'preflight' && e.status === 'running'));
    let going = 0;
    let most = 0;
    for (const e of order) most = Math.max(most, (going += e.type === 'run.done' ? -1 : 1));
    expect(most).toBe(2);

    await broken.standIns?.control({});
    const second = await retryFailed(first, options);
    expect(second.fleetId).toBe(first.fleetId);
    expect(second.results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(second.results[0]?.runId).toBe(first.results[0]?.runId);
    expect(second.results[2]?.runId).not.toBe(first.results[2]?.runId);
    expect(await Promise.all(targets.map(setupAlpineRuns))).toEqual([1, 1, 2, 1]);
  });
});
