import { useEffect, useRef, type ReactNode } from 'react';
import { selectProblemsAt } from '../store/derived';
import { useAppStore } from '../store/store-context';
import { STEP_IDS, stepInfo, type StepId } from './step-catalogue';

/** The nearest element for a problem path: the field itself, else its list, else its section. */
export function findField(path: string): HTMLElement | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.querySelector<HTMLElement>(`[data-field-path="${parts.slice(0, n).join('.')}"]`);
    if (el) return el;
  }
  return null;
}

const FIRST_CONTROL = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

interface StepFrameProps {
  step: StepId;
  children: ReactNode;
  /** Paths of problems about the section as a whole, shown above its fields. */
  general?: readonly string[];
}

/**
 * What every step shares: its title and description, section-wide problems,
 * Back and Next, and focus: the first control when the person moves to the
 * step, or the field asked for by "go to field".
 */
export function StepFrame({ step, children, general = [] }: StepFrameProps) {
  const info = stepInfo(step);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const entry = useAppStore((s) => s.ui.stepEntry);
  const focusRequest = useAppStore((s) => s.ui.focusRequest);
  const consumeFocusRequest = useAppStore((s) => s.ui.consumeFocusRequest);
  const { nextStep, previousStep } = useAppStore((s) => s.navigation);
  const sectionProblems = useAppStore((s) => selectProblemsAt(s, general));

  useEffect(() => {
    if (entry === 0) return;
    (bodyRef.current?.querySelector<HTMLElement>(FIRST_CONTROL) ?? headingRef.current)?.focus();
  }, [entry]);

  useEffect(() => {
    if (!focusRequest) return;
    const target = findField(focusRequest.path) ?? headingRef.current;
    const folded = target?.closest('details');
    if (folded) folded.open = true;
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
    consumeFocusRequest();
  }, [focusRequest, consumeFocusRequest]);

  const index = STEP_IDS.indexOf(step);
  const headingId = `step-${step}-title`;
  return (
    <section className="step" aria-labelledby={headingId}>
      <header className="step-header">
        <p className="step-count">
          Step {index + 1} of {STEP_IDS.length}
        </p>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {info.title}
        </h2>
        <p className="step-description">{info.description}</p>
      </header>
      {sectionProblems !== '' && (
        <ul className="section-problems">
          {sectionProblems.split('\n').map((line) => {
            const [severity = '', message = ''] = line.split(/\|(.*)/s);
            return (
              <li key={line} className={`field-message ${severity}`}>
                <span className="visually-hidden">{severity === 'error' ? 'Error: ' : 'Warning: '}</span>
                {message}
              </li>
            );
          })}
        </ul>
      )}
      <div className="step-body" ref={bodyRef}>
        {children}
      </div>
      <nav className="step-nav" aria-label="Step">
        {index > 0 && (
          <button type="button" className="button" onClick={previousStep}>
            Back
          </button>
        )}
        {index < STEP_IDS.length - 1 && (
          <button type="button" className="button primary" onClick={nextStep}>
            Next: {stepInfo(STEP_IDS[index + 1] ?? 'review').title}
          </button>
        )}
      </nav>
    </section>
  );
}
