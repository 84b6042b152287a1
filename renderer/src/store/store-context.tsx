import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './create-store';
import type { AllState } from './types';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('A component used the store outside <StoreProvider>.');
  return store;
}

/** Subscribe with a selector; return primitives or memoised values so unrelated changes do not re-render. */
export function useAppStore<T>(selector: (s: AllState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
