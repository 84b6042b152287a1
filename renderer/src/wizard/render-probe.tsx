import { createContext, Profiler, useContext, type ProfilerOnRenderCallback, type ReactNode } from 'react';

/**
 * Tests provide a callback here to count which regions of the wizard commit;
 * without one (the app) no Profiler is mounted at all.
 */
export const RenderProbeContext = createContext<ProfilerOnRenderCallback | null>(null);

export function Probe({ id, children }: { id: string; children: ReactNode }) {
  const onRender = useContext(RenderProbeContext);
  return onRender ? (
    <Profiler id={id} onRender={onRender}>
      {children}
    </Profiler>
  ) : (
    children
  );
}
