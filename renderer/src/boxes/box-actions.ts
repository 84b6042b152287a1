import { useMemo } from 'react';
import type { BoxAction, PowerAction } from '../../../shared/api/boxes';
import type { ResponseOf } from '../../../shared/api/channels';
import type { CairnClient, Unsubscribe } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import type { HostKeyDetails, Result } from '../../../shared/api/result';
import type { BoxDetailValues, DetailKind } from '../store/boxes-slice';
import type { AppStore } from '../store/create-store';
import { useAppStoreApi } from '../store/store-context';
import { targetActions } from '../targets/target-actions';

/**
 * What the Boxes screen asks the main process, each answer written into the
 * boxes slice; actions answer with their result so the card that asked can
 * say what happened beside the button.
 */
export interface BoxActions {
  /** Listens to the main process's box events; returns the function that stops listening. */
  listen(): Unsubscribe;
  loadTargets(): Promise<void>;
  refreshAll(): Promise<void>;
  refreshOne(targetId: string): Promise<void>;
  loadServices(targetId: string): Promise<void>;
  loadPackages(targetId: string): Promise<void>;
  loadUpgradable(targetId: string, refresh?: boolean): Promise<void>;
  loadLbu(targetId: string): Promise<void>;
  loadLbuDiff(targetId: string): Promise<void>;
  loadProfiles(): Promise<void>;
  /** `profileId` null: the profile the box's receipt records. */
  loadDrift(targetId: string, profileId: string | null): Promise<void>;
  /** `windowSeconds`: for a risky stop or restart, how long the box waits for Cairn's confirm before undoing it (default 90). */
  serviceAction(targetId: string, name: string, action: 'start' | 'stop' | 'restart', windowSeconds?: number): Promise<Result<ResponseOf<'boxes:service-action'>>>;
  runlevelAction(targetId: string, name: string, runlevel: string, action: 'add' | 'del'): Promise<Result<ResponseOf<'boxes:runlevel-action'>>>;
  addPackages(targetId: string, names: string[]): Promise<Result<ResponseOf<'boxes:add-packages'>>>;
  removePackages(targetId: string, names: string[]): Promise<Result<ResponseOf<'boxes:remove-packages'>>>;
  upgrade(targetId: string): Promise<Result<ResponseOf<'boxes:upgrade'>>>;
  lbuCommit(targetId: string, message: string): Promise<Result<ResponseOf<'boxes:lbu-commit'>>>;
  power(targetId: string, action: PowerAction, force: boolean): Promise<Result<ResponseOf<'boxes:power'>>>;
  applyDrift(targetId: string, profileId: string | null): Promise<Result<ResponseOf<'boxes:apply-drift'>>>;
  /** Stops a running action by its run id (from its output events); the action itself then answers `cancelled`. */
  cancel(runId: string): Promise<Result<ResponseOf<'boxes:cancel'>>>;
  /** Trusts the key a box was refused for, then reads it again. */
  trustKey(targetId: string, details: HostKeyDetails): Promise<void>;
  /** Removes the old key Cairn keeps for a box whose key changed, then reads it again (to show the new one). */
  forgetKey(targetId: string, details: HostKeyDetails): Promise<void>;
}

