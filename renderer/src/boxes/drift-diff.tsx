import type { DiffLine } from '../../../shared/boxes/drift-core';

const SIDE_WORDS: Record<DiffLine['side'], string> = { both: 'both', profile: 'profile', box: 'box' };

/**
 * One drift row line by line: each line says whether only the profile
 * wants it, only the box has it, or both agree. Secrets come hidden.
 */
export function DriftDiff({ lines, label }: { lines: readonly DiffLine[]; label: string }) {
  return (
    <ul className="drift-diff" aria-label={label}>
      {lines.map((l, n) => (
        <li key={n} data-side={l.side}>
          <span className="drift-side">{SIDE_WORDS[l.side]}</span>
          <span className="visually-hidden">: </span>
          <code>{l.text}</code>
        </li>
      ))}
    </ul>
  );
}
