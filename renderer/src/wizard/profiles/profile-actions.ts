import { useProfilesClient } from '../../client/client-context';
import { selectPreview } from '../../store/derived';
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
        announce(`Saved “${summary.name}”.`);
        return summary.id;
      },
      (e: unknown) => {
        announce(`“${profile.name}” was not saved: ${e instanceof Error ? e.message : String(e)}`);
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
      announce(`The answer file cannot be saved yet: ${preview === null ? 'the preview is still being prepared.' : preview.message}`);
      return;
    }
    const hostname = state.wizard.profile.hostname;
    const name = `${/^[A-Za-z0-9.-]+$/.test(hostname) ? hostname : 'alpine'}.answers`;
    client.saveFile(name, preview.text).then(
      (where) => announce(where === null ? 'The answer file was not saved.' : `Answer file saved as ${where}.`),
      (e: unknown) => announce(`The answer file was not saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
}
