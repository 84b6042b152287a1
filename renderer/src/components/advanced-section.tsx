import type { ReactNode } from 'react';
import { selectProblems } from '../store/derived';
import { useAppStore } from '../store/store-context';

/**
 * Settings most people leave alone, folded away, but unfolded whenever one
 * of them has a problem so its message is never hidden, or when they hold
 * something the user should see (`startOpen`).
 */
export function AdvancedSection({ summary, paths, startOpen = false, children }: { summary: string; paths: readonly string[]; startOpen?: boolean; children: ReactNode }) {
  const hasProblem = useAppStore((s) => selectProblems(s).some((p) => paths.some((path) => p.path === path || p.path.startsWith(`${path}.`))));
  return (
    <details className="advanced" open={hasProblem || startOpen || undefined}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
