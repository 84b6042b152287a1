import { useProfilesClient } from '../../client/client-context';
import { FieldRefusal } from '../../client/ipc-profiles-client';
import { fieldId } from '../../components/field';
import { selectPreview, valueAt } from '../../store/derived';
import { useAppStore, useAppStoreApi } from '../../store/store-context';

/** Saves the wizard's profile; resolves to its id, or null when it was not saved (the reason is announced). */
export function useSaveProfile(): () => Promise<string | null> {
  const markSaved = useAppStore((s) => s.wizard.markSaved);
  const announce = useAppStore((s) => s.ui.announce);
  const store = useAppStoreApi();
  const client = useProfilesClient();
  return () => {
    const { profile, profileId } = store.getState().wizard;
    return client.save(profile, profileId).then(
      (summary) => {
        markSaved(summary.id, profile);
        announce(`Saved “${summary.name}”.`, 'ok');
        return summary.id;
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        // A refusal about one field (a name already taken) is shown by that field, and the field takes the focus.
        const path = e instanceof FieldRefusal && e.field?.startsWith('profile.') ? e.field.slice('profile.'.length) : null;
        if (path !== null) {
          store.getState().wizard.saveRefused({ path, message, value: valueAt(profile, path) });
          requestAnimationFrame(() => document.getElementById(fieldId(path))?.focus());
        }
        announce(`“${profile.name}” was not saved: ${message}`, 'error');
        return null;
      },
    );
  };
}

/** Writes the answer file where the person chooses, named after the hostname. */
export function useExportAnswerFile(): () => void {
  const announce = useAppStore((s) => s.ui.announce);
  const store = useAppStoreApi();
  const client = useProfilesClient();
  return () => {
    const state = store.getState();
    const preview = selectPreview(state);
    if (!preview?.ok) {
      announce(`The answer file cannot be saved yet: ${preview === null ? 'the preview is still being prepared.' : preview.message}`, 'error');
      return;
    }
    const hostname = state.wizard.profile.hostname;
    const name = `${/^[A-Za-z0-9.-]+$/.test(hostname) ? hostname : 'alpine'}.answers`;
    client.saveFile(name, preview.text).then(
      (where) => (where === null ? announce('The answer file was not saved.') : announce(`Answer file saved as ${where}.`, 'ok')),
      (e: unknown) => announce(`The answer file was not saved: ${e instanceof Error ? e.message : String(e)}`, 'error'),
    );
  };
}
