import { join } from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../shared/api/channels';
import { fail, ok, type Result } from '../../shared/api/result';
import type { StoredProfile } from '../../shared/api/profiles';
import type { FleetStarted, PlannedStep } from '../../shared/api/runs';
import type { Target } from '../../shared/api/targets';
import { DEFAULT_WORK_DIR, plan, type Step } from '../../shared/plan';
import { errorsOf, validate, type Profile } from '../../shared/profile';
import type { Log } from '../log';
import type { SecretStore } from '../secrets/secrets';
import type { ConnectOptions } from '../ssh';
import type { KnownHostsStore } from '../store/known-hosts';
import type { SshConfigSource } from '../store/ssh-config-import';
import { lostSecretsName, type ProfileStore } from '../store/profiles';
import { fleetRunsOf, readFleet, saveFleet, type FleetRecord } from '../store/run-history';
import type { TargetStore } from '../store/targets';
import { connectOptionsFor } from '../targets/connect-options';
import { expandBatch, type Batch, type BatchBox, type BatchProblem } from '../../shared/batch/batch';
import { rowTargets, type RowTarget } from './batch-targets';
import { confirmationProblem, erasedBy } from './confirm';
import { FleetRegistry, type FleetEntry } from './fleet-registry';
import { newId } from './ids';
import { resumeFrom, resumeInfo, retryable, type PreviousRun } from './retry';
import type { RunServices } from './run-services';

export interface RunLauncherDeps {
  profiles: Pick<ProfileStore, 'get'>;
  targets: Pick<TargetStore, 'get' | 'list' | 'save'>;
  secrets: SecretStore;
  /** Its path is the trust, and its `presented` keys are where a run notes the key a box showed (for knownHosts:accept). */
  knownHosts: Pick<KnownHostsStore, 'path' | 'presented'>;
  /** The desktop user's home: `~/` in key paths, and its ~/.ssh/known_hosts. */
  homeDir: string;
  /** Where a batch row's Host alias is looked up (~/.ssh/config); left out, rows name saved targets or user@host only. */
  sshConfig?: SshConfigSource;
  log: Log;
  runs: RunServices;
}

/** Plans, starts, cancels and retries the installs the window asks for, on saved profiles and targets. */
export interface RunLauncher {
  plan(request: ParsedRequestOf<'runs:plan'>): Promise<Result<ResponseOf<'runs:plan'>>>;
  start(request: ParsedRequestOf<'runs:start'>): Promise<Result<FleetStarted>>;
  /** Cancels one run, or every run of a fleet still queued or going; returns how many. */
  cancel(which: ParsedRequestOf<'runs:cancel'>): number;
  /** Runs again, in the same fleet, its targets whose last run did not finish as planned (narrowed to `targetIds` when given), each skipping the steps its last run completed where that is safe. */
  retryFailed(fleetId: string, targetIds?: readonly string[]): Promise<Result<FleetStarted>>;
  /** Which of these targets have a run going now. */
  busy(targetIds: readonly string[]): string[];
  /** A batch's problems by row and column, or one line per box. */
  checkBatch(request: ParsedRequestOf<'runs:check-batch'>): Promise<Result<ResponseOf<'runs:check-batch'>>>;
  /** One run per row of a batch without problems, each with its own profile. */
  startBatch(request: ParsedRequestOf<'runs:start-batch'>): Promise<Result<FleetStarted>>;
}

const DEFAULT_CONCURRENCY = 10;

/** A batch refused for its problems, in one message: the first few by row and column, and how many in all. */
const batchRefusal = (problems: readonly BatchProblem[]) => {
  const where = (p: BatchProblem) => `${p.row === null ? '' : `Row ${p.row}, `}${p.column}: ${p.message}`;
  return `The batch has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} to fix first. ${problems.slice(0, 5).map(where).join(' ')}`;
};

