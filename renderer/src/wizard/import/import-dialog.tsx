import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useProfilesClient } from '../../client/client-context';
import { readFileText } from '../../client/read-file-text';
import { Dialog } from '../../components/dialog';
import { useAppStore } from '../../store/store-context';
import { useUnsavedGuard } from '../profiles/unsaved-guard';
import { notesCount } from './diagnostic-cap';
import { ParseCancelled, parseAnswerFile } from './parse-answer-file';

/**
 * A picked or dropped file longer than this is imported without being shown:
 * a textarea holding a million lines takes the window many seconds to lay out.
 */
const SHOWN_CHARACTERS = 100_000;

/**
 * Turns an answer file into a profile: pasted, picked with the file picker,
 * or dropped on the dialog. Nothing in it is executed; parse() only reads it,
 * in a worker, so a huge file leaves the window responsive and Cancel works.
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
  const [reading, setReading] = useState(false);
  const parsing = useRef<AbortController | null>(null);
  // Closing the dialog any way (Cancel, Escape, the app moving on) ends a parse still running.
  useEffect(() => () => parsing.current?.abort(), []);
  const unshown = source !== null && text.length > SHOWN_CHARACTERS;

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
    if (!engine || reading) return;
    const controller = new AbortController();
    parsing.current = controller;
    setReading(true);
    setError(null);
    parseAnswerFile(text, engine, controller.signal).then(
      ({ profile, listed, total }) => {
        const label = source ?? 'pasted text';
        const name = source ? source.replace(/\.[^.]*$/, '') : profile.name;
        onClose();
        guard('Importing an answer file', () => {
          replace({ ...profile, name }, { id: null, pristine: false, importReport: { source: label, diagnostics: listed, total } });
          announce(`Imported ${label}${total > 0 ? ` with ${notesCount(total)}` : ''}.`, 'ok');
        });
      },
      (e: unknown) => {
        if (e instanceof ParseCancelled) return;
        setReading(false);
        setError(`The answer file could not be read: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
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
          <button type="button" className="button primary" disabled={text.trim() === '' || !engine || reading} onClick={doImport}>
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
        <button type="button" className="button" disabled={reading} onClick={() => void pick()}>
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
        value={unshown ? '' : text}
        spellCheck={false}
        data-autofocus
        aria-describedby={unshown ? 'import-unshown import-hint' : 'import-hint'}
        onChange={(e) => {
          setText(e.target.value);
          setSource(null);
        }}
      />
      {unshown && (
        <p className="field-hint" id="import-unshown">
          {source} ({(text.length / 1_000_000).toFixed(1)} MB) is too large to show here; Import reads all of it. Pasting here replaces it.
        </p>
      )}
      <p className="field-hint" id="import-hint">
        Or paste it here. Import fills in the wizard; you can review every step before saving.
      </p>
      {reading && (
        <p className="field-hint" role="status">
          Reading the answer file…
        </p>
      )}
      {error && (
        <p className="field-message error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
