import { useAppStore } from '../../store/store-context';
import { fieldOfVariable, stepInfo, stepOfPath } from '../step-catalogue';
import { notesCount, unlistedSentence } from './diagnostic-cap';

const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/** What import noticed, line by line, each leading to the field it concerns; only the first ones are listed, the rest counted. */
export function ImportReport() {
  const report = useAppStore((s) => s.wizard.importReport);
  const dismiss = useAppStore((s) => s.wizard.dismissImportReport);
  const goToField = useAppStore((s) => s.navigation.goToField);
  if (!report) return null;
  const unlisted = unlistedSentence(report.diagnostics.length, report.total);
  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <div className="row spread">
        <h2 id="import-report-title">
          Imported from {report.source}: {report.total === 0 ? 'no problems found' : notesCount(report.total)}
        </h2>
        <button type="button" className="button small" onClick={dismiss}>
          Dismiss
        </button>
      </div>
      {report.diagnostics.length > 0 && (
        <ul className="problem-list">
          {report.diagnostics.map((d, n) => {
            const field = fieldOfVariable(d.variable);
            return (
              <li key={n} className={`problem ${d.severity}`}>
                <span className="problem-line">{d.line > 0 ? `Line ${d.line}` : 'Not in the file'}</span>
                <span className="problem-severity">{SEVERITY[d.severity]}</span>
                <span className="problem-message">{d.message}</span>
                {field && (
                  <button type="button" className="link-button" onClick={() => goToField(field)}>
                    Go to {stepInfo(stepOfPath(field)).title}
                    <span className="visually-hidden"> (line {d.line})</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {unlisted && <p className="field-hint">{unlisted}</p>}
    </section>
  );
}
