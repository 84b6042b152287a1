import { join } from 'node:path';
import type { BoxStatus } from '../../shared/api/boxes';
import { fail, ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { checkPackageNames, checkRunlevel, checkServiceName, fixSteps, type InputProblem } from '../../shared/boxes';
import {
  addPackages,
  applyDrift,
  checkDrift,
  gatherFacts,
  lbuCommit,
  lbuDiff,
  lbuListBackups,
  lbuStatus,
  listPackages,
  listServices,
  listUpgradable,
  refreshMany,
  removePackages,
  runlevelAction,
  serviceAction,
  upgradeAll,
  type BoxResult,
  type OutputStream,
  type RefreshOutcome,
  type RefreshTarget,
} from '../boxes';
import { storePaths } from '../store/paths';
import { openRunFiles } from '../store/runs';
import { createBoxAccess, type BoxLink } from './box-access';
import { powerAction } from './box-power';
import { BoxRun, type BoxRunSpec } from './box-runs';
import type { Services } from './handlers';
import type { DomainHandlers } from './types';

/** Knobs of the boxes service; tests shorten the waits. */
export interface BoxOptions {
  /** Boxes read at once by boxes:refresh (default 4). */
  concurrency?: number;
  /** How long a rebooted box may take to answer again (default 10 minutes). */
  backTimeoutMs?: number;
  /** The pause between attempts to reach a rebooting box (default 3 s). */
  backIntervalMs?: number;
  /** Time to reach a box and log in (default 20 s). */
  readyTimeoutMs?: number;
}

type BoxServices = Pick<Services, 'targets' | 'secrets' | 'knownHosts' | 'profiles' | 'sshConfig' | 'appInfo' | 'log' | 'emit' | 'boxes' | 'runs'>;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A request the boxes would refuse anyway is refused here, before a run is opened or anything connects. */
const refuse = (problem: InputProblem) => fail('invalid-input', problem.message, problem.field);
const now = () => new Date().toISOString();

/**
 * The boxes channels: each connects to the target the way "Test connection"
 * does (same stores, secrets and host-key trust), does one thing and closes.
 * Actions that change a box are runs, logged under the runs folder.
 */
export function boxHandlers(services: BoxServices): DomainHandlers<'boxes'> {
  const { log } = services;
  const options = services.boxes ?? {};
  const emit = services.emit ?? (() => undefined);
  const access = createBoxAccess({
    targets: services.targets,
    secrets: services.secrets,
    knownHosts: services.knownHosts,
    userKnownHostsPath: join(services.sshConfig.homeDir, '.ssh', 'known_hosts'),
    homeDir: services.sshConfig.homeDir,
    log,
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
  });
  // Box actions are runs beside the installs: the runner's folder, or userData/runs when the table was built without one.
  const runs = { openRun: services.runs?.openRun ?? ((runId: string) => openRunFiles(storePaths(services.appInfo().userDataDir).runs, runId)), emit };

  /** Reads something from the box; nothing is logged as a run. */
  async function query<T, R>(targetId: string, body: (link: BoxLink) => Promise<BoxResult<T>>, answer: (value: T) => R): Promise<Result<R>> {
    const found = await access.target(targetId);
    if (!found.ok) return found;
    const linked = await access.connect(found.value);
    if (!linked.ok) return access.refusal(linked.error);
    try {
      const read = await body(linked.value);
      return read.ok ? ok(answer(read.value)) : access.refusal(read.error);
    } finally {
      await linked.value.conn.close();
    }
  }

  /** Changes the box, as a run: opened before connecting, so a box that cannot be reached is on record too. */
  async function act<T, R>(
    targetId: string,
    spec: (target: Target) => BoxRunSpec,
    body: (link: BoxLink, onOutput: (text: string, stream: OutputStream) => void) => Promise<BoxResult<T>>,
    answer: (value: T, runId: string) => R,
  ): Promise<Result<R>> {
    const found = await access.target(targetId);
    if (!found.ok) return found;
    const described = spec(found.value);
    const run = await BoxRun.open(runs, found.value, described);
    const linked = await access.connect(found.value);
    if (!linked.ok) {
      await run.finish(linked);
      return access.refusal(linked.error);
    }
    try {
      const result = await run.step(described.action, (onOutput) => body(linked.value, onOutput));
      await run.finish(result);
      log.info(`${described.title} on ${found.value.name}: ${result.ok ? 'done' : result.error.code} (run ${run.runId}).`);
      return result.ok ? ok(answer(result.value, run.runId)) : access.refusal(result.error);
    } finally {
      await linked.value.conn.close();
    }
  }

  const statusOf = async (outcome: RefreshOutcome): Promise<BoxStatus> =>
    outcome.ok
      ? { targetId: outcome.id, outcome: { ok: true, facts: outcome.facts, refreshedAt: outcome.refreshedAt } }
      : { targetId: outcome.id, outcome: { ok: false, error: await access.apiError(outcome.error), at: now() } };

  const refreshTarget = (target: Target): RefreshTarget => {
    const entry: RefreshTarget = {
      id: target.id,
      label: target.name,
      privilege: access.privilegeOf(target),
      // refreshMany reads `privilege` once connected: the first connection to a target is what learns it.
      connect: async (signal) => {
        const opened = await access.connectFn(target)(signal);
        entry.privilege = access.privilegeOf(target);
        return opened;
      },
    };
    return entry;
  };

  return {
    'boxes:facts': ({ targetId }) => query(targetId, ({ conn, context }) => gatherFacts(conn, context), (facts) => ({ targetId, facts, refreshedAt: now() })),
    'boxes:refresh': async ({ targetIds }) => {
      const { targets } = await services.targets.list();
      const ids = targetIds ?? targets.map((t) => t.id);
      const known = targets.filter((t) => ids.includes(t.id));
      const sent: Array<Promise<void>> = [];
      const outcomes = await refreshMany(known.map(refreshTarget), {
        concurrency: options.concurrency ?? 4,
        onResult: (outcome) => sent.push(statusOf(outcome).then((status) => emit('boxes.facts', status))),
      });
      await Promise.all(sent);
      const read = new Map((await Promise.all(outcomes.map(statusOf))).map((s) => [s.targetId, s]));
      const boxes = ids.map(
        (id): BoxStatus =>
          read.get(id) ?? { targetId: id, outcome: { ok: false, error: { code: 'not-found', message: 'This target no longer exists; it may have been removed.' }, at: now() } },
      );
      return ok({ boxes });
    },
    'boxes:services': ({ targetId }) => query(targetId, ({ conn, context }) => listServices(conn, context), (list) => list),
    'boxes:service-action': async ({ targetId, name, action }) => {
      const problem = checkServiceName(name);
      if (problem) return refuse(problem);
      return act(
        targetId,
        () => ({ action: 'service-action', title: `${capital(action)} ${name}` }),
        ({ conn, context }, onOutput) => serviceAction(conn, name, action, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      );
    },
    'boxes:runlevel-action': async ({ targetId, name, runlevel, action }) => {
      const problem = checkServiceName(name) ?? checkRunlevel(runlevel);
      if (problem) return refuse(problem);
      return act(
        targetId,
        () => ({ action: 'runlevel-action', title: action === 'add' ? `Add ${name} to the ${runlevel} runlevel` : `Remove ${name} from the ${runlevel} runlevel` }),
        ({ conn, context }, onOutput) => runlevelAction(conn, name, runlevel, action, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      );
    },
    'boxes:packages': ({ targetId }) => query(targetId, ({ conn, context }) => listPackages(conn, context), (packages) => ({ packages })),
    'boxes:upgradable': ({ targetId, refresh }) => query(targetId, ({ conn, context }) => listUpgradable(conn, { ...context, refresh }), (list) => list),
    'boxes:add-packages': async ({ targetId, names }) => {
      const problem = checkPackageNames(names, 'names');
      if (problem) return refuse(problem);
      return act(
        targetId,
        () => ({ action: 'add-packages', title: `Install ${names.join(', ')}` }),
        ({ conn, context }, onOutput) => addPackages(conn, names, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      );
    },
    'boxes:remove-packages': async ({ targetId, names }) => {
      const problem = checkPackageNames(names, 'names');
      if (problem) return refuse(problem);
      return act(
        targetId,
        () => ({ action: 'remove-packages', title: `Remove ${names.join(', ')}`, destructive: true }),
        ({ conn, context }, onOutput) => removePackages(conn, names, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      );
    },
    'boxes:upgrade': ({ targetId }) =>
      act(
        targetId,
        () => ({ action: 'upgrade', title: 'Upgrade all packages' }),
        ({ conn, context }, onOutput) => upgradeAll(conn, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    'boxes:lbu-status': ({ targetId }) => query(targetId, ({ conn, context }) => lbuStatus(conn, context), (changes) => ({ changes })),
    'boxes:lbu-diff': ({ targetId }) => query(targetId, ({ conn, context }) => lbuDiff(conn, context), (diff) => diff),
    'boxes:lbu-commit': ({ targetId, message }) =>
      act(
        targetId,
        () => ({ action: 'lbu-commit', title: message === '' ? 'Save the configuration (lbu commit)' : `Save the configuration (lbu commit): ${message}` }),
        ({ conn, context }, onOutput) => lbuCommit(conn, message, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    'boxes:lbu-backups': ({ targetId }) => query(targetId, ({ conn, context }) => lbuListBackups(conn, context), (backups) => ({ backups })),
    'boxes:power': ({ targetId, action, force }) =>
      powerAction({ access, runs, emit, log, backTimeoutMs: options.backTimeoutMs, backIntervalMs: options.backIntervalMs }, targetId, action, force),
    'boxes:drift': async ({ targetId, profileId }) => {
      const stored = await services.profiles.get(profileId);
      if (!stored.ok) return stored;
      const { profile } = stored.value;
      return query(targetId, ({ conn, context }) => checkDrift(conn, profile, context), ({ drift }) => ({ profileName: profile.name, drift, steps: fixSteps(drift) }));
    },
    'boxes:apply-drift': async ({ targetId, profileId }) => {
      const stored = await services.profiles.get(profileId);
      if (!stored.ok) return stored;
      const { profile } = stored.value;
      return act(
        targetId,
        () => ({ action: 'apply-drift', title: `Apply the profile ${profile.name}`, profileName: profile.name }),
        ({ conn, context }, onOutput) => applyDrift(conn, profile, { ...context, onOutput }),
        ({ ran, remaining }, runId) => ({ runId, ran, remaining }),
      );
    },
  };
}
