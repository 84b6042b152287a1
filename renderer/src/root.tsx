import { StrictMode } from 'react';
import { App } from './app';
import { ClientProvider } from './client/client-context';
import type { ProfilesClient } from './client/ipc-profiles-client';
import type { AppStore } from './store/create-store';
import { StoreProvider } from './store/store-context';

/** The app with its store and client: main.tsx mounts it, tests render it with their own. */
export function Root({ store, client }: { store: AppStore; client: ProfilesClient }) {
  return (
    <StrictMode>
      <StoreProvider store={store}>
        <ClientProvider client={client}>
          <App />
        </ClientProvider>
      </StoreProvider>
    </StrictMode>
  );
}
