import type { Problem } from '../../../shared/profile/problems';
import { useAppStore } from '../store/store-context';
import { stepInfo, stepOfPath } from '../wizard/step-catalogue';

/** Problems as a list, each with a button that opens its step and focuses its field. */
export function ProblemList({ problems, showStep = false }: { problems: readonly Problem[]; showStep?: boolean }) {
  const goToField = useAppStore((s) => s.navigation.goToField);
  return (
    <ul className="problem-list">
      {problems.map((p, n) => (
        <li key={`${p.path}-${n}`} className={`problem ${p.severity}`}>
          <span className="problem-severity">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
          <span className="problem-message">{p.message}</span>
          <button type="button" className="link-button" onClick={() => goToField(p.path)}>
            {showStep ? `Go to ${stepInfo(stepOfPath(p.path)).title}` : 'Go to field'}
          </button>
        </li>
      ))}
    </ul>
  );
}
