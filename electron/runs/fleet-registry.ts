import type { Profile } from '../../shared/profile';
import type { Log } from '../log';
import type { ConnectOptions } from '../ssh';
import type { RunEvent } from './events';
import type { LimitsInput } from './limits';
import { mapPooled } from './pool';
import type { ResumeFrom } from './retry';
import { runTarget, type FinalStatus, type Planner, type RunTargetOptions } from './run-target';

/** One target of a fleet, ready to run: its run id is chosen before it starts, so the window knows it at once. */
export interface FleetEntry {
  runId: string;
  targetId: string;
  targetName: string;
  connect: ConnectOptions;
  /** A batch row's own profile (its hostname, addresses…); else the fleet's. */
  profile?: Profile;
  /** The login's doas password from the keychain, typed when doas asks; null when none is kept. */
  doasPassword?: string | null;
  /** A retry: what the box's run before completed, so safe steps are not run again. */
  resumeFrom?: ResumeFrom;
}

export interface FleetLaunch {
  fleetId: string;
  /** The saved profile's id, for the receipt each box keeps (/etc/cairn/receipt.json); absent for a profile that is not saved. */
  profileId?: string;
  profile: Profile;
  confirmErase: string[];
  reboot: boolean;
  concurrency: number;
  entries: FleetEntry[];
}

/** What happened to a fleet as a whole: the desktop shell shows progress and one notification per fleet from these. */
export type FleetActivity =
  | { type: 'fleet.started'; fleetId: string; profileName: string; runs: Array<{ runId: string; targetId: string; targetName: string }> }
  | { type: 'fleet.done'; fleetId: string; profileName: string; runs: Array<{ runId: string; targetId: string; targetName: string; status: FinalStatus }> };

/** How a fleet ended: each run's final status, in the order of its entries. */
export type FleetDone = Extract<FleetActivity, { type: 'fleet.done' }>;

/** Every event of every run, and the start and end of each fleet. */
export type RunActivity = RunEvent | FleetActivity;

export interface FleetRegistryDeps {
  openRun: RunTargetOptions['openRun'];
  onActivity: (activity: RunActivity) => void;
  log: Log;
  limits?: LimitsInput;
  /** Builds the steps instead of plan(): the bench runs only what its ssh baseline runs. */
  planner?: Planner;
}

interface ActiveRun {
  fleetId: string;
  targetId: string;
  controller: AbortController;
}

/**
 * The fleets running now: starts their runs in the background at most
 * `concurrency` at a time, and knows which run and target is busy so a
 * cancel reaches it and a target is never installed twice at once. Each
 * target is its own run (own connection, log, summary and events), so one
 * failure stops nothing else. The app, the tests and the bench all run
 * fleets through this one class.
 */
export class FleetRegistry {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly fleets = new Map<string, AbortController>();

  constructor(private readonly deps: FleetRegistryDeps) {}

  /** The target ids among `targetIds` that have a run queued or going. */
  busy(targetIds: readonly string[]): string[] {
    const going = new Set([...this.runs.values()].map((r) => r.targetId));
    return targetIds.filter((id) => going.has(id));
  }

  isRunning(fleetId: string): boolean {
    return this.fleets.has(fleetId);
  }

  /** Starts the fleet and returns at once; the promise resolves with its fleet.done when every run has ended. */
  launch(fleet: FleetLaunch): Promise<FleetDone> {
    const controller = new AbortController();
    for (const e of fleet.entries) this.runs.set(e.runId, { fleetId: fleet.fleetId, targetId: e.targetId, controller: new AbortController() });
    const described = fleet.entries.map(({ runId, targetId, targetName }) => ({ runId, targetId, targetName }));
    this.deps.onActivity({ type: 'fleet.started', fleetId: fleet.fleetId, profileName: fleet.profile.name, runs: described });
    const done = this.runAll(fleet, controller.signal).then((statuses) => {
      this.fleets.delete(fleet.fleetId);
      const ended: FleetDone = {
        type: 'fleet.done',
        fleetId: fleet.fleetId,
        profileName: fleet.profile.name,
        runs: described.map((r, i) => ({ ...r, status: statuses[i] ?? 'failed' })),
      };
      this.deps.onActivity(ended);
      return ended;
    });
    this.fleets.set(fleet.fleetId, controller);
    return done;
  }

  /** Cancels one run, or every run of a fleet still queued or going; returns how many. */
  cancel(which: { runId: string } | { fleetId: string }): number {
    if ('runId' in which) {
      const run = this.runs.get(which.runId);
      run?.controller.abort();
      return run ? 1 : 0;
    }
    const fleet = this.fleets.get(which.fleetId);
    if (!fleet) return 0;
    fleet.abort();
    return [...this.runs.values()].filter((r) => r.fleetId === which.fleetId).length;
  }

  private async runAll(fleet: FleetLaunch, fleetSignal: AbortSignal): Promise<FinalStatus[]> {
    return mapPooled(fleet.entries, fleet.concurrency, (entry) => this.runOne(fleet, entry, fleetSignal));
  }

  private async runOne(fleet: FleetLaunch, entry: FleetEntry, fleetSignal: AbortSignal): Promise<FinalStatus> {
    const own = this.runs.get(entry.runId)?.controller ?? new AbortController();
    try {
      const result = await runTarget({
        runId: entry.runId,
        fleetId: fleet.fleetId,
        targetId: entry.targetId,
        connect: entry.connect,
        doasPassword: entry.doasPassword ?? null,
        profile: entry.profile ?? fleet.profile,
        planOptions: { reboot: fleet.reboot, receipt: { profileId: fleet.profileId ?? null } },
        confirm: { erase: fleet.confirmErase },
        openRun: this.deps.openRun,
        // A run queued behind a cancelled fleet still starts, sees the cancel and ends as cancelled.
        signal: AbortSignal.any([fleetSignal, own.signal]),
        sink: (event) => this.deps.onActivity(event),
        ...(this.deps.limits ? { limits: this.deps.limits } : {}),
        ...(this.deps.planner ? { planner: this.deps.planner } : {}),
        ...(entry.resumeFrom ? { resumeFrom: entry.resumeFrom } : {}),
      });
      this.deps.log.info(`Run ${entry.runId} on ${entry.targetName} ended ${result.status}${result.error ? ` (${result.error.code})` : ''}.`);
      return result.status;
    } catch (error) {
      // runTarget reports failures as results; a throw here is a bug (or the run folder could not be opened).
      this.deps.log.error(`Run ${entry.runId} on ${entry.targetName} could not run`, error);
      const message = `Cairn could not run the install on ${entry.targetName} (${(error as Error).message}); the details are in its log file.`;
      const ref = { runId: entry.runId, fleetId: fleet.fleetId, targetId: entry.targetId };
      this.deps.onActivity({ type: 'run.done', ...ref, status: 'failed', error: { code: 'internal', message, stepId: null }, findings: [] });
      return 'failed';
    } finally {
      this.runs.delete(entry.runId);
    }
  }
}
