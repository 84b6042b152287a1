import { useState, type DragEvent } from 'react';
import { useProfilesClient } from '../../client/client-context';
import { readFileText } from '../../client/read-file-text';
import { Dialog } from '../../components/dialog';
import { useAppStore } from '../../store/store-context';
import { useUnsavedGuard } from '../profiles/unsaved-guard';

/**
 * Turns an answer file into a profile: pasted, picked with the file picker,
 * or dropped on the dialog. Nothing in it is executed; parse() only reads it.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const engine = useAppStore((s) => s.ui.engine);
  const replace = useAppStore((s) => s.wizard.replace);
  const announce = useAppStore((s) => s.ui.announce);
  const client = useProfilesClient();
  const guard = useUnsavedGuard();
  const [text, setText] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const take = (name: string, content: string) => {
    setSource(name);
    setText(content);
    setError(null);
  };

  const pick = () =>
    client.openFile().then(
      (file) => file && take(file.name, file.text),
      (e: unknown) => setError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`),
    );

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    readFileText(file).then(
      (content) => take(file.name, content),
      () => setError(`${file.name} could not be read.`),
    );
  };

  const doImport = () => {
    if (!engine) return;
    const { profile, diagnostics } = engine.parse(text);
    const label = source ?? 'pasted text';
    const name = source ? source.replace(/\.[^.]*$/, '') : profile.name;
    onClose();
    guard('Importing an answer file', () => {
      replace({ ...profile, name }, { id: null, pristine: false, importReport: { source: label, diagnostics } });
      announce(`Imported ${label}${diagnostics.length > 0 ? ` with ${diagnostics.length} note${diagnostics.length === 1 ? '' : 's'}` : ''}.`, 'ok');
    });
  };

  return (
    <Dialog
      title="Import an answer file"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={text.trim() === '' || !engine} onClick={doImport}>
            Import
          </button>
        </>
      }
    >
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop an answer file here, or</p>
        <button type="button" className="button" onClick={() => void pick()}>
          Choose a file…
        </button>
      </div>
      <label htmlFor="import-text" className="field-label">
        Pasted answer file{source ? ` (from ${source})` : ''}
      </label>
      <textarea
        id="import-text"
        className="input wide mono"
        rows={12}
        value={text}
        spellCheck={false}
        data-autofocus
        aria-describedby="import-hint"
        onChange={(e) => {
          setText(e.target.value);
          setSource(null);
        }}
      />
      <p className="field-hint" id="import-hint">
        Or paste it here. Import fills in the wizard; you can review every step before saving.
      </p>
      {error && (
        <p className="field-message error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
