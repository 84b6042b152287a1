import { useMemo } from 'react';
import type { ResponseOf } from '../../../shared/api/channels';
import type { CairnClient } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import type { ProfileSummary } from '../../../shared/api/profiles';
import type { Batch } from '../../../shared/batch/row';
import type { ApiError, HostKeyDetails, Result } from '../../../shared/api/result';
import type { FleetStarted } from '../../../shared/api/runs';
import type { AppStore } from '../store/create-store';
import { useAppStoreApi } from '../store/store-context';
import { targetActions } from '../targets/target-actions';
import { resumeSentence } from './run-view';

export interface StartRequest {
  profileId: string;
  profileName: string;
  targetIds: string[];
  confirmErase: string[];
  reboot: boolean;
  /** Boxes installed at the same time (1–50). */
  concurrency?: number;
}

/** What the Run screen asks the main process; each answer goes into the runs slice or the status line. */
export interface RunActions {
  profiles(): Promise<Result<ProfileSummary[]>>;
  plan(profileId: string, targetIds: string[], reboot: boolean): Promise<Result<ResponseOf<'runs:plan'>>>;
  start(request: StartRequest): Promise<Result<FleetStarted>>;
  cancel(which: { runId: string } | { fleetId: string }): Promise<void>;
  /** Runs the fleet's failed targets again (or only `targetIds` among them). */
  retryFailed(fleetId: string, targetIds?: string[]): Promise<void>;
  /** A batch's problems by row and column, or one line per box. */
  checkBatch(profileId: string, batch: Batch): Promise<Result<ResponseOf<'runs:check-batch'>>>;
  /** Starts one run per row of a checked batch. */
  startBatch(request: { profileId: string; profileName: string; batch: Batch; confirmErase: string[]; reboot: boolean; concurrency: number }): Promise<Result<FleetStarted>>;
  /** Trusts the key a run was refused for, then runs that box again. */
  trustAndRetry(run: { fleetId: string | null; targetId: string }, details: HostKeyDetails): Promise<void>;
  /** Removes the old key Cairn keeps for a box whose key changed; the next run shows the new one to compare. */
  forgetHostKey(details: HostKeyDetails): Promise<void>;
  loadHistory(): Promise<void>;
  open(runId: string): Promise<void>;
  /** Reboots the box a finished install ran on (the Boxes screen then follows it back, to the address the install gave it if it moved). */
  reboot(run: { runId: string; targetId: string }, name: string): Promise<void>;
}

export function runActions(client: CairnClient, store: AppStore): RunActions {
  const state = () => store.getState();
  const announceFailure = (what: string, error: ApiError) => state().ui.announce(`${what}: ${describeError(error)}`, 'error');
  // Trusting and forgetting keys is the Targets screen's job; a run uses the same actions in place.
  const keys = targetActions(client, store);
  const labels = (): Record<string, string> => Object.fromEntries((state().targets.list ?? []).map((t) => [t.id, t.name]));

  const actions: RunActions = {
    async profiles() {
      const listed = await client.invoke('profiles:list');
      return listed.ok ? { ok: true, value: listed.value.profiles } : listed;
    },
    plan: (profileId, targetIds, reboot) => client.invoke('runs:plan', { profileId, targetIds, reboot }),
    async reboot({ runId, targetId }, name) {
      const done = await client.invoke('boxes:power', { targetId, action: 'reboot', force: true, afterRun: runId });
      if (done.ok && done.value.waiting) state().boxes.powerWaiting(targetId, done.value.runId);
      state().ui.announce(
        done.ok ? `${name} is rebooting into the installed system; waiting for it to come back.` : `${name} was not rebooted: ${describeError(done.error)}`,
        done.ok ? 'info' : 'error',
      );
    },
    async start({ profileName, ...request }) {
      const started = await client.invoke('runs:start', request);
      if (started.ok) {
        state().runs.fleetStarted(started.value, { profileName, targetLabels: labels() });
        const n = started.value.runIds.length;
        state().ui.announce(`Started “${profileName}” on ${n === 1 ? 'one target' : `${n} targets`}.`, 'ok');
      }
      return started;
    },
    async cancel(which) {
      const cancelled = await client.invoke('runs:cancel', which);
      if (!cancelled.ok) announceFailure('The run was not cancelled', cancelled.error);
      else if (cancelled.value.cancelled === 0) state().ui.announce('Nothing to cancel: the run had already ended.');
      else state().ui.announce(cancelled.value.cancelled === 1 ? 'Cancelling the run…' : `Cancelling ${cancelled.value.cancelled} runs…`);
    },
    async retryFailed(fleetId, targetIds) {
      const fleet = state().runs.fleets[fleetId];
      const retried = await client.invoke('runs:retry-failed', targetIds === undefined ? { fleetId } : { fleetId, targetIds });
      if (!retried.ok) return announceFailure('Nothing was retried', retried.error);
      const names = labels();
      state().runs.fleetStarted(retried.value, { profileName: fleet?.profileName ?? '', targetLabels: names });
      // Each box says where it starts again and what it skips, as the run's page does.
      const said = (retried.value.resumes ?? []).map(({ targetId, ...resume }) => resumeSentence(resume, names[targetId] ?? 'the target'));
      const n = retried.value.runIds.length;
      const more = said.length > 3 ? ` ${said.length - 3} more targets are retried too; each run's page says what it reruns.` : '';
      state().ui.announce(said.length > 0 ? `${said.slice(0, 3).join(' ')}${more}` : `Retrying ${n === 1 ? 'one target' : `${n} targets`}.`);
    },
    checkBatch: (profileId, batch) => client.invoke('runs:check-batch', { profileId, batch }),
    async startBatch({ profileName, ...request }) {
      const started = await client.invoke('runs:start-batch', request);
      if (started.ok) {
        // Rows named by user@host were saved as targets: list them again so the fleet names them.
        await keys.refresh();
        state().runs.fleetStarted(started.value, { profileName, targetLabels: labels() });
        const n = started.value.runIds.length;
        state().ui.announce(`Started “${profileName}” on a batch of ${n === 1 ? 'one box' : `${n} boxes`}.`, 'ok');
      }
      return started;
    },
    async trustAndRetry(run, details) {
      const trusted = await keys.trust(details);
      if (!trusted.ok) return;
      if (run.fleetId !== null) await actions.retryFailed(run.fleetId, [run.targetId]);
    },
    async forgetHostKey(details) {
      await keys.forgetHostKey(details);
    },
    async loadHistory() {
      const listed = await client.invoke('runs:list');
      if (listed.ok) state().runs.historyLoaded(listed.value.runs, listed.value.problems);
      else {
        state().runs.historyLoaded([], []);
        announceFailure('The past runs could not be listed', listed.error);
      }
    },
    async open(runId) {
      state().runs.selectRun(runId);
      const run = state().runs.runs[runId];
      // A run followed since it started already has its whole log.
      if (run?.logLoaded) return;
      const got = await client.invoke('runs:get', { runId });
      if (got.ok) state().runs.opened(got.value.summary, { text: got.value.log, start: got.value.logStart });
      else announceFailure('The run could not be opened', got.error);
    },
  };
  return actions;
}

export function useRunActions(client: CairnClient): RunActions {
  const store = useAppStoreApi();
  return useMemo(() => runActions(client, store), [client, store]);
}
