import type { ReactNode } from 'react';
import type { Profile } from '../../../shared/profile/schema';
import { wholeNumberOrNull } from '../store/draft-problems';
import { useAppStore } from '../store/store-context';
import { Field } from './field';

interface NumberFieldProps {
  path: string;
  label: ReactNode;
  value: number | null;
  /** Writes the parsed number (null when empty or not a number) into the profile. */
  apply: (profile: Profile, value: number | null) => Profile;
  hint?: ReactNode;
  placeholder?: string;
  suffix?: string;
}

/**
 * A whole-number field that keeps exactly what was typed: "24x" stays on
 * screen with a message (the profile gets null) instead of being thrown away.
 */
export function NumberField({ path, label, value, apply, hint, placeholder, suffix }: NumberFieldProps) {
  const draft = useAppStore((s) => s.wizard.drafts[path]);
  const edit = useAppStore((s) => s.wizard.edit);
  const text = draft ?? (value === null ? '' : String(value));
  return (
    <Field path={path} label={label} hint={hint}>
      {(control) => (
        <span className="input-with-suffix">
          <input
            {...control}
            className="input narrow"
            type="text"
            inputMode="numeric"
            value={text}
            placeholder={placeholder}
            autoComplete="off"
            onChange={(e) => {
              const typed = e.target.value;
              edit((w) => ({ drafts: { ...w.drafts, [path]: typed }, profile: apply(w.profile, wholeNumberOrNull(typed)) }));
            }}
          />
          {suffix && <span aria-hidden="true">{suffix}</span>}
        </span>
      )}
    </Field>
  );
}
