import { useMemo } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import type { KnownHost } from '../../../shared/api/known-hosts';
import type { ApiError, HostKeyDetails, Result } from '../../../shared/api/result';
import type { SecretKind, SecretStorage } from '../../../shared/api/secrets';
import type { ConnectionReport, Target, TargetInput } from '../../../shared/api/targets';
import type { AppStore } from '../store/create-store';
import { useAppStoreApi } from '../store/store-context';

/**
 * What the Targets screen asks the main process, each answer written into the
 * targets slice. Secrets pass through here on their way to `secrets:set` and
 * are never written to the store.
 */
export interface TargetActions {
  refresh(): Promise<void>;
  refreshSecrets(): Promise<void>;
  save(target: TargetInput): Promise<Result<Target>>;
  setSecret(targetId: string, kind: SecretKind, value: string): Promise<Result<SecretStorage>>;
  clearSecret(targetId: string, kind: SecretKind): Promise<Result<unknown>>;
  remove(target: Target): Promise<Result<unknown>>;
  test(target: Target): Promise<Result<ConnectionReport>>;
  trust(details: HostKeyDetails): Promise<Result<KnownHost>>;
  forgetHostKey(details: HostKeyDetails): Promise<Result<{ removed: number }>>;
}

export function targetActions(client: CairnClient, store: AppStore): TargetActions {
  const state = () => store.getState();
  const announceFailure = (what: string, error: ApiError) => state().ui.announce(`${what}: ${describeError(error)}`, 'error');

  const refreshSecrets = async () => {
    const status = await client.invoke('secrets:status');
    if (status.ok) state().targets.secretsKnown(status.value);
    else announceFailure('Cairn could not tell how passwords are kept', status.error);
  };

  return {
    async refresh() {
      const listed = await client.invoke('targets:list');
      if (listed.ok) state().targets.loaded(listed.value.targets, listed.value.problems);
      else {
        state().targets.loaded([], []);
        announceFailure('The targets could not be listed', listed.error);
      }
      await refreshSecrets();
    },
    refreshSecrets,
    async save(target) {
      const saved = await client.invoke('targets:save', { target });
      if (saved.ok) state().targets.saved(saved.value);
      return saved;
    },
    async setSecret(targetId, kind, value) {
      const set = await client.invoke('secrets:set', { targetId, kind, value });
      await refreshSecrets();
      return set.ok ? { ok: true, value: set.value.storage } : set;
    },
    async clearSecret(targetId, kind) {
      const cleared = await client.invoke('secrets:clear', { targetId, kind });
      await refreshSecrets();
      return cleared;
    },
    async remove(target) {
      const removed = await client.invoke('targets:remove', { id: target.id });
      if (removed.ok) {
        state().targets.removed(target.id);
        state().ui.announce(`Removed “${target.name}” and its stored password and passphrase.`, 'ok');
      } else announceFailure(`“${target.name}” was not removed`, removed.error);
      return removed;
    },
    async test(target) {
      state().targets.testStarted(target.id);
      const tested = await client.invoke('targets:test-connection', { targetId: target.id });
      state().targets.testFinished(target.id, tested);
      if (tested.ok) {
        const r = tested.value;
        state().ui.announce(
          `${target.name}: connected${r.alpineVersion === null ? ', but it is not Alpine Linux' : `, Alpine ${r.alpineVersion}`} on ${r.arch}${r.isRoot ? ' as root' : ', not as root'}.`,
          r.alpineVersion === null ? 'error' : 'ok',
        );
      } else state().ui.announce(`${target.name}: ${describeError(tested.error)}`, 'error');
      return tested;
    },
    async trust(details) {
      const { host, port, keyType, key } = details;
      const trusted = await client.invoke('knownHosts:accept', { host, port, keyType, key });
      if (trusted.ok) state().ui.announce(`Trusted the ${trusted.value.keyType} key ${trusted.value.fingerprint} of ${host}.`, 'ok');
      else announceFailure('The key was not trusted', trusted.error);
      return trusted;
    },
    async forgetHostKey(details) {
      const removed = await client.invoke('knownHosts:remove', { host: details.host, port: details.port });
      if (removed.ok) state().ui.announce(`Removed the old key of ${details.host}. Test the connection again to compare the new fingerprint.`, 'ok');
      else announceFailure('The old key was not removed', removed.error);
      return removed;
    },
  };
}

export function useTargetActions(client: CairnClient): TargetActions {
  const store = useAppStoreApi();
  return useMemo(() => targetActions(client, store), [client, store]);
}
