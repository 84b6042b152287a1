import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import type { FleetStarted, PlannedStep } from '../../shared/api/runs';
import type { Target } from '../../shared/api/targets';
import { DEFAULT_WORK_DIR, plan, type Step } from '../../shared/plan';
import { errorsOf, validate, type Profile } from '../../shared/profile';
import { confirmationProblem, erasedBy, type FinalStatus } from '../runs';
import { newId } from '../runs/ids';
import type { ConnectOptions } from '../ssh';
import { storePaths } from '../store/paths';
import { openRunFiles } from '../store/runs';
import { pinOf } from '../targets/connection-test';
import { loginFor } from '../targets/login-methods';
import type { Services } from './handlers';
import { FleetRegistry, type FleetEntry } from './run-fleets';
import { latestRunsOf, listRuns, readFleet, readRun, saveFleet, type FleetRecord } from './run-history';
import type { RunServices } from './run-services';
import type { DomainHandlers } from './types';

type RunDeps = Pick<Services, 'profiles' | 'targets' | 'secrets' | 'knownHosts' | 'sshConfig' | 'log' | 'appInfo' | 'runs'>;

/** Statuses worth another try (as electron/runs/fleet.ts counts them): the run did not finish as planned. */
const RETRY: ReadonlySet<FinalStatus> = new Set(['failed', 'refused', 'cancelled', 'interrupted']);

const DEFAULT_CONCURRENCY = 10;

/** The plan as the runner drafts it before it has read the box: the same steps and erased disks. */
const draftPlan = (profile: Profile, reboot: boolean): Step[] => plan(profile, { privilege: 'root', workDir: DEFAULT_WORK_DIR }, { reboot });

const plannedStep = (s: Step): PlannedStep => ({ id: s.id, title: s.title, destructive: s.destructive, erases: [...s.erases] });

const address = (t: Target) => `${t.user}@${t.host}:${t.port}`;

const profileProblems = (profile: Profile) => errorsOf(validate(profile)).map(({ path, message }) => ({ path, message }));

interface Loaded {
  profile: Profile;
  targets: Target[];
}

/** Falls back to runs under the userData directory with no listener, for tables built without run services (older tests). */
function runServicesOf(deps: RunDeps): RunServices {
  if (deps.runs) return deps.runs;
  const runsDir = storePaths(deps.appInfo().userDataDir).runs;
  return { runsDir, openRun: (runId) => openRunFiles(runsDir, runId), onActivity: () => undefined };
}

