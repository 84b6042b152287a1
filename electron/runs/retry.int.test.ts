import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { installerRuns } from '../../e2e/target/stand-ins.test-support';
import type { RequestOf, ResultOf } from '../../shared/api/channels';
import type { ChannelName, EventName } from '../../shared/api/names';
import type { RunSummaryInfo } from '../../shared/api/runs';
import { templateById, type Profile } from '../../shared/profile';
import { dispatch } from '../ipc/dispatch';
import { createEventSender } from '../ipc/events';
import { createHandlers } from '../ipc/handlers';
import { harness, type Harness } from '../services.test-support';
import type { FleetDone, RunActivity } from './fleet-registry';
import { createRunServices } from './run-services';

// "Retry failed" from the failed step, over the real handler table, runner
// and stores, against real sshd targets running the real setup-alpine: a box
// that failed installing its packages is retried from there, setup-alpine is
// not run again, and the retry says (in its answer, its events and its
// summary) which steps it skipped. A retry that cannot trust the run before
// runs everything and says why.

let boxes: TestTarget[];
beforeAll(async () => {
  boxes = await Promise.all([startOpenSshTarget(), startOpenSshTarget()]);
});
afterAll(async () => {
  await Promise.all((boxes ?? []).map((b) => b.stop()));
});

let h: Harness;
let activity: RunActivity[];
let sent: Array<{ event: EventName; payload: unknown }>;
let call: <C extends ChannelName>(channel: C, payload: RequestOf<C>) => Promise<ResultOf<C>>;
beforeEach(async () => {
  h = await harness();
  sent = [];
  activity = [];
  const runs = await createRunServices({ userData: h.dir, emit: createEventSender((event, payload) => sent.push({ event, payload }), h.log), log: h.log });
  runs.onActivity((a) => activity.push(a));
  const table = createHandlers({ ...h.services, runs: runs.services });
  call = (channel, payload) => dispatch(table, channel, payload, { sender: 'test', log: h.log }) as never;
  for (const box of boxes) {
    await box.standIns?.clearRecords();
    await box.standIns?.control({});
  }
});
afterEach(() => h.cleanup());

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

/** The fleet.done of `fleetId` that comes after the first `from` activities. */
async function fleetDone(fleetId: string, from = 0): Promise<FleetDone> {
  let done: FleetDone | undefined;
  await expect
    .poll(() => (done = activity.slice(from).find((a): a is FleetDone => a.type === 'fleet.done' && a.fleetId === fleetId)), { timeout: 120_000, interval: 100 })
    .toBeDefined();
  return done as FleetDone;
}

async function addTarget(box: TestTarget, name: string) {
  const saved = value(await h.services.targets.save({ name, host: box.host, port: box.port, user: box.user, auth: 'key', keyPath: box.privateKeyPath, tags: [] }));
  await h.services.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
  return saved;
}

/** A diskless board that installs one extra package and saves itself with lbu. */
const sensor = (): Profile => ({ ...(templateById('diskless-iot')?.make() as Profile), name: 'Sensor', packages: ['htop'], services: [] });

async function saveProfile(profile: Profile) {
  return value(await h.services.profiles.save(profile)).id;
}

const records = async (box: TestTarget) => (await box.standIns?.records()) ?? [];
const htopInstalls = async (box: TestTarget) => (await records(box)).filter((r) => r.tool === 'apk' && r.argv.includes('htop')).map((r) => r.exitCode);
const lbuCommits = async (box: TestTarget) => (await records(box)).filter((r) => r.tool === 'lbu' && r.argv[0] === 'commit').length;
const summaryOf = async (runId: string) => value(await call('runs:get', { runId })).summary;
const stepsOf = (s: RunSummaryInfo) => s.steps.map((step) => [step.id, step.status, step.doneIn ?? null]);

