import { useRef, type KeyboardEvent } from 'react';
import { selectStepStatuses, type StepStatus } from '../store/derived';
import { useAppStore } from '../store/store-context';
import { STEPS } from './step-catalogue';

const STATUS_TEXT: Record<StepStatus, string> = { ok: '', warning: '(has warnings)', error: '(has errors)' };
const STATUS_MARK: Record<StepStatus, string> = { ok: '', warning: '!', error: '×' };

/**
 * The list of steps. Only the current step is in the Tab order; arrow keys,
 * Home and End move between steps and Enter or Space opens one.
 */
export function Stepper() {
  const current = useAppStore((s) => s.wizard.step);
  const statuses = useAppStore(selectStepStatuses).split(',') as StepStatus[];
  const goToStep = useAppStore((s) => s.navigation.goToStep);
  const listRef = useRef<HTMLOListElement>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.findIndex((b) => b === document.activeElement);
    if (at < 0) return;
    const targets: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowRight: at + 1,
      ArrowUp: at - 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const to = targets[e.key];
    if (to === undefined) return;
    e.preventDefault();
    buttons[(to + buttons.length) % buttons.length]?.focus();
  };

  return (
    <nav className="stepper" aria-label="Setup steps">
      <ol ref={listRef} onKeyDown={onKeyDown}>
        {STEPS.map((step, n) => {
          const status = statuses[n] ?? 'ok';
          const isCurrent = step.id === current;
          return (
            <li key={step.id}>
              <button
                type="button"
                className="stepper-item"
                data-status={status}
                aria-current={isCurrent ? 'step' : undefined}
                tabIndex={isCurrent ? 0 : -1}
                onClick={() => goToStep(step.id)}
              >
                <span className="stepper-number" aria-hidden="true">
                  {n + 1}
                </span>
                <span className="stepper-title">{step.title}</span>
                <span className="stepper-status" aria-hidden="true">
                  {STATUS_MARK[status]}
                </span>
                <span className="visually-hidden">{STATUS_TEXT[status]}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
