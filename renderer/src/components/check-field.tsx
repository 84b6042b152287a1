import type { ReactNode } from 'react';
import { Field } from './field';

interface CheckFieldProps {
  path: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}

export function CheckField({ path, label, checked, onChange, hint, disabled }: CheckFieldProps) {
  return (
    <Field path={path} label={label} hint={hint} layout="inline">
      {(control) => <input {...control} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />}
    </Field>
  );
}
