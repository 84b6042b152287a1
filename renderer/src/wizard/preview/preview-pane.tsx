import { useState } from 'react';
import { CheckField } from '../../components/check-field';
import { selectPreview, selectProblems, selectShownPreview } from '../../store/derived';
import { useAppStore } from '../../store/store-context';
import { useMenuCommand } from '../menu-commands';
import { useExportAnswerFile } from '../profiles/profile-actions';

/** The answer file as it will be written, updated on every change, with copy and save. */
export function PreviewPane() {
  const preview = useAppStore(selectPreview);
  const [reveal, setReveal] = useState(false);
  const shown = useAppStore((s) => selectShownPreview(s, reveal));
  const hasSecret = useAppStore((s) => s.wizard.profile.interfaces.some((i) => i.wifi !== null && i.wifi.passphrase !== ''));
  const errors = useAppStore((s) => selectProblems(s).filter((p) => p.severity === 'error').length);
  const announce = useAppStore((s) => s.ui.announce);
  const text = preview?.ok ? preview.text : '';

  const copy = () => {
    const done = navigator.clipboard?.writeText(text);
    if (done === undefined) announce('Copying is not available here; select the text and copy it.', 'error');
    else
      done.then(
        () => announce('Answer file copied.', 'ok'),
        () => announce('Copying failed; select the text and copy it.', 'error'),
      );
  };
  const save = useExportAnswerFile();
  useMenuCommand(['answerfile.export'], save);

  return (
    <aside className="preview" aria-labelledby="preview-title">
      <div className="preview-header">
        <h2 id="preview-title">Answer file</h2>
        <div className="row">
          <button type="button" className="button small" onClick={copy} disabled={!preview?.ok}>
            Copy
          </button>
          <button type="button" className="button small" onClick={save} disabled={!preview?.ok}>
            Save as file…
          </button>
        </div>
      </div>
      {errors > 0 && (
        <p className="preview-warning">
          {errors} error{errors === 1 ? '' : 's'} to fix first: setup-alpine would stop or misconfigure the box.
        </p>
      )}
      {preview === null && <p className="loading">Preparing the preview…</p>}
      {preview && !preview.ok && <p className="field-message error">The answer file cannot be written yet: {preview.message}</p>}
      <label htmlFor="preview-text" className="visually-hidden">
        Answer file text
      </label>
      <textarea id="preview-text" className="preview-text mono" readOnly wrap="off" value={shown?.ok ? shown.text : ''} spellCheck={false} />
      {hasSecret && (
        <CheckField
          path="preview#reveal"
          label="Show the wifi passphrase"
          checked={reveal}
          onChange={setReveal}
          hint="Hidden here as in its field; Copy and Save as file write it."
        />
      )}
    </aside>
  );
}
