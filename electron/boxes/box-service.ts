import type { BoxStatus, PowerAction } from '../../shared/api/boxes';
import type { ResponseOf } from '../../shared/api/channels';
import type { ChannelName } from '../../shared/api/names';
import { err, fail, ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import type { Profile } from '../../shared/profile';
import { fixSteps } from '../../shared/boxes';
import { serviceRisk } from '../../shared/boxes/service-risk';
import type { EmitEvent } from '../ipc/events';
import type { Log } from '../log';
import type { SecretStore } from '../secrets/secrets';
import type { KnownHostsStore } from '../store/known-hosts';
import type { ProfileStore } from '../store/profiles';
import type { RunFiles } from '../store/runs';
import type { TargetStore } from '../store/targets';
import { createBoxAccess, type BoxLink } from './access';
import { BoxRun, type BoxRunSpec } from './box-run';
import { applyDrift, checkDrift, type ApplyGuarded, type DriftAgainst } from './drift';
import { guardedDrift } from './drift-guard';
import type { BoxResult } from './errors';
import { gatherFacts } from './facts';
import { lbuCommit, lbuDiff, lbuListBackups, lbuStatus } from './lbu';
import type { OutputStream } from './options';
import { addPackages, listPackages, listUpgradable, removePackages, upgradeAll } from './packages';
import { powerAction } from './power-wait';
import { refreshMany, type RefreshOutcome, type RefreshTarget } from './refresh-many';
import { RunningActions } from './running-actions';
import { guardedServiceAction, listServices, runlevelAction, serviceAction } from './services';

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

export interface BoxServiceDeps {
  targets: TargetStore;
  secrets: SecretStore;
  /** Cairn's own known_hosts: the same trust as "Test connection". */
  knownHosts: KnownHostsStore;
  /** The person's OpenSSH known_hosts, read only; null to ignore it. */
  userKnownHostsPath: string | null;
  homeDir: string;
  /** Drift compares a box with a saved profile. */
  profiles: ProfileStore;
  /** Whether an install runs on the box now: changing the box meanwhile is refused. */
  installing?: (targetId: string) => boolean;
  /** The profile an install run used, so a reboot after it can follow the box to the address it set. */
  profileOfRun?: (runId: string) => Promise<Profile | null>;
  /** Where a box action's run keeps its summary and log. */
  openRun: (runId: string) => Promise<RunFiles>;
  /** Applies drift steps that can cut Cairn off, with confirm-or-revert, on this target; without it they are skipped and named. */
  applyGuarded?: (target: Target, ...args: Parameters<ApplyGuarded>) => ReturnType<ApplyGuarded>;
  /** Facts as each box answers, live output of actions, the end of a wait after reboot. */
  emit: EmitEvent;
  log: Log;
  options?: BoxOptions;
}

type Answer<C extends Extract<ChannelName, `boxes:${string}`>> = Promise<Result<ResponseOf<C>>>;

/**
 * One method per boxes channel, given a request the handler already checked.
 * Each connects to the target the way "Test connection" does (same stores,
 * secrets and host-key trust), does one thing and closes. Actions that change
 * a box are runs, logged under the runs folder, and can be stopped by run id.
 */
export interface BoxService {
  facts(targetId: string): Answer<'boxes:facts'>;
  refresh(targetIds: readonly string[] | undefined): Answer<'boxes:refresh'>;
  services(targetId: string): Answer<'boxes:services'>;
  /** A stop or restart that can cut Cairn off runs guarded (confirm or the box reverts), with a window of `windowSeconds` (default 90). */
  serviceAction(targetId: string, name: string, action: 'start' | 'stop' | 'restart', windowSeconds?: number): Answer<'boxes:service-action'>;
  runlevelAction(targetId: string, name: string, runlevel: string, action: 'add' | 'del'): Answer<'boxes:runlevel-action'>;
  packages(targetId: string): Answer<'boxes:packages'>;
  upgradable(targetId: string, refresh: boolean): Answer<'boxes:upgradable'>;
  addPackages(targetId: string, names: readonly string[]): Answer<'boxes:add-packages'>;
  removePackages(targetId: string, names: readonly string[]): Answer<'boxes:remove-packages'>;
  upgrade(targetId: string): Answer<'boxes:upgrade'>;
  lbuStatus(targetId: string): Answer<'boxes:lbu-status'>;
  lbuDiff(targetId: string): Answer<'boxes:lbu-diff'>;
  lbuCommit(targetId: string, message: string): Answer<'boxes:lbu-commit'>;
  lbuBackups(targetId: string): Answer<'boxes:lbu-backups'>;
  power(targetId: string, action: PowerAction, force: boolean, afterRun?: string): Answer<'boxes:power'>;
  /** `profileId` null: the profile the box's receipt records. */
  drift(targetId: string, profileId: string | null): Answer<'boxes:drift'>;
  applyDrift(targetId: string, profileId: string | null): Answer<'boxes:apply-drift'>;
  /**
   * Stops a running action and answers once its run has ended; `cancelled:
   * false` when that run is not going (any more). Reboots and power-offs are
   * not among them: a half-sent reboot cannot be taken back.
   */
  cancel(runId: string): Answer<'boxes:cancel'>;
}

type StepOutput = (text: string, stream: OutputStream) => void;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const now = () => new Date().toISOString();

export function createBoxService(deps: BoxServiceDeps): BoxService {
  const { log, emit } = deps;
  const options = deps.options ?? {};
  const access = createBoxAccess({
    targets: deps.targets,
    secrets: deps.secrets,
    knownHosts: deps.knownHosts,
    userKnownHostsPath: deps.userKnownHostsPath,
    homeDir: deps.homeDir,
    log,
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
  });
  const runs = { openRun: deps.openRun, emit };
  // Where the target follows a box that a guarded change moved: the same trust as every connection.
  const follow = { targets: deps.targets, knownHosts: deps.knownHosts, trust: { storePath: deps.knownHosts.path, userKnownHostsPath: deps.userKnownHostsPath } };
  const running = new RunningActions();

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

  /**
   * Changes the box, as a run: opened before connecting, so a box that cannot
   * be reached is on record too. Until the run ends, `cancel(runId)` aborts
   * its connection and command: the link's context carries the signal, so
   * every box call spread from it stops with it.
   */
  /** A box whose install is running is not changed under it: the run's steps expect the box as they left it. */
  const whileInstalling = (target: Target) =>
    deps.installing?.(target.id)
      ? fail('invalid-input', `An install is running on ${target.name}: wait for it to end, or cancel it on the Runs screen, before changing the box.`, 'targetId')
      : null;

  async function act<T, R>(
    targetId: string,
    spec: (target: Target) => BoxRunSpec,
    body: (link: BoxLink, onOutput: StepOutput, target: Target) => Promise<BoxResult<T>>,
    answer: (value: T, runId: string) => R,
  ): Promise<Result<R>> {
    const found = await access.target(targetId);
    if (!found.ok) return found;
    const target = found.value;
    const installing = whileInstalling(target);
    if (installing) return installing;
    const described = spec(target);
    const run = await BoxRun.open(runs, target, described);
    const { signal, ended } = running.start(run.runId);
    // The SSH layer names host:port and knows nothing of Stop; a person reads what was stopped, on which box, and what to do.
    const asked = <V>(result: BoxResult<V>): BoxResult<V> =>
      !result.ok && result.error.code === 'cancelled' && signal.aborted
        ? err({ code: 'cancelled', message: `${described.title} on ${target.name} was stopped before it finished, as asked: start it again to finish it.` })
        : result;
    try {
      const linked = asked(await access.connect(target, signal));
      if (!linked.ok) {
        await run.finish(linked);
        return access.refusal(linked.error);
      }
      try {
        const link: BoxLink = { conn: linked.value.conn, context: { ...linked.value.context, signal } };
        const result = await run.step(described.action, async (onOutput) => asked(await body(link, onOutput, target)));
        await run.finish(result);
        log.info(`${described.title} on ${target.name}: ${result.ok ? 'done' : result.error.code} (run ${run.runId}).`);
        return result.ok ? ok(answer(result.value, run.runId)) : access.refusal(result.error);
      } finally {
        await linked.value.conn.close();
      }
    } finally {
      ended();
    }
  }

  const statusOf = (outcome: RefreshOutcome): BoxStatus =>
    outcome.ok
      ? { targetId: outcome.id, outcome: { ok: true, facts: outcome.facts, refreshedAt: outcome.refreshedAt } }
      : { targetId: outcome.id, outcome: { ok: false, error: access.apiError(outcome.error), at: now() } };

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

  /** A saved profile (a lost wifi passphrase makes it one whose secrets are not known), or the box's receipt. */
  const driftAgainst = async (profileId: string | null): Promise<Result<DriftAgainst>> => {
    if (profileId === null) return ok('receipt');
    const stored = await deps.profiles.get(profileId);
    if (!stored.ok) return stored;
    return ok({ profile: stored.value.profile, profileId, secretsKnown: (stored.value.lostSecrets ?? []).length === 0 });
  };

  return {
    facts: (targetId) =>
      query(
        targetId,
        ({ conn, context }) => gatherFacts(conn, context),
        (facts) => ({ targetId, facts, refreshedAt: now() }),
      ),
    async refresh(targetIds) {
      const { targets } = await deps.targets.list();
      const ids = targetIds ?? targets.map((t) => t.id);
      const known = targets.filter((t) => ids.includes(t.id));
      const outcomes = await refreshMany(known.map(refreshTarget), {
        concurrency: options.concurrency ?? 4,
        onResult: (outcome) => emit('boxes.facts', statusOf(outcome)),
      });
      const read = new Map(outcomes.map(statusOf).map((s) => [s.targetId, s]));
      const boxes = ids.map(
        (id): BoxStatus =>
          read.get(id) ?? { targetId: id, outcome: { ok: false, error: { code: 'not-found', message: 'This target no longer exists; it may have been removed.' }, at: now() } },
      );
      return ok({ boxes });
    },
    services: (targetId) =>
      query(
        targetId,
        ({ conn, context }) => listServices(conn, context),
        (list) => list,
      ),
    serviceAction: (targetId, name, action, windowSeconds) =>
      serviceRisk(name, action) === null
        ? act(
            targetId,
            () => ({ action: 'service-action', title: `${capital(action)} ${name}` }),
            ({ conn, context }, onOutput) => serviceAction(conn, name, action, { ...context, onOutput }),
            (value, runId) => ({ runId, ...value }),
          )
        : act(
            targetId,
            () => ({ action: 'service-action', title: `${capital(action)} ${name} (confirm or revert)`, destructive: true }),
            // The guarded change opens its own connections: it must reach the box again after this one may be gone.
            ({ context }, onOutput, target) =>
              guardedServiceAction({ access, follow }, target, name, action, windowSeconds === undefined ? undefined : windowSeconds * 1000, { ...context, onOutput }),
            ({ name: n, action: a, guarded: { log: _log, ...guarded } }, runId) => ({ runId, name: n, action: a, guarded }),
          ),
    runlevelAction: (targetId, name, runlevel, action) =>
      act(
        targetId,
        () => ({ action: 'runlevel-action', title: action === 'add' ? `Add ${name} to the ${runlevel} runlevel` : `Remove ${name} from the ${runlevel} runlevel` }),
        ({ conn, context }, onOutput) => runlevelAction(conn, name, runlevel, action, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    packages: (targetId) =>
      query(
        targetId,
        ({ conn, context }) => listPackages(conn, context),
        (packages) => ({ packages }),
      ),
    upgradable: (targetId, refresh) =>
      query(
        targetId,
        ({ conn, context }) => listUpgradable(conn, { ...context, refresh }),
        (list) => list,
      ),
    addPackages: (targetId, names) =>
      act(
        targetId,
        () => ({ action: 'add-packages', title: `Install ${names.join(', ')}` }),
        ({ conn, context }, onOutput) => addPackages(conn, names, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    removePackages: (targetId, names) =>
      act(
        targetId,
        () => ({ action: 'remove-packages', title: `Remove ${names.join(', ')}`, destructive: true }),
        ({ conn, context }, onOutput) => removePackages(conn, names, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    upgrade: (targetId) =>
      act(
        targetId,
        () => ({ action: 'upgrade', title: 'Upgrade all packages' }),
        ({ conn, context }, onOutput) => upgradeAll(conn, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    lbuStatus: (targetId) =>
      query(
        targetId,
        ({ conn, context }) => lbuStatus(conn, context),
        (changes) => ({ changes }),
      ),
    lbuDiff: (targetId) =>
      query(
        targetId,
        ({ conn, context }) => lbuDiff(conn, context),
        (diff) => diff,
      ),
    lbuCommit: (targetId, message) =>
      act(
        targetId,
        () => ({ action: 'lbu-commit', title: message === '' ? 'Save the configuration (lbu commit)' : `Save the configuration (lbu commit): ${message}` }),
        ({ conn, context }, onOutput) => lbuCommit(conn, message, { ...context, onOutput }),
        (value, runId) => ({ runId, ...value }),
      ),
    lbuBackups: (targetId) =>
      query(
        targetId,
        ({ conn, context }) => lbuListBackups(conn, context),
        (backups) => ({ backups }),
      ),
    power: async (targetId, action, force, afterRun) => {
      const found = await access.target(targetId);
      const installing = found.ok ? whileInstalling(found.value) : null;
      if (installing) return installing;
      return powerAction(
        {
          access,
          runs,
          emit,
          log,
          backTimeoutMs: options.backTimeoutMs,
          backIntervalMs: options.backIntervalMs,
          ...(deps.profileOfRun === undefined
            ? {}
            : {
                follow: {
                  profileOfRun: deps.profileOfRun,
                  targets: deps.targets,
                  knownHosts: deps.knownHosts,
                  trust: { storePath: deps.knownHosts.path, userKnownHostsPath: deps.userKnownHostsPath },
                },
              }),
        },
        targetId,
        action,
        force,
        afterRun,
      );
    },
    async drift(targetId, profileId) {
      const against = await driftAgainst(profileId);
      if (!against.ok) return against;
      return query(
        targetId,
        ({ conn, context }) => checkDrift(conn, against.value, context),
        (report) => ({
          profileName: report.profile.name,
          profileId: report.profileId,
          against: profileId === null ? ('receipt' as const) : ('profile' as const),
          receipt: report.facts.receipt,
          drift: report.drift,
          steps: fixSteps(report.drift),
        }),
      );
    },
    async applyDrift(targetId, profileId) {
      const against = await driftAgainst(profileId);
      if (!against.ok) return against;
      const name = against.value === 'receipt' ? null : against.value.profile.name;
      return act(
        targetId,
        () => ({
          action: 'apply-drift',
          title: name === null ? 'Apply the profile its receipt records' : `Apply the profile ${name}`,
          profileName: name ?? 'as recorded on the box',
        }),
        ({ conn, context }, onOutput, target) => {
          const guard = deps.applyGuarded;
          // The changes that can cut Cairn off go through confirm-or-revert on the box.
          const applyGuarded: ApplyGuarded = guard ? (...args) => guard(target, ...args) : guardedDrift({ access, follow }, target);
          return applyDrift(conn, against.value, { ...context, onOutput, applyGuarded });
        },
        (applied, runId) => ({ runId, ...applied }),
      );
    },
    cancel: async (runId) => ok({ cancelled: await running.stop(runId) }),
  };
}