export function boxActions(client: CairnClient, store: AppStore): BoxActions {
  const state = () => store.getState();
  const nameOf = (targetId: string) => state().targets.list?.find((t) => t.id === targetId)?.name ?? 'The box';

  const load = async <K extends DetailKind>(targetId: string, kind: K, ask: () => Promise<Result<BoxDetailValues[K]>>) => {
    state().boxes.queryStarted(targetId, kind);
    state().boxes.queryFinished(targetId, kind, await ask());
  };

  const refreshOne = async (targetId: string) => {
    state().boxes.readingStarted([targetId]);
    const read = await client.invoke('boxes:facts', { targetId });
    state().boxes.factsArrived(
      read.ok
        ? { targetId, outcome: { ok: true, facts: read.value.facts, refreshedAt: read.value.refreshedAt } }
        : { targetId, outcome: { ok: false, error: read.error, at: new Date().toISOString() } },
    );
  };

  /**
   * Says how an action ended, and reads the box again so the cards and the
   * overview counts (changes, upgrades) follow; those reads show as each
   * card's own loading, so the action's answer does not wait for them. An
   * action stopped on request is said plainly, not as a failure.
   */
  const after = <T>(targetId: string, action: BoxAction, result: Result<T>, done: string, reload: Array<() => Promise<void>> = []): Result<T> => {
    state().boxes.actionEnded(targetId, action);
    const stopped = !result.ok && result.error.code === 'cancelled';
    if (result.ok) state().ui.announce(done, 'ok');
    else state().ui.announce(stopped ? describeError(result.error) : `${nameOf(targetId)}: ${describeError(result.error)}`, stopped ? 'info' : 'error');
    // Every action may change what lbu would save (the world file, runlevel links):
    // a shown LBU card follows, so it never says "nothing to commit" beside a count of changes.
    const lbuShown = state().boxes.details[targetId]?.lbuStatus !== undefined;
    void Promise.all([refreshOne(targetId), ...reload.map((r) => r()), ...(lbuShown ? [actions.loadLbu(targetId)] : [])]);
    return result;
  };

  // Trusting and forgetting keys is the Targets screen's job; a box card uses the same actions in place.
  const keys = targetActions(client, store);
  const actions: BoxActions = {
    async trustKey(targetId, details) {
      if ((await keys.trust(details)).ok) await refreshOne(targetId);
    },
    async forgetKey(targetId, details) {
      if ((await keys.forgetHostKey(details)).ok) await refreshOne(targetId);
    },
    listen() {
      const offs = [
        client.on('boxes.facts', (status) => state().boxes.factsArrived(status)),
        client.on('boxes.output', (payload) => state().boxes.outputArrived(payload)),
        client.on('boxes.back', (payload) => {
          state().boxes.backArrived(payload);
          const name = nameOf(payload.targetId);
          const where = payload.movedTo === undefined ? '' : `, at ${payload.movedTo} as its profile set; its target points there now`;
          state().ui.announce(
            payload.ok ? `${name} is back${where}.` : `${name} did not come back: ${describeError(payload.error ?? { code: 'timeout', message: '' })}`,
            payload.ok ? 'ok' : 'error',
          );
          // The target's address changed in the main process: list the targets again before reading the box.
          if (payload.ok) void (payload.movedTo === undefined ? refreshOne(payload.targetId) : actions.loadTargets().then(() => refreshOne(payload.targetId)));
        }),
      ];
      return () => offs.forEach((off) => off());
    },
    async loadTargets() {
      const listed = await client.invoke('targets:list');
      if (listed.ok) {
        state().targets.loaded(listed.value.targets, listed.value.problems);
        state().boxes.keepOnly(listed.value.targets.map((t) => t.id));
      } else {
        state().targets.loaded([], []);
        state().ui.announce(`The boxes could not be listed: ${describeError(listed.error)}`, 'error');
      }
    },
    async refreshAll() {
      // A box already being read is not asked twice (a second mount, a timer during a slow refresh).
      const ids = (state().targets.list ?? []).map((t) => t.id).filter((id) => state().boxes.cards[id]?.reading !== true);
      if (ids.length === 0) return;
      state().boxes.readingStarted(ids);
      const read = await client.invoke('boxes:refresh', { targetIds: ids });
      if (read.ok) {
        for (const status of read.value.boxes) state().boxes.factsArrived(status);
        const down = read.value.boxes.filter((b) => !b.outcome.ok).length;
        state().ui.announce(
          `Read ${read.value.boxes.length - down} of ${read.value.boxes.length} boxes${down > 0 ? `; ${down} could not be reached` : ''}.`,
          down > 0 ? 'error' : 'ok',
        );
      } else {
        for (const targetId of ids) state().boxes.factsArrived({ targetId, outcome: { ok: false, error: read.error, at: new Date().toISOString() } });
        state().ui.announce(`The boxes could not be read: ${describeError(read.error)}`, 'error');
      }
    },
    refreshOne,
    loadServices: (targetId) => load(targetId, 'services', () => client.invoke('boxes:services', { targetId })),
    loadPackages: (targetId) => load(targetId, 'packages', () => client.invoke('boxes:packages', { targetId })),
    loadUpgradable: (targetId, refresh = false) => load(targetId, 'upgradable', () => client.invoke('boxes:upgradable', { targetId, refresh })),
    async loadLbu(targetId) {
      await Promise.all([
        load(targetId, 'lbuStatus', () => client.invoke('boxes:lbu-status', { targetId })),
        load(targetId, 'lbuBackups', () => client.invoke('boxes:lbu-backups', { targetId })),
      ]);
    },
    loadLbuDiff: (targetId) => load(targetId, 'lbuDiff', () => client.invoke('boxes:lbu-diff', { targetId })),
    async loadProfiles() {
      state().boxes.profilesStarted();
      const listed = await client.invoke('profiles:list');
      state().boxes.profilesFinished(listed.ok ? { ok: true, value: listed.value.profiles } : listed);
    },
    loadDrift: (targetId, profileId) => load(targetId, 'drift', () => client.invoke('boxes:drift', { targetId, profileId })),

    serviceAction: async (targetId, name, action, windowSeconds) => {
      const done = await client.invoke('boxes:service-action', { targetId, name, action, ...(windowSeconds === undefined ? {} : { windowSeconds }) });
      const verb = { start: 'Started', stop: 'Stopped', restart: 'Restarted' }[action];
      const guarded = done.ok ? done.value.guarded : undefined;
      // A guarded action that the box undid did not happen: that is said as plainly as a failure, not as done.
      if (guarded?.outcome === 'reverted') {
        after(targetId, 'service-action', done, guarded.summary, [() => actions.loadServices(targetId)]);
        state().ui.announce(guarded.summary, 'error');
        return done;
      }
      const said = guarded === undefined ? `${verb} ${name} on ${nameOf(targetId)}.` : `${verb} ${name} on ${nameOf(targetId)}; ${guarded.summary}`;
      return after(targetId, 'service-action', done, said, [() => actions.loadServices(targetId), ...(guarded?.movedTo === undefined ? [] : [() => actions.loadTargets()])]);
    },
    runlevelAction: async (targetId, name, runlevel, action) => {
      const done = await client.invoke('boxes:runlevel-action', { targetId, name, runlevel, action });
      const said = action === 'add' ? `Added ${name} to the ${runlevel} runlevel` : `Removed ${name} from the ${runlevel} runlevel`;
      return after(targetId, 'runlevel-action', done, `${said} on ${nameOf(targetId)}.`, [() => actions.loadServices(targetId)]);
    },
    addPackages: async (targetId, names) => {
      const done = await client.invoke('boxes:add-packages', { targetId, names });
      return after(targetId, 'add-packages', done, `Installed ${names.join(', ')} on ${nameOf(targetId)}.`, [() => actions.loadPackages(targetId)]);
    },
    removePackages: async (targetId, names) => {
      const done = await client.invoke('boxes:remove-packages', { targetId, names });
      return after(targetId, 'remove-packages', done, `Removed ${names.join(', ')} from ${nameOf(targetId)}.`, [() => actions.loadPackages(targetId)]);
    },
    upgrade: async (targetId) => {
      const done = await client.invoke('boxes:upgrade', { targetId });
      return after(targetId, 'upgrade', done, `Upgraded the packages of ${nameOf(targetId)}.`, [() => actions.loadPackages(targetId), () => actions.loadUpgradable(targetId)]);
    },
    lbuCommit: async (targetId, message) => {
      const done = await client.invoke('boxes:lbu-commit', { targetId, message });
      return after(targetId, 'lbu-commit', done, `Saved the configuration of ${nameOf(targetId)} with lbu commit.`, [() => actions.loadLbu(targetId)]);
    },
    power: async (targetId, action, force) => {
      const done = await client.invoke('boxes:power', { targetId, action, force });
      // The wait after a reboot goes on as the same run, told apart by boxes.back.
      state().boxes.actionEnded(targetId, 'power');
      if (done.ok && done.value.waiting) state().boxes.powerWaiting(targetId, done.value.runId);
      const name = nameOf(targetId);
      state().ui.announce(
        done.ok ? (action === 'reboot' ? `${name} is rebooting; waiting for it to come back.` : `${name} is powering off.`) : `${name}: ${describeError(done.error)}`,
        done.ok ? 'info' : 'error',
      );
      return done;
    },
    applyDrift: async (targetId, profileId) => {
      const done = await client.invoke('boxes:apply-drift', { targetId, profileId });
      const ran = done.ok ? done.value.ran.length : 0;
      return after(targetId, 'apply-drift', done, ran === 0 ? `${nameOf(targetId)}: nothing to change.` : `Ran ${ran} step${ran === 1 ? '' : 's'} on ${nameOf(targetId)}.`, [
        () => actions.loadDrift(targetId, profileId),
      ]);
    },
    async cancel(runId) {
      const asked = await client.invoke('boxes:cancel', { runId });
      if (!asked.ok) state().ui.announce(`The action could not be stopped: ${describeError(asked.error)}`, 'error');
      return asked;
    },
  };
  return actions;
}

export function useBoxActions(client: CairnClient): BoxActions {
  const store = useAppStoreApi();
  return useMemo(() => boxActions(client, store), [client, store]);
}
