import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Dialog } from '../../components/dialog';
import { selectDirty } from '../../store/derived';
import { useAppStoreApi } from '../../store/store-context';

type Guard = (what: string, action: () => void) => void;

const GuardContext = createContext<Guard | null>(null);

/**
 * Anything that replaces the profile on screen (open, new, import) goes
 * through guard(): with unsaved changes it first asks whether to discard them.
 */
export function UnsavedGuardProvider({ children }: { children: ReactNode }) {
  const store = useAppStoreApi();
  const [pending, setPending] = useState<{ what: string; name: string; action: () => void } | null>(null);
  const guard = useCallback<Guard>(
    (what, action) => {
      const state = store.getState();
      if (selectDirty(state)) setPending({ what, name: state.wizard.profile.name || 'This profile', action });
      else action();
    },
    [store],
  );
  return (
    <GuardContext.Provider value={guard}>
      {children}
      {pending && (
        <Dialog
          alert
          title="Discard unsaved changes?"
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" className="button" data-autofocus onClick={() => setPending(null)}>
                Keep editing
              </button>
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  setPending(null);
                  pending.action();
                }}
              >
                Discard changes
              </button>
            </>
          }
        >
          <p>
            {pending.name} has changes that are not saved. {pending.what} replaces it, and the changes are lost.
          </p>
        </Dialog>
      )}
    </GuardContext.Provider>
  );
}

export function useUnsavedGuard(): Guard {
  const guard = useContext(GuardContext);
  if (!guard) throw new Error('useUnsavedGuard needs <UnsavedGuardProvider>.');
  return guard;
}