describe('retrying a fleet whose one box failed installing its packages', () => {
  it('reruns only that box, from the packages step: setup-alpine ran once on it, and the retry says what it skipped', async () => {
    const [good, bad] = boxes as [TestTarget, TestTarget];
    // No network on the second box: every apk add fails (setup-alpine goes on without it, as it does).
    await bad.standIns?.control({ apk: { mode: 'fail', exitCode: 1, errorLine: 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main: network unreachable' } });
    const targets = [await addTarget(good, 'kitchen-pi'), await addTarget(bad, 'garage-pi')];
    const profileId = await saveProfile(sensor());

    const started = value(await call('runs:start', { profileId, targetIds: targets.map((t) => t.id) }));
    expect(started.resumes).toBeUndefined();
    const first = await fleetDone(started.fleetId);
    expect(first.runs.map((r) => [r.targetName, r.status])).toEqual([
      ['kitchen-pi', 'succeeded'],
      ['garage-pi', 'failed'],
    ]);
    const failedRunId = first.runs[1]?.runId ?? '';
    const failed = await summaryOf(failedRunId);
    expect(failed.error).toMatchObject({ code: 'step-failed', stepId: 'packages' });
    expect(stepsOf(failed)).toEqual([
      ['preflight', 'succeeded', null],
      ['setup-alpine', 'succeeded', null],
      ['cleanup', 'succeeded', null],
      ['packages', 'failed', null],
      ['receipt', 'skipped', null],
      ['lbu-commit', 'skipped', null],
    ]);

    await bad.standIns?.control({});
    const from = activity.length;
    const retried = value(await call('runs:retry-failed', { fleetId: started.fleetId }));
    expect(retried.targetIds).toEqual([targets[1]?.id]);
    // The answer says, per box, where it starts again and what it skips.
    expect(retried.resumes).toEqual([
      {
        targetId: targets[1]?.id,
        previousRunId: failedRunId,
        from: { id: 'packages', title: 'Install the extra packages' },
        rerun: ['cleanup', 'packages', 'receipt', 'lbu-commit'],
        skipped: ['setup-alpine'],
        why: null,
      },
    ]);
    const second = await fleetDone(started.fleetId, from);
    const [rerun] = retried.runIds;
    expect(second.runs).toEqual([{ runId: rerun, targetId: targets[1]?.id, targetName: 'garage-pi', status: 'succeeded' }]);

    // The real installer ran once on each box across both runs; the packages were asked for twice on the failed box, and saved again.
    expect(installerRuns(await records(good))).toBe(1);
    expect(installerRuns(await records(bad))).toBe(1);
    expect(await htopInstalls(bad)).toEqual([1, 0]);
    expect(await lbuCommits(bad)).toBe(1);
    expect(await readFile(path.join(bad.root ?? '', 'etc/apk/world'), 'utf8')).toMatch(/^htop$/m);
    expect(await readFile(path.join(bad.root ?? '', 'etc/hostname'), 'utf8')).toBe(`${sensor().hostname}\n`);

    // The retry's summary and its events name the run that did the skipped step.
    const resumed = await summaryOf(rerun ?? '');
    expect(stepsOf(resumed)).toEqual([
      ['preflight', 'succeeded', null],
      ['setup-alpine', 'skipped', failedRunId],
      ['cleanup', 'succeeded', null],
      ['packages', 'succeeded', null],
      ['receipt', 'succeeded', null],
      ['lbu-commit', 'succeeded', null],
    ]);
    expect(resumed.resume).toEqual({ ...retried.resumes?.[0], targetId: undefined });
    const skippedEvents = sent.filter(
      (s) => s.event === 'run.step' && (s.payload as { runId: string }).runId === rerun && (s.payload as { stepId: string }).stepId === 'setup-alpine',
    );
    expect(skippedEvents.map((s) => s.payload)).toEqual([expect.objectContaining({ status: 'skipped', doneIn: failedRunId })]);

    // Nothing is left to retry.
    expect(await call('runs:retry-failed', { fleetId: started.fleetId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('nothing to retry') } });
  }, 240_000);
});

describe('a retry that cannot trust the run before', () => {
  it('reruns every step, setup-alpine too, and says why: an unreadable summary, or a profile saved since', async () => {
    const [one, two] = boxes as [TestTarget, TestTarget];
    for (const box of boxes) await box.standIns?.control({ apk: { mode: 'fail', errorLine: 'network unreachable' } });
    const targets = [await addTarget(one, 'one'), await addTarget(two, 'two')];
    const profile = sensor();
    const profileId = await saveProfile(profile);
    const started = value(await call('runs:start', { profileId, targetIds: targets.map((t) => t.id) }));
    const first = await fleetDone(started.fleetId);
    expect(first.runs.map((r) => r.status)).toEqual(['failed', 'failed']);
    for (const box of boxes) await box.standIns?.control({});

    // The first box's summary is cut off mid-write: what that run did cannot be known.
    const file = path.join(h.dir, 'runs', first.runs[0]?.runId ?? '', 'summary.json');
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 400));
    let from = activity.length;
    const unreadable = value(await call('runs:retry-failed', { fleetId: started.fleetId, targetIds: [targets[0]?.id ?? ''] }));
    expect(unreadable.resumes).toEqual([
      {
        targetId: targets[0]?.id,
        previousRunId: null,
        from: { id: 'setup-alpine', title: expect.stringContaining('setup-alpine') },
        rerun: ['setup-alpine', 'cleanup', 'packages', 'receipt', 'lbu-commit'],
        skipped: [],
        why: 'the summary of its last run cannot be read',
      },
    ]);
    expect((await fleetDone(started.fleetId, from)).runs.map((r) => r.status)).toEqual(['succeeded']);
    expect(installerRuns(await records(one))).toBe(2);

    // The profile was saved again after the second box's run: its steps may differ from what ran.
    value(await h.services.profiles.save(profile, profileId));
    from = activity.length;
    const changed = value(await call('runs:retry-failed', { fleetId: started.fleetId }));
    expect(changed.resumes).toEqual([
      expect.objectContaining({ targetId: targets[1]?.id, previousRunId: first.runs[1]?.runId, skipped: [], why: 'the profile was changed after its last run' }),
    ]);
    const again = await fleetDone(started.fleetId, from);
    expect(again.runs.map((r) => r.status)).toEqual(['succeeded']);
    expect(installerRuns(await records(two))).toBe(2);
    expect((await summaryOf(again.runs[0]?.runId ?? '')).steps.filter((s) => s.status === 'skipped')).toEqual([]);
  }, 240_000);
});
