import { useState } from 'react';
import { describedBy, fieldId, FieldMessage, useFieldProblem } from './field';
import { isCryptHash } from '../../../shared/profile/values';
import { useCairnClient } from '../client/cairn-client-context';
import { SetPasswordDialog } from './set-password-dialog';

interface PasswordHashFieldProps {
  path: string;
  who: string;
  hash: string | null;
  onChange: (hash: string | null) => void;
}

/**
 * Passwords never reach the renderer's state in clear text: in the desktop
 * app "Set password…" sends the typed password to the main process, which
 * hashes it; without the app (a browser tab) the button stays off. A crypt
 * hash can always be pasted; anything that is not one stays in this box only
 * (never in the store) and is gone when the step closes.
 */
export function PasswordHashField({ path, who, hash, onChange }: PasswordHashFieldProps) {
  const [text, setText] = useState('');
  const [asking, setAsking] = useState(false);
  const client = useCairnClient();
  const problem = useFieldProblem(path);
  const id = fieldId(path);
  const localMessage =
    text !== '' && !isCryptHash(text)
      ? { severity: 'error' as const, message: 'This is not a crypt hash. Paste a line starting with $6$ or $y$ (from mkpasswd or openssl passwd -6); it was not kept.' }
      : null;
  const shown = localMessage ?? problem;
  return (
    <fieldset className="field password" data-status={shown?.severity ?? 'ok'}>
      <legend className="field-label">Password for {who}</legend>
      <p className="field-hint" id={`${id}-status`}>
        {hash === null ? 'No password: log in with an SSH key.' : `A password hash is set (${hash.slice(0, 6)}…).`}
      </p>
      <div className="row">
        <button type="button" className="button" disabled={client === null} aria-describedby={`${id}-later`} onClick={() => setAsking(true)}>
          Set password…
        </button>
        {hash !== null && (
          <button type="button" className="button" onClick={() => onChange(null)}>
            Remove password
          </button>
        )}
      </div>
      <p className="field-hint" id={`${id}-later`}>
        {client === null
          ? 'Typing a password needs the Cairn desktop app, which turns it into a hash so the clear text is never stored.'
          : 'Cairn turns the password into a hash; the clear text is never stored.'}
      </p>
      <label htmlFor={id} className="field-label">
        Or paste a password hash
      </label>
      <input
        id={id}
        data-field-path={path}
        className="input wide mono"
        type="text"
        value={text}
        autoComplete="off"
        spellCheck={false}
        placeholder="$6$…"
        aria-invalid={shown?.severity === 'error' ? true : undefined}
        aria-describedby={describedBy(shown ? `${id}-message` : undefined, `${id}-status`)}
        onChange={(e) => {
          const typed = e.target.value.trim();
          if (isCryptHash(typed)) {
            onChange(typed);
            setText('');
          } else setText(e.target.value);
        }}
      />
      {shown && <FieldMessage id={`${id}-message`} problem={shown} />}
      {asking && client !== null && <SetPasswordDialog who={who} client={client} onHashed={onChange} onClose={() => setAsking(false)} />}
    </fieldset>
  );
}
