import { useMemo, type ReactNode } from 'react';
import { selectFieldProblem } from '../store/derived';
import { useAppStore } from '../store/store-context';

export interface FieldProblem {
  severity: 'error' | 'warning';
  message: string;
}

/** The problem shown beside the field at `path` (or any item under it), from shared validate(). */
export function useFieldProblem(path: string): FieldProblem | null {
  const key = useAppStore((s) => selectFieldProblem(s, path));
  return useMemo(() => {
    if (key === '') return null;
    const bar = key.indexOf('|');
    return { severity: key.slice(0, bar) === 'error' ? 'error' : 'warning', message: key.slice(bar + 1) };
  }, [key]);
}

/** A stable element id for a profile path, so "go to field" and labels agree. */
export const fieldId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'data-field-path': string;
}

export function describedBy(...ids: ReadonlyArray<string | false | undefined>): string | undefined {
  const list = ids.filter((x): x is string => typeof x === 'string');
  return list.length > 0 ? list.join(' ') : undefined;
}

export function FieldMessage({ id, problem }: { id: string; problem: FieldProblem }) {
  return (
    <p id={id} className={`field-message ${problem.severity}`}>
      <span className="visually-hidden">{problem.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
      {problem.message}
    </p>
  );
}

interface FieldProps {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  /** "inline" puts the label after the control (checkboxes). */
  layout?: 'stacked' | 'inline';
  children: (control: ControlProps) => ReactNode;
}

/** A label, one control, an optional hint, and the field's problem beside it. */
export function Field({ path, label, hint, layout = 'stacked', children }: FieldProps) {
  const id = fieldId(path);
  const problem = useFieldProblem(path);
  const hintId = hint ? `${id}-hint` : undefined;
  const messageId = problem ? `${id}-message` : undefined;
  const control: ControlProps = {
    id,
    'data-field-path': path,
    ...(problem?.severity === 'error' ? { 'aria-invalid': true as const } : {}),
    ...(hintId || messageId ? { 'aria-describedby': describedBy(messageId, hintId) } : {}),
  };
  const labelEl = (
    <label htmlFor={id} id={`${id}-label`} className="field-label">
      {label}
    </label>
  );
  return (
    <div className={`field field-${layout}`} data-status={problem?.severity ?? 'ok'}>
      {layout === 'stacked' && labelEl}
      {layout === 'inline' ? (
        <div className="field-inline-row">
          {children(control)}
          {labelEl}
        </div>
      ) : (
        children(control)
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {problem && messageId && <FieldMessage id={messageId} problem={problem} />}
    </div>
  );
}
