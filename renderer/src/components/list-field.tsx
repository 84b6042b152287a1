import type { ReactNode } from 'react';
import type { Profile } from '../../../shared/profile/schema';
import { useAppStore } from '../store/store-context';
import { Field } from './field';

interface ListFieldProps {
  path: string;
  label: ReactNode;
  value: readonly string[];
  apply: (profile: Profile, items: string[]) => Profile;
  hint?: ReactNode;
  /** "line": one item per line (keys, disks); "comma": a short comma-separated list (groups). */
  separator?: 'line' | 'comma';
  rows?: number;
  placeholder?: string;
}

const splitters = { line: /\r?\n/, comma: /[,\s]+/ };

/**
 * A list typed as text. The text itself is kept as a draft, so blank lines
 * and half-typed entries survive; the profile gets the trimmed, non-empty items.
 */
export function ListField({ path, label, value, apply, hint, separator = 'line', rows = 3, placeholder }: ListFieldProps) {
  const draft = useAppStore((s) => s.wizard.drafts[path]);
  const edit = useAppStore((s) => s.wizard.edit);
  const text = draft ?? value.join(separator === 'line' ? '\n' : ', ');
  return (
    <Field path={path} label={label} hint={hint}>
      {(control) =>
        separator === 'line' ? (
          <textarea
            {...control}
            className="input wide mono"
            rows={rows}
            value={text}
            placeholder={placeholder}
            spellCheck={false}
            onChange={(e) => {
              const typed = e.target.value;
              const items = typed
                .split(splitters.line)
                .map((x) => x.trim())
                .filter(Boolean);
              edit((w) => ({ drafts: { ...w.drafts, [path]: typed }, profile: apply(w.profile, items) }));
            }}
          />
        ) : (
          <input
            {...control}
            className="input wide"
            type="text"
            value={text}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              const typed = e.target.value;
              const items = typed
                .split(splitters.comma)
                .map((x) => x.trim())
                .filter(Boolean);
              edit((w) => ({ drafts: { ...w.drafts, [path]: typed }, profile: apply(w.profile, items) }));
            }}
          />
        )
      }
    </Field>
  );
}
