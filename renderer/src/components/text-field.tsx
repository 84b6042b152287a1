import type { ReactNode } from 'react';
import { Field } from './field';

interface TextFieldProps {
  path: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  placeholder?: string;
  /** Long values such as SSH keys or kernel options get a wide box. */
  wide?: boolean;
  autoComplete?: string;
}

export function TextField({ path, label, value, onChange, hint, placeholder, wide, autoComplete = 'off' }: TextFieldProps) {
  return (
    <Field path={path} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          className={wide ? 'input wide' : 'input'}
          type="text"
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete={autoComplete}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
