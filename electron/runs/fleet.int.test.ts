import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { installerRuns } from '../../e2e/target/stand-ins.test-support';
import { FleetRegistry, type FleetActivity, type FleetEntry, type FleetLaunch } from './fleet-registry';
import { newId } from './ids';
import { targetsToRetry } from './retry';
import { isRunEvent } from './run-services';
import { disklessProfile, eventLog, loginTo, runsFolder, testLog } from './runs.test-support';

// The fleet registry the app runs (and the bench measures), on real sshd
// targets: the runs of a fleet side by side, a failure that stops nothing
// else, "Retry failed" in the same fleet, and a cancel of the whole fleet.

let targets: TestTarget[];
let logins: Array<ReturnType<typeof loginTo>>;
let runs: ReturnType<typeof runsFolder>;
let log: ReturnType<typeof testLog>;
beforeAll(async () => {
  targets = await Promise.all([startOpenSshTarget(), startOpenSshTarget(), startOpenSshTarget(), startOpenSshTarget()]);
  logins = targets.map((t) => loginTo(t));
  runs = runsFolder();
  log = testLog();
});
afterAll(async () => {
  logins?.forEach((l) => l.cleanup());
  runs?.cleanup();
  log?.cleanup();
  await Promise.all((targets ?? []).map((t) => t.stop()));
});

const setupAlpineRuns = async (t: TestTarget) => installerRuns((await t.standIns?.records()) ?? []);

/** A registry over the runs folder, keeping the run events and the fleet changes apart. */
function registry() {
  const events = eventLog();
  const fleets: FleetActivity[] = [];
  const fleet = new FleetRegistry({ openRun: runs.openRun, onActivity: (a) => (isRunEvent(a) ? events.sink(a) : fleets.push(a)), log: log.log });
  return { fleet, events, fleets };
}

const entriesFor = (boxes: number[]): FleetEntry[] =>
  boxes.map((i) => ({ runId: newId('run'), targetId: `box-${i}`, targetName: `box ${i}`, connect: (logins[i] as (typeof logins)[number]).connect }));

const diskless = (concurrency: number): Omit<FleetLaunch, 'entries'> => ({ fleetId: newId('fleet'), profile: disklessProfile(), confirmErase: [], reboot: false, concurrency });

describe('a fleet of four boxes, one failing', () => {
  it('finishes the others, reports each box, and a retry runs only the failed one', async () => {
    const broken = targets[2] as TestTarget;
    await broken.standIns?.control({ 'setup-disk': { mode: 'fail', errorLine: 'setup-alpine: something broke', exitCode: 2 } });
    for (const t of targets) if (t !== broken) await t.standIns?.control({ apk: { startDelayMs: 10 } });
    const { fleet, events, fleets } = registry();
    const launch = diskless(2);
    const entries = entriesFor([0, 1, 2, 3]);
    const targetIds = entries.map((e) => e.targetId);

    const first = await fleet.launch({ ...launch, entries });
    expect(first.runs.map((r) => [r.targetId, r.status])).toEqual([
      ['box-0', 'succeeded'],
      ['box-1', 'succeeded'],
      ['box-2', 'failed'],
      ['box-3', 'succeeded'],
    ]);
    expect(first.runs.map((r) => r.runId)).toEqual(entries.map((e) => e.runId));
    expect(events.of('run.done').find((e) => e.targetId === 'box-2')?.error?.message).toContain('exit code 2: setup-alpine: something broke');
    expect(fleets).toEqual([
      { type: 'fleet.started', fleetId: launch.fleetId, profileName: 'Test box', runs: entries.map(({ runId, targetId, targetName }) => ({ runId, targetId, targetName })) },
      first,
    ]);
    expect(fleet.isRunning(launch.fleetId)).toBe(false);
    expect(fleet.busy(targetIds)).toEqual([]);
    // Every event names its fleet, run and box; each run ends once.
    expect(events.events.every((e) => e.fleetId === launch.fleetId)).toBe(true);
    expect(
      events
        .of('run.done')
        .map((e) => e.targetId)
        .sort(),
    ).toEqual(targetIds);

    // At most two ran at once: a run's first event comes after another's run.done once two are going.
    const order = events.events.filter((e) => e.type === 'run.done' || (e.type === 'run.step' && e.stepId === 'preflight' && e.status === 'running'));
    let going = 0;
    let most = 0;
    for (const e of order) most = Math.max(most, (going += e.type === 'run.done' ? -1 : 1));
    expect(most).toBe(2);

    await broken.standIns?.control({});
    const again = await targetsToRetry(runs.dir, launch.fleetId, targetIds);
    expect(again).toEqual(['box-2']);
    const second = await fleet.launch({ ...launch, entries: entriesFor([2]) });
    expect(second.fleetId).toBe(launch.fleetId);
    expect(second.runs.map((r) => [r.targetId, r.status])).toEqual([['box-2', 'succeeded']]);
    expect(second.runs[0]?.runId).not.toBe(first.runs[2]?.runId);
    expect(await targetsToRetry(runs.dir, launch.fleetId, targetIds)).toEqual([]);
    expect(await Promise.all(targets.map(setupAlpineRuns))).toEqual([1, 1, 2, 1]);
  });
});

describe('cancelling a fleet', () => {
  it('stops the run going and the one queued behind it, and installs nothing more', async () => {
    const [slow, queued] = targets as [TestTarget, TestTarget];
    for (const t of [slow, queued]) {
      await t.standIns?.clearRecords();
      await t.standIns?.control({ apk: { startDelayMs: 400 } });
    }
    const { fleet, events } = registry();
    const launch = diskless(1);
    const done = fleet.launch({ ...launch, entries: entriesFor([0, 1]) });
    expect(fleet.busy(['box-0', 'box-1', 'box-2'])).toEqual(['box-0', 'box-1']);
    await expect.poll(() => events.events.some((e) => e.type === 'run.progress' && e.progress.section === 'Hostname'), { timeout: 20_000 }).toBe(true);
    expect(fleet.cancel({ fleetId: launch.fleetId })).toBe(2);
    expect((await done).runs.map((r) => [r.targetId, r.status])).toEqual([
      ['box-0', 'cancelled'],
      ['box-1', 'cancelled'],
    ]);
    expect(fleet.cancel({ fleetId: launch.fleetId })).toBe(0);
    expect(await setupAlpineRuns(queued)).toBe(0);
    expect(await targetsToRetry(runs.dir, launch.fleetId, ['box-0', 'box-1'])).toEqual(['box-0', 'box-1']);
  });
});
