import { useProfilesClient } from '../../client/client-context';
import { selectPreview, selectProblems } from '../../store/derived';
import { useAppStore } from '../../store/store-context';
import { useMenuCommand } from '../menu-commands';

/** The answer file as it will be written, updated on every change, with copy and save. */
export function PreviewPane() {
  const preview = useAppStore(selectPreview);
  const errors = useAppStore((s) => selectProblems(s).filter((p) => p.severity === 'error').length);
  const hostname = useAppStore((s) => s.wizard.profile.hostname);
  const announce = useAppStore((s) => s.ui.announce);
  const client = useProfilesClient();
  const text = preview?.ok ? preview.text : '';

  const copy = () => {
    const done = navigator.clipboard?.writeText(text);
    if (!done) announce('Copying is not available here; select the text and copy it.');
    else done.then(() => announce('Answer file copied.'), () => announce('Copying failed; select the text and copy it.'));
  };
  const save = () => {
    const name = `${/^[A-Za-z0-9.-]+$/.test(hostname) ? hostname : 'alpine'}.answers`;
    client.saveFile(name, text).then(
      (where) => announce(where === null ? 'The answer file was not saved.' : `Answer file saved as ${where}.`),
      (e: unknown) => announce(`The answer file was not saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  useMenuCommand(['answerfile.export'], () => {
    if (preview?.ok) save();
    else announce(`The answer file cannot be saved yet: ${preview === null ? 'the preview is still being prepared.' : preview.message}`);
  });

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
      <textarea id="preview-text" className="preview-text mono" readOnly wrap="off" value={text} spellCheck={false} />
    </aside>
  );
}
