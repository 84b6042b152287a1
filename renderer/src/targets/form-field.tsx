import type { ReactNode } from 'react';
import { describedBy, FieldMessage } from '../components/field';

export interface FormControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FormFieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The message shown beside the field, or null when it is fine. */
  problem: string | null;
  children: (control: FormControlProps) => ReactNode;
}

/**
 * The wizard's Field reads problems of the profile; forms that edit anything
 * else pass their own. Same markup, so the same styles and screen-reader wiring.
 */
export function FormField({ id, label, hint, problem, children }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const messageId = problem ? `${id}-message` : undefined;
  const described = describedBy(messageId, hintId);
  return (
    <div className="field field-stacked" data-status={problem ? 'error' : 'ok'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(problem ? { 'aria-invalid': true as const } : {}) })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {problem && messageId && <FieldMessage id={messageId} problem={{ severity: 'error', message: problem }} />}
    </div>
  );
}
