import { useRef, useState, type FormEvent } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import { Dialog } from './dialog';
import { FieldMessage } from './field';

type Problem = { at: 'password' | 'repeat' | null; message: string };

/**
 * Typed twice, hashed by the main process (SHA-512 crypt), and only the hash
 * comes back. The inputs are uncontrolled so the clear text is never in React
 * or store state, and they are emptied as soon as it has been sent.
 */
export function SetPasswordDialog({ who, client, onHashed, onClose }: { who: string; client: CairnClient; onHashed: (hash: string) => void; onClose: () => void }) {
  const password = useRef<HTMLInputElement>(null);
  const repeat = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const first = password.current;
    const second = repeat.current;
    if (!first || !second) return;
    if (first.value === '') {
      setProblem({ at: 'password', message: 'Type the password, then type it again below.' });
      first.focus();
      return;
    }
    if (first.value !== second.value) {
      second.value = '';
      setProblem({ at: 'repeat', message: 'The two passwords differ: type the same password again.' });
      second.focus();
      return;
    }
    setBusy(true);
    const hashed = await client.invoke('secrets:hash-password', { password: first.value });
    first.value = '';
    second.value = '';
    setBusy(false);
    if (!hashed.ok) {
      setProblem({ at: 'password', message: `The password was not set: ${describeError(hashed.error)}` });
      first.focus();
      return;
    }
    onHashed(hashed.value.hash);
    onClose();
  };

  const described = (at: Problem['at'], hint: string) => [problem?.at === at ? `set-password-${at}-message` : '', hint].filter((x) => x !== '').join(' ') || undefined;

  return (
    <Dialog title={`Set the password for ${who}`} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field field-stacked">
          <label htmlFor="set-password-password" className="field-label">
            Password
          </label>
          <input
            ref={password}
            id="set-password-password"
            className="input"
            type="password"
            autoComplete="new-password"
            aria-invalid={problem?.at === 'password' ? true : undefined}
            aria-describedby={described('password', 'set-password-hint')}
          />
          {problem?.at === 'password' && <FieldMessage id="set-password-password-message" problem={{ severity: 'error', message: problem.message }} />}
        </div>
        <div className="field field-stacked">
          <label htmlFor="set-password-repeat" className="field-label">
            Repeat the password
          </label>
          <input
            ref={repeat}
            id="set-password-repeat"
            className="input"
            type="password"
            autoComplete="new-password"
            aria-invalid={problem?.at === 'repeat' ? true : undefined}
            aria-describedby={described('repeat', '')}
          />
          {problem?.at === 'repeat' && <FieldMessage id="set-password-repeat-message" problem={{ severity: 'error', message: problem.message }} />}
        </div>
        <p id="set-password-hint" className="field-hint">
          Cairn keeps only a SHA-512 crypt hash of it in the profile; the box gets the hash too (chpasswd -e), never the password itself.
        </p>
        {/* Inside the form, so Enter in either field sets the password, in every browser. */}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Setting…' : 'Set password'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
