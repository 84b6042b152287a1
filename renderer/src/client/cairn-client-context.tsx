import { createContext, useContext, type ReactNode } from 'react';
import type { CairnClient } from '../../../shared/api/client';

const CairnClientContext = createContext<CairnClient | null>(null);

/** The typed client of the main process, or null in a plain browser tab (no desktop shell). */
export function CairnClientProvider({ client, children }: { client: CairnClient | null; children: ReactNode }) {
  return <CairnClientContext.Provider value={client}>{children}</CairnClientContext.Provider>;
}

/** null when Cairn runs without its main process: screens that need it say so instead of failing. */
export function useCairnClient(): CairnClient | null {
  return useContext(CairnClientContext);
}
