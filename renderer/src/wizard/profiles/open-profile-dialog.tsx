import { useEffect, useState } from 'react';
import { loadProfile } from '../../../../shared/profile/migrate';
import { useProfilesClient } from '../../client/client-context';
import type { ProfileSummary } from '../../../../shared/api/profiles';
import { Dialog } from '../../components/dialog';
import { useAppStore } from '../../store/store-context';
import { hasLostSecrets, lostSecretsOf, lostSecretsSentence } from '../../store/lost-secrets';
import { useUnsavedGuard } from './unsaved-guard';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The saved profiles: open, duplicate or delete each. */
export function OpenProfileDialog({ onClose }: { onClose: () => void }) {
  const client = useProfilesClient();
  const replace = useAppStore((s) => s.wizard.replace);
  const detach = useAppStore((s) => s.wizard.detach);
  const currentId = useAppStore((s) => s.wizard.profileId);
  const announce = useAppStore((s) => s.ui.announce);
  const guard = useUnsavedGuard();
  const [list, setList] = useState<ProfileSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<ProfileSummary | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    client.list().then(
      (l) => live && setList(l),
      (e: unknown) => live && setError(`The saved profiles could not be listed: ${message(e)}`),
    );
    return () => {
      live = false;
    };
  }, [client, generation]);

  const fetchProfile = async (summary: ProfileSummary) => {
    const fetched = await client.get(summary.id);
    const loaded = loadProfile(fetched.profile);
    if (!loaded.ok) throw new Error(`“${summary.name}” cannot be opened: ${loaded.message}`);
    // The main process upgrades an old profile as it reads it, so the summary says from which format.
    return { ...loaded, migratedFrom: loaded.migratedFrom ?? summary.migratedFrom, lostSecrets: lostSecretsOf(fetched.lostSecrets, loaded.profile) };
  };

  const open = (summary: ProfileSummary) =>
    fetchProfile(summary).then(
      (loaded) => {
        onClose();
        guard('Opening another profile', () => {
          replace(loaded.profile, { id: summary.id, pristine: true, lostSecrets: loaded.lostSecrets });
          const opened = `Opened “${summary.name}”${loaded.migratedFrom ? `, upgraded from format ${loaded.migratedFrom}` : ''}.`;
          // Said once here; each passphrase field then says it for as long as it is empty.
          if (hasLostSecrets(loaded.lostSecrets)) announce(`${opened} ${lostSecretsSentence(loaded.lostSecrets)}`, 'info');
          else announce(opened, 'ok');
        });
      },
      (e: unknown) => setError(message(e)),
    );

  // A copy made without the lost passphrase would quietly be an open network or an unopenable disk.
  const duplicate = (summary: ProfileSummary) =>
    fetchProfile(summary)
      .then((loaded) => {
        if (hasLostSecrets(loaded.lostSecrets)) throw new Error(`“${summary.name}” cannot be copied yet. ${lostSecretsSentence(loaded.lostSecrets, 'save, then copy it')}`);
        return client.save({ ...loaded.profile, name: `${loaded.profile.name} (copy)` }, null);
      })
      .then(
        (copy) => {
          announce(`Saved a copy as “${copy.name}”.`, 'ok');
          setGeneration((g) => g + 1);
        },
        (e: unknown) => setError(message(e)),
      );

  const remove = (summary: ProfileSummary) =>
    client.remove(summary.id).then(
      () => {
        if (summary.id === currentId) detach();
        setConfirmDelete(null);
        announce(`Deleted “${summary.name}”.`, 'ok');
        setGeneration((g) => g + 1);
      },
      (e: unknown) => setError(message(e)),
    );

  return (
    <Dialog
      title="Open a profile"
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      {error && (
        <p className="field-message error" role="alert">
          {error}
        </p>
      )}
      {list === null && !error && <p className="loading">Loading…</p>}
      {list?.length === 0 && <p className="empty">No saved profiles yet. Use Save to keep the one you are editing.</p>}
      {list && list.length > 0 && (
        <ul className="saved-list">
          {list.map((p) => (
            <li key={p.id} className="item-row">
              <span className="saved-name">{p.name}</span>
              <span className="field-hint">saved {new Date(p.updatedAt).toLocaleString()}</span>
              {confirmDelete?.id === p.id ? (
                <span className="row" role="group" aria-label={`Delete ${p.name}?`}>
                  <span>Delete “{p.name}” for good?</span>
                  <button type="button" className="button danger small" onClick={() => void remove(p)}>
                    Delete
                  </button>
                  <button type="button" className="button small" autoFocus onClick={() => setConfirmDelete(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <span className="row">
                  <button type="button" className="button small primary" onClick={() => void open(p)}>
                    Open {p.name}
                  </button>
                  <button type="button" className="button small" onClick={() => void duplicate(p)}>
                    Duplicate {p.name}
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirmDelete(p)}>
                    Delete {p.name}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