/** A profile whose wifi passphrase could not be read back would install an open network: refused, saying how to fix it. */
const lostSecretsRefusal = (stored: StoredProfile) =>
  stored.lostSecrets === undefined || stored.lostSecrets.length === 0
    ? null
    : fail(
        'secrets-unavailable',
        `${lostSecretsName(stored.lostSecrets)} of “${stored.profile.name}” was kept only until Cairn last closed (no system keyring): open the profile, enter it again (${stored.lostSecrets.includes('disk.passphrase') ? 'Disk step' : 'Network step'}) and save.`,
        'profileId',
      );

/** The static addresses of a box's first interface, as a batch's check lists them. */
const addressesOf = (p: Profile): string[] => {
  const i = p.interfaces[0];
  if (i === undefined) return [];
  return [i.ipv4, i.ipv6].flatMap((v) => (v.mode === 'static' ? [`${v.address}/${v.prefix ?? ''}`] : []));
};

/** The plan as the runner drafts it before it has read the box: the same steps and erased disks. */
const draftPlan = (profile: Profile, reboot: boolean): Step[] => plan(profile, { privilege: 'root', workDir: DEFAULT_WORK_DIR }, { reboot, receipt: { profileId: null } });

const plannedStep = (s: Step): PlannedStep => ({ id: s.id, title: s.title, destructive: s.destructive, erases: [...s.erases] });

const address = (t: Target) => `${t.user}@${t.host}:${t.port}`;

const profileProblems = (profile: Profile) => errorsOf(validate(profile)).map(({ path, message }) => ({ path, message }));

interface Loaded {
  profile: Profile;
  targets: Target[];
}

/** What a retry knows of the runs before it: each box's newest run (or that it cannot be read), and when the profile was last saved. */
interface Previous {
  runs: ReadonlyMap<string, PreviousRun>;
  profileUpdatedAt: string | null;
}

