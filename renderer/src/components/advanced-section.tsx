import type { ReactNode } from 'react';
import { selectProblems } from '../store/derived';
import { useAppStore } from '../store/store-context';

/**
 * Settings most people leave alone, folded away, but unfolded whenever one
 * of them has a problem so its message is never hidden.
 */
export function AdvancedSection({ summary, paths, children }: { summary: string; paths: readonly string[]; children: ReactNode }) {
  const hasProblem = useAppStore((s) => selectProblems(s).some((p) => paths.some((path) => p.path === path || p.path.startsWith(`${path}.`))));
  return (
    <details className="advanced" open={hasProblem || undefined}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
