import type { RefObject } from 'react';
import type { SecretKind, SecretStorage } from '../../../shared/api/secrets';

interface SecretFieldProps {
  id: string;
  kind: SecretKind;
  /** Whether the main process holds this secret for the target already. */
  stored: boolean;
  storage: SecretStorage | null;
  /** The input is uncontrolled: its text goes from the DOM to secrets:set, never into React or zustand state. */
  inputRef: RefObject<HTMLInputElement | null>;
  hint: string;
  onForget?: () => void;
}

const NAMES: Record<SecretKind, string> = { password: 'password', passphrase: 'passphrase', doas: 'doas password' };
const LABELS: Record<SecretKind, string> = { password: 'Login password', passphrase: 'Key passphrase', doas: 'doas password (optional)' };

export function storedText(kind: SecretKind, stored: boolean, storage: SecretStorage | null): string {
  const name = NAMES[kind];
  if (!stored) return `No ${name} saved.`;
  return storage === 'session-only' ? `A ${name} is kept for this session only.` : `A ${name} is saved (encrypted).`;
}

export function SecretField({ id, kind, stored, storage, inputRef, hint, onForget }: SecretFieldProps) {
  const label = LABELS[kind];
  return (
    <div className="field field-stacked">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={stored ? 'Type to replace the saved one' : ''}
        aria-describedby={`${id}-status ${id}-hint`}
      />
      <p id={`${id}-status`} className="field-hint secret-status" data-stored={stored}>
        {storedText(kind, stored, storage)}
        {stored && onForget && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={onForget}>
              Forget the {NAMES[kind]}
            </button>
          </>
        )}
      </p>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
        {storage === 'session-only' && ' This computer has no secure storage, so Cairn keeps it only until it closes.'}
      </p>
    </div>
  );
}