/** The channels that start, follow, stop and look back at installs. */
export function runHandlers(deps: RunDeps): DomainHandlers<'runs'> {
  const runs = runServicesOf(deps);
  const registry = new FleetRegistry({ openRun: runs.openRun, onActivity: runs.onActivity, log: deps.log, ...(runs.limits ? { limits: runs.limits } : {}) });

  const load = async (profileId: string, targetIds: readonly string[]): Promise<Result<Loaded>> => {
    const stored = await deps.profiles.get(profileId);
    if (!stored.ok) return fail(stored.error.code, `${stored.error.message} Save the profile in the wizard and choose it again.`, 'profileId');
    const targets: Target[] = [];
    for (const [i, id] of targetIds.entries()) {
      const found = await deps.targets.get(id);
      if (!found.ok) return fail(found.error.code, `${found.error.message} Refresh the target list and choose again.`, `targetIds.${i}`);
      targets.push(found.value);
    }
    return ok({ profile: stored.value.profile, targets });
  };

  /** Login options as "Test connection" builds them: the target's login method and secrets, Cairn's known_hosts and the user's. */
  const connectOptions = async (target: Target): Promise<Result<ConnectOptions>> => {
    const auth = await loginFor(target, { secrets: deps.secrets, homeDir: deps.sshConfig.homeDir });
    if (!auth.ok) return auth;
    const trust = { storePath: deps.knownHosts.path, userKnownHostsPath: join(deps.sshConfig.homeDir, '.ssh', 'known_hosts') };
    return ok({ host: target.host, port: target.port, username: target.user, auth: auth.value, trust, pinnedKey: pinOf(target) });
  };

  /** Checks all that can be checked before anything is sent, then starts the fleet (and saves how a new one was started). */
  const launch = async (o: FleetRecord, options: { save: boolean }): Promise<Result<FleetStarted>> => {
    const loaded = await load(o.profileId, o.targetIds);
    if (!loaded.ok) return loaded;
    const { profile, targets } = loaded.value;
    const problems = profileProblems(profile);
    const first = problems[0];
    if (first) {
      return fail('invalid-profile', `The profile “${profile.name}” has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} to fix in the wizard first (${first.path}: ${first.message}).`, 'profileId');
    }
    const mismatch = confirmationProblem(draftPlan(profile, o.reboot), { erase: o.confirmErase });
    if (mismatch) return fail('confirmation-mismatch', mismatch, 'confirmErase');
    const entries: FleetEntry[] = [];
    for (const [i, target] of targets.entries()) {
      const connect = await connectOptions(target);
      if (!connect.ok) return fail(connect.error.code, `${target.name}: ${connect.error.message}`, `targetIds.${i}`);
      entries.push({ runId: newId('run'), targetId: target.id, targetName: target.name, connect: connect.value });
    }
    // Checked with nothing awaited before the launch, so two quick starts cannot both take a target.
    const busy = new Set(registry.busy(o.targetIds));
    const clash = targets.find((t) => busy.has(t.id));
    if (clash) return fail('invalid-input', `“${clash.name}” is already being installed; wait for that run to end, or cancel it, before starting another.`, 'targetIds');
    registry.launch({ fleetId: o.fleetId, profile, confirmErase: o.confirmErase, reboot: o.reboot, concurrency: o.concurrency, entries }).catch((error: unknown) => {
      deps.log.error(`Fleet ${o.fleetId} stopped unexpectedly`, error);
    });
    deps.log.info(`Started fleet ${o.fleetId}: “${profile.name}” on ${targets.map((t) => t.name).join(', ')}.`);
    if (options.save) {
      // Only "Retry failed" after a restart needs it; the runs go on without it.
      await saveFleet(runs.runsDir, o).catch((error: unknown) => deps.log.error(`Could not save how fleet ${o.fleetId} was started`, error));
    }
    return ok({ fleetId: o.fleetId, runIds: entries.map((e) => e.runId), targetIds: entries.map((e) => e.targetId) });
  };

  return {
    'runs:plan': async ({ profileId, targetIds, reboot }) => {
      const loaded = await load(profileId, targetIds);
      if (!loaded.ok) return loaded;
      const { profile, targets } = loaded.value;
      const problems = profileProblems(profile);
      // plan() assumes a valid profile; with errors there is no plan to show, only what to fix.
      const steps = problems.length === 0 ? draftPlan(profile, reboot) : [];
      const erases = erasedBy(steps);
      const planned = steps.map(plannedStep);
      return ok({
        profileName: profile.name,
        targets: targets.map((t) => ({ targetId: t.id, targetName: t.name, address: address(t), steps: planned, erases })),
        erases,
        problems,
      });
    },
    'runs:start': ({ profileId, targetIds, confirmErase, reboot, concurrency = DEFAULT_CONCURRENCY }) =>
      launch({ version: 1, fleetId: newId('fleet'), profileId, targetIds, confirmErase, reboot, concurrency, startedAt: new Date().toISOString() }, { save: true }),
    'runs:cancel': async (which) => ok({ cancelled: registry.cancel(which) }),
    'runs:list': async () => ok(await listRuns(runs.runsDir)),
    'runs:get': ({ runId }) => readRun(runs.runsDir, runId),
    'runs:retry-failed': async ({ fleetId, targetIds }) => {
      if (registry.isRunning(fleetId)) return fail('invalid-input', 'This fleet is still running; wait for its runs to end, or cancel them, before retrying.', 'fleetId');
      const record = await readFleet(runs.runsDir, fleetId);
      if (record === null) return fail('not-found', 'Cairn has no record of how this fleet was started, so it cannot retry it; start the run again from the Runs screen.', 'fleetId');
      const latest = await latestRunsOf(runs.runsDir, fleetId);
      const again = record.targetIds.filter((id) => {
        const last = latest.get(id);
        return (targetIds === undefined || targetIds.includes(id)) && (last === undefined || (last.status !== 'running' && RETRY.has(last.status)));
      });
      if (again.length === 0) return fail('invalid-input', 'No run of this fleet failed, was refused, cancelled or interrupted, so there is nothing to retry.', 'fleetId');
      return launch({ ...record, targetIds: again }, { save: false });
    },
  };
}
