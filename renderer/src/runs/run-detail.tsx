import { useState } from 'react';
import { isDone } from '../../../shared/runs/statuses';
import { useAppStore } from '../store/store-context';
import { targetName } from './fleet-rows';
import { HostKeyInPlace } from './host-key-in-place';
import type { RunActions } from './run-actions';
import { RunLogView } from './run-log-view';
import { isFinished, resumeSentence, runSentence, statusLabel, type RunView, type StepView } from './run-view';

const STEP_MARK: Record<StepView['status'], string> = {
  pending: 'Not started',
  running: 'Running',
  succeeded: 'Done',
  warned: 'Done with warnings',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** A retry's step left out because the run before did it reads differently from one skipped after a failure. */
const stepMark = (s: StepView) => (s.status === 'skipped' && s.doneIn !== undefined ? 'Skipped — done in the previous run' : STEP_MARK[s.status]);

function SectionProgress({ run }: { run: RunView }) {
  const p = run.progress;
  if (!p) return null;
  const text = `Section ${p.index} of ${p.total}: ${p.section}`;
  return (
    <div className="section-progress">
      <progress max={p.total} value={p.index} aria-label="setup-alpine sections" aria-valuetext={text} />
      <span data-testid="section-progress">{text}</span>
    </div>
  );
}

function Steps({ steps }: { steps: readonly StepView[] }) {
  return (
    <ol className="run-steps" aria-label="Steps">
      {steps.map((s) => (
        <li key={s.id} className="run-step" data-status={s.status} data-done-before={s.doneIn !== undefined || undefined}>
          {/* Two columns: a long title or error wraps in its own column, never under the status. */}
          <div className="run-step-row">
            <span className="step-mark">{stepMark(s)}</span>
            <span className="step-title">
              {s.title}
              {s.exitCode !== null && s.exitCode !== 0 && <span className="muted"> (exit code {s.exitCode})</span>}
            </span>
            {s.error && <span className="field-message error step-error">{s.error.message}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Findings({ run }: { run: RunView }) {
  return (
    <>
      {run.preflightProblems.length > 0 && (
        <div className="run-findings">
          <h4>Checked before the install</h4>
          <ul className="problem-list" aria-label="Checks before the install">
            {run.preflightProblems.map((p, i) => (
              <li key={i} className={`problem ${p.severity}`}>
                <span className="problem-severity">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
                <span className="visually-hidden">: </span>
                <span className="problem-message">{p.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {run.findings.length > 0 && (
        <div className="run-findings">
          <h4>Findings</h4>
          <ul className="problem-list" aria-label="Findings">
            {run.findings.map((f, i) => (
              <li key={i} className={`problem ${f.severity}`}>
                <span className="problem-severity">
                  {f.severity === 'error' ? 'Error' : 'Warning'}
                  {f.section && ` in ${f.section}`}
                </span>
                <span className="visually-hidden">: </span>
                <span className="problem-message">{f.reason}</span>
                <code className="problem-line mono">{f.line}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** A finished install ends in its next step: into the installed system, and on to managing the box. */
function AfterInstall({ run, name, actions }: { run: RunView; name: string; actions: RunActions }) {
  const setScreen = useAppStore((s) => s.ui.setScreen);
  const openBox = useAppStore((s) => s.boxes.open);
  const [rebooting, setRebooting] = useState(false);
  if (!isDone(run.status)) return null;
  // A plan that rebooted already, or a box that runs from RAM, has nothing to boot into.
  const rebooted = run.steps.some((s) => s.id === 'reboot');
  const toDisk = run.steps.some((s) => s.id === 'disk');
  return (
    <div className="row after-install" role="group" aria-label="After the install">
      {toDisk && !rebooted && (
        <button
          type="button"
          className="button primary"
          disabled={rebooting}
          onClick={() => {
            setRebooting(true);
            void actions.reboot(run, name);
          }}
        >
          {rebooting ? `Rebooting ${name}…` : `Reboot ${name} now`}
        </button>
      )}
      <button
        type="button"
        className="button"
        onClick={() => {
          openBox(run.targetId);
          setScreen('boxes');
        }}
      >
        Open {name} in Boxes
      </button>
    </div>
  );
}

/** One run: where it is, its steps, what the output revealed, and the log. */
export function RunDetail({ actions }: { actions: RunActions }) {
  const run = useAppStore((s) => (s.runs.selectedRunId === null ? null : (s.runs.runs[s.runs.selectedRunId] ?? null)));
  const targets = useAppStore((s) => s.targets.list);
  if (!run) return null;
  const name = targetName(run, targets);
  const finished = isFinished(run);
  return (
    <section className="panel run-detail" aria-labelledby="run-title" data-status={run.status}>
      <div className="row spread">
        <h3 id="run-title">
          {name}{' '}
          <span className="run-status" data-status={run.status}>
            {statusLabel(run)}
          </span>
        </h3>
        {!finished && (
          <button type="button" className="button danger-outline" onClick={() => void actions.cancel({ runId: run.runId })}>
            Cancel the run on {name}
          </button>
        )}
      </div>
      <p className="run-summary" data-testid="run-summary">
        {runSentence(run, name)}
      </p>
      {run.resume && (
        <p className="run-resume muted" data-testid="run-resume">
          {resumeSentence(run.resume, name)}
        </p>
      )}
      <HostKeyInPlace run={run} name={name} actions={actions} />
      <AfterInstall run={run} name={name} actions={actions} />
      {!finished && <SectionProgress run={run} />}
      {run.steps.length > 0 && <Steps steps={run.steps} />}
      <Findings run={run} />
      {run.logLoaded ? <RunLogView log={run.log} label={`Output of ${name}`} truncatedFrom={run.logStart} /> : <p className="loading">Loading the log…</p>}
    </section>
  );
}
