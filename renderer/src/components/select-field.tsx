import type { ReactNode } from 'react';
import { Field } from './field';

export interface Option<V extends string> {
  value: V;
  label: string;
}

interface SelectFieldProps<V extends string> {
  path: string;
  label: ReactNode;
  value: V;
  options: ReadonlyArray<Option<V>>;
  onChange: (value: V) => void;
  hint?: ReactNode;
}

export function SelectField<V extends string>({ path, label, value, options, onChange, hint }: SelectFieldProps<V>) {
  return (
    <Field path={path} label={label} hint={hint}>
      {(control) => (
        <select
          {...control}
          className="input"
          value={value}
          onChange={(e) => {
            const chosen = options.find((o) => o.value === e.target.value);
            if (chosen) onChange(chosen.value);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
