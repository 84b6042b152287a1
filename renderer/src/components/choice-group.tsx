import type { ReactNode } from 'react';
import { describedBy, FieldMessage, fieldId, useFieldProblem } from './field';

export interface Choice<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
}

interface ChoiceGroupProps<V extends string> {
  path: string;
  legend: ReactNode;
  value: V;
  choices: ReadonlyArray<Choice<V>>;
  onChange: (value: V) => void;
  hint?: ReactNode;
  /** Big cards with explanations (disk modes) instead of a compact list. */
  cards?: boolean;
}

/** Radio buttons in a fieldset; arrow keys move between them as browsers do natively. */
export function ChoiceGroup<V extends string>({ path, legend, value, choices, onChange, hint, cards }: ChoiceGroupProps<V>) {
  const id = fieldId(path);
  const problem = useFieldProblem(path);
  const hintId = hint ? `${id}-hint` : undefined;
  const messageId = problem ? `${id}-message` : undefined;
  return (
    <fieldset className="field choice-group" aria-describedby={describedBy(messageId, hintId)} data-status={problem?.severity ?? 'ok'}>
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <div className={cards ? 'choice-cards' : 'choice-list'}>
        {choices.map((c) => {
          const optionId = `${id}-${c.value}`;
          const checked = c.value === value;
          return (
            <div key={c.value} className="choice" data-checked={checked}>
              <input
                id={optionId}
                type="radio"
                name={id}
                value={c.value}
                checked={checked}
                onChange={() => onChange(c.value)}
                aria-describedby={c.description ? `${optionId}-description` : undefined}
                {...(checked ? { 'data-field-path': path } : {})}
              />
              <label htmlFor={optionId} className="choice-title">
                {c.label}
              </label>
              {c.description && (
                <p id={`${optionId}-description`} className="choice-description">
                  {c.description}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {problem && messageId && <FieldMessage id={messageId} problem={problem} />}
    </fieldset>
  );
}