export function createRunLauncher(deps: RunLauncherDeps): RunLauncher {
  const { runs, log } = deps;
  const registry = new FleetRegistry({ openRun: runs.openRun, onActivity: runs.onActivity, log, ...(runs.limits ? { limits: runs.limits } : {}) });

  const load = async (profileId: string, targetIds: readonly string[]): Promise<Result<Loaded>> => {
    const stored = await deps.profiles.get(profileId);
    if (!stored.ok) return fail(stored.error.code, `${stored.error.message} Save the profile in the wizard and choose it again.`, 'profileId');
    const lost = lostSecretsRefusal(stored.value);
    if (lost) return lost;
    const targets: Target[] = [];
    for (const [i, id] of targetIds.entries()) {
      const found = await deps.targets.get(id);
      if (!found.ok) return fail(found.error.code, `${found.error.message} Refresh the target list and choose again.`, `targetIds.${i}`);
      targets.push(found.value);
    }
    return ok({ profile: stored.value.profile, targets });
  };

  /** Login options as "Test connection" builds them: the target's login method and secrets, Cairn's known_hosts and the user's, its jump hosts. */
  const connectOptions = (target: Target): Promise<Result<ConnectOptions>> =>
    connectOptionsFor(target, {
      secrets: deps.secrets,
      homeDir: deps.homeDir,
      trust: { storePath: deps.knownHosts.path, userKnownHostsPath: join(deps.homeDir, '.ssh', 'known_hosts'), presented: deps.knownHosts.presented },
    });

  /** The table's rules (shared/batch) and each row's target, with every problem by row and column. */
  const checkBatch = async (profileId: string, batch: Batch): Promise<Result<{ problems: BatchProblem[]; boxes: BatchBox[]; targets: RowTarget[]; profile: Profile }>> => {
    const stored = await deps.profiles.get(profileId);
    if (!stored.ok) return fail(stored.error.code, `${stored.error.message} Save the profile in the wizard and choose it again.`, 'profileId');
    const lost = lostSecretsRefusal(stored.value);
    if (lost) return lost;
    const expanded = expandBatch(stored.value.profile, batch);
    const resolved = await rowTargets(batch.rows, (await deps.targets.list()).targets, deps.sshConfig);
    const problems = [...(expanded.ok ? [] : expanded.problems), ...resolved.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return ok({ problems, boxes: expanded.ok ? expanded.boxes : [], targets: resolved.targets, profile: stored.value.profile });
  };

  /** Checks all that can be checked before anything is sent, then starts the fleet (and saves how a new one was started). */
  const launch = async (o: FleetRecord, options: { save: boolean; previous?: Previous }): Promise<Result<FleetStarted>> => {
    const loaded = await load(o.profileId, o.targetIds);
    if (!loaded.ok) return loaded;
    const { profile, targets } = loaded.value;
    const problems = profileProblems(profile);
    const first = problems[0];
    if (first) {
      return fail(
        'invalid-profile',
        `The profile “${profile.name}” has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} to fix in the wizard first (${first.path}: ${first.message}).`,
        'profileId',
      );
    }
    if (profile.disk.mode !== 'none' && profile.disk.encrypt && profile.disk.passphrase === '')
      return fail(
        'invalid-profile',
        `The profile “${profile.name}” encrypts the disk but holds no passphrase for Cairn to type when setup-disk asks: enter it in the Disk step and save.`,
        'profileId',
      );
    const mismatch = confirmationProblem(draftPlan(profile, o.reboot), { erase: o.confirmErase });
    if (mismatch) return fail('confirmation-mismatch', mismatch, 'confirmErase');
    // A batch gives each box its own profile: its row's hostname, addresses, wifi and packages.
    const own = new Map<string, Profile>();
    if (o.batch !== undefined && o.rowTargets !== undefined) {
      const expanded = expandBatch(profile, o.batch);
      if (!expanded.ok) return fail('invalid-input', batchRefusal(expanded.problems), 'batch');
      expanded.boxes.forEach((box, n) => own.set(o.rowTargets?.[n] ?? '', box.profile));
    }
    const entries: FleetEntry[] = [];
    const resumes: NonNullable<FleetStarted['resumes']> = [];
    for (const [i, target] of targets.entries()) {
      const connect = await connectOptions(target);
      if (!connect.ok) return fail(connect.error.code, `${target.name}: ${connect.error.message}`, `targetIds.${i}`);
      const mine = own.get(target.id);
      const doasPassword = await deps.secrets.get(target.id, 'doas');
      // A retry skips what the box's run before completed, when that run can be trusted to match this one.
      const box = mine ?? profile;
      const c = connect.value;
      const check = { profileName: box.name, profileUpdatedAt: options.previous?.profileUpdatedAt ?? null, target: { host: c.host, port: c.port ?? 22, user: c.username } };
      const planned = options.previous ? draftPlan(box, o.reboot) : [];
      const resume = options.previous && resumeFrom(options.previous.runs.get(target.id) ?? null, planned, check);
      if (resume) resumes.push({ targetId: target.id, ...resumeInfo(planned, resume) });
      entries.push({
        runId: newId('run'),
        targetId: target.id,
        targetName: target.name,
        connect: c,
        doasPassword,
        ...(mine === undefined ? {} : { profile: mine }),
        ...(resume ? { resumeFrom: resume } : {}),
      });
    }
    // Checked with nothing awaited before the launch, so two quick starts cannot both take a target.
    const busy = new Set(registry.busy(o.targetIds));
    const clash = targets.find((t) => busy.has(t.id));
    if (clash) return fail('invalid-input', `“${clash.name}” is already being installed; wait for that run to end, or cancel it, before starting another.`, 'targetIds');
    registry
      .launch({ fleetId: o.fleetId, profileId: o.profileId, profile, confirmErase: o.confirmErase, reboot: o.reboot, concurrency: o.concurrency, entries })
      .catch((error: unknown) => {
        log.error(`Fleet ${o.fleetId} stopped unexpectedly`, error);
      });
    log.info(`Started fleet ${o.fleetId}: “${profile.name}” on ${targets.map((t) => t.name).join(', ')}.`);
    if (options.save) {
      // Only "Retry failed" after a restart needs it; the runs go on without it.
      await saveFleet(runs.runsDir, o).catch((error: unknown) => log.error(`Could not save how fleet ${o.fleetId} was started`, error));
    }
    return ok({ fleetId: o.fleetId, runIds: entries.map((e) => e.runId), targetIds: entries.map((e) => e.targetId), ...(options.previous ? { resumes } : {}) });
  };

  return {
    async plan({ profileId, targetIds, reboot }) {
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
    start: ({ profileId, targetIds, confirmErase, reboot, concurrency = DEFAULT_CONCURRENCY }) =>
      launch({ version: 1, fleetId: newId('fleet'), profileId, targetIds, confirmErase, reboot, concurrency, startedAt: new Date().toISOString() }, { save: true }),
    cancel: (which) => registry.cancel(which),
    busy: (targetIds) => registry.busy(targetIds),
    async checkBatch({ profileId, batch }) {
      const checked = await checkBatch(profileId, batch);
      if (!checked.ok) return checked;
      const { problems, boxes } = checked.value;
      return ok({
        problems,
        boxes: problems.length > 0 ? [] : boxes.map((b) => ({ row: b.row, target: b.target, hostname: b.profile.hostname, addresses: addressesOf(b.profile) })),
        erases: problems.length > 0 ? [] : erasedBy(draftPlan(checked.value.profile, false)),
      });
    },
    async startBatch({ profileId, batch, confirmErase, reboot, concurrency = DEFAULT_CONCURRENCY }) {
      const checked = await checkBatch(profileId, batch);
      if (!checked.ok) return checked;
      if (checked.value.problems.length > 0) return fail('invalid-input', batchRefusal(checked.value.problems), 'batch');
      // Boxes named by user@host become targets now, so their runs, keys and boxes are kept like any other.
      const ids: string[] = [];
      for (const [n, row] of checked.value.targets.entries()) {
        if ('saved' in row) ids.push(row.saved.id);
        else {
          const saved = await deps.targets.save(row.draft);
          if (!saved.ok) return fail(saved.error.code, `Row ${n + 2}, target: ${saved.error.message}`, 'batch');
          ids.push(saved.value.id);
        }
      }
      const record: FleetRecord = {
        version: 1,
        fleetId: newId('fleet'),
        profileId,
        targetIds: ids,
        confirmErase,
        reboot,
        concurrency,
        startedAt: new Date().toISOString(),
        batch,
        rowTargets: ids,
      };
      return launch(record, { save: true });
    },
    async retryFailed(fleetId, targetIds) {
      if (registry.isRunning(fleetId)) return fail('invalid-input', 'This fleet is still running; wait for its runs to end, or cancel them, before retrying.', 'fleetId');
      const record = await readFleet(runs.runsDir, fleetId);
      if (record === null)
        return fail('not-found', 'Cairn has no record of how this fleet was started, so it cannot retry it; start the run again from the Runs screen.', 'fleetId');
      const before = await fleetRunsOf(runs.runsDir, fleetId);
      const again = retryable(record.targetIds, before.latest, targetIds);
      if (again.length === 0) return fail('invalid-input', 'No run of this fleet failed, was refused, cancelled or interrupted, so there is nothing to retry.', 'fleetId');
      const previous = new Map(
        again.map((id): [string, PreviousRun] => {
          const summary = before.latest.get(id);
          return [id, before.unreadable.has(id) ? 'unreadable' : summary ? { summary } : null];
        }),
      );
      const stored = await deps.profiles.get(record.profileId);
      return launch({ ...record, targetIds: again }, { save: false, previous: { runs: previous, profileUpdatedAt: stored.ok ? stored.value.updatedAt : null } });
    },
  };
}
