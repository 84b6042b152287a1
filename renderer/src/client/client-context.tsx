import { createContext, useContext, type ReactNode } from 'react';
import type { ProfilesClient } from './ipc-profiles-client';

const ClientContext = createContext<ProfilesClient | null>(null);

export function ClientProvider({ client, children }: { client: ProfilesClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useProfilesClient(): ProfilesClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('A component used the profiles client outside <ClientProvider>.');
  return client;
}
