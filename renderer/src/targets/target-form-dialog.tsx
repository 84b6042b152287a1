import { useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/error-sentences';
import { AUTH_METHODS, type Target } from '../../../shared/api/targets';
import { Dialog } from '../components/dialog';
import { useAppStore } from '../store/store-context';
import { FormField } from './form-field';
import { SecretField } from './secret-field';
import type { TargetActions } from './target-actions';
import { AUTH_LABELS, checkForm, emptyForm, fieldOfRefusal, formOf, type TargetFormField, type TargetFormValues } from './target-form-model';

const ORDER: readonly TargetFormField[] = ['name', 'host', 'port', 'user', 'auth', 'keyPath', 'jump', 'tags'];
const idOf = (field: TargetFormField) => `target-form-${field}`;

/** Add or edit a target. Passwords and passphrases go from their inputs to the secret store, nowhere else. */
export function TargetFormDialog({ target, actions, onClose }: { target: Target | null; actions: TargetActions; onClose: () => void }) {
  const [values, setValues] = useState<TargetFormValues>(() => (target ? formOf(target) : emptyForm()));
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<{ field: TargetFormField | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Once saved, a failed secret leaves the dialog open on the saved target, so saving again edits it.
  const [savedId, setSavedId] = useState<string | null>(target?.id ?? null);
  const password = useRef<HTMLInputElement>(null);
  const passphrase = useRef<HTMLInputElement>(null);
  const doasPassword = useRef<HTMLInputElement>(null);
  const flags = useAppStore((s) => (savedId === null ? undefined : s.targets.secretFlags[savedId]));
  const storage = useAppStore((s) => s.targets.secretStorage?.storage ?? null);
  const announce = useAppStore((s) => s.ui.announce);

  const checked = checkForm(values, savedId);
  const problemOf = (field: TargetFormField): string | null =>
    (refusal?.field === field ? refusal.message : null) ?? (submitted && !checked.ok ? (checked.problems[field] ?? null) : null);
  const edit = (field: TargetFormField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (refusal?.field === field) setRefusal(null);
  };

  const sendSecrets = async (id: string): Promise<string | null> => {
    const wanted = [
      { kind: 'password' as const, input: values.auth === 'password' || values.auth === 'keyboard-interactive' ? password.current : null },
      { kind: 'passphrase' as const, input: values.auth === 'key' ? passphrase.current : null },
      { kind: 'doas' as const, input: doasPassword.current },
    ];
    for (const { kind, input } of wanted) {
      if (input === null || input.value === '') continue;
      const set = await actions.setSecret(id, kind, input.value);
      input.value = '';
      if (!set.ok) return `The target was saved but its ${kind} was not: ${describeError(set.error)}`;
    }
    return null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setRefusal(null);
    if (!checked.ok) {
      const first = ORDER.find((f) => checked.problems[f] !== undefined);
      if (first !== undefined) document.getElementById(idOf(first))?.focus();
      return;
    }
    setBusy(true);
    const saved = await actions.save(checked.target);
    if (!saved.ok) {
      setBusy(false);
      const shown = fieldOfRefusal(saved.error.field, describeError(saved.error));
      setRefusal(shown);
      if (shown.field !== null) document.getElementById(idOf(shown.field))?.focus();
      return;
    }
    setSavedId(saved.value.id);
    const secretProblem = await sendSecrets(saved.value.id);
    setBusy(false);
    if (secretProblem !== null) {
      setRefusal({ field: null, message: secretProblem });
      return;
    }
    announce(`Saved “${saved.value.name}”.`, 'ok');
    onClose();
  };

  const text = (field: TargetFormField, label: string, hint?: string, extra: { inputMode?: 'numeric'; narrow?: boolean } = {}) => (
    <FormField id={idOf(field)} label={label} hint={hint} problem={problemOf(field)}>
      {(control) => (
        <input
          {...control}
          className={extra.narrow ? 'input narrow' : 'input'}
          type="text"
          inputMode={extra.inputMode}
          spellCheck={false}
          autoComplete="off"
          value={values[field]}
          onChange={(e) => edit(field)(e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <Dialog title={target ? `Edit ${target.name}` : 'Add a target'} onClose={onClose}>
      <form className="dialog-form" noValidate onSubmit={(e) => void submit(e)}>
        {refusal !== null && refusal.field === null && (
          <p className="field-message error" role="alert">
            {refusal.message}
          </p>
        )}
        {text('name', 'Name', 'How Cairn lists this machine, e.g. garage-nas.')}
        <div className="row">
          {text('host', 'Host', 'Its IP address or host name, e.g. 192.168.1.20.')}
          {text('port', 'Port', 'SSH uses 22.', { inputMode: 'numeric', narrow: true })}
        </div>
        {text('user', 'User', 'A fresh Alpine box has only root.')}
        <fieldset className="field">
          <legend className="field-label">Log in with</legend>
          <div className="choice-list">
            {AUTH_METHODS.map((m) => (
              <div className="choice" key={m}>
                <input
                  type="radio"
                  id={`${idOf('auth')}-${m}`}
                  name="target-auth"
                  checked={values.auth === m}
                  onChange={() => setValues((v) => ({ ...v, auth: m }))}
                  aria-describedby={`${idOf('auth')}-${m}-description`}
                />
                <label className="choice-title" htmlFor={`${idOf('auth')}-${m}`}>
                  {AUTH_LABELS[m].title}
                </label>
                <p className="choice-description" id={`${idOf('auth')}-${m}-description`}>
                  {AUTH_LABELS[m].description}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
        {values.auth === 'key' && (
          <>
            {text('keyPath', 'Private key file', 'The path on this computer, e.g. ~/.ssh/id_ed25519 (not the .pub file).')}
            <SecretField
              id="target-form-passphrase"
              kind="passphrase"
              inputRef={passphrase}
              stored={flags?.hasPassphrase ?? false}
              storage={storage}
              hint="Only if the key is protected by one; leave empty to keep what is saved."
              {...(savedId !== null && flags?.hasPassphrase ? { onForget: () => void actions.clearSecret(savedId, 'passphrase') } : {})}
            />
          </>
        )}
        {(values.auth === 'password' || values.auth === 'keyboard-interactive') && (
          <SecretField
            id="target-form-password"
            kind="password"
            inputRef={password}
            stored={flags?.hasPassword ?? false}
            storage={storage}
            hint="The login’s password; leave empty to keep what is saved."
            {...(savedId !== null && flags?.hasPassword ? { onForget: () => void actions.clearSecret(savedId, 'password') } : {})}
          />
        )}
        {/* Only a login that is not root goes through doas (or one that already has a doas password kept). */}
        {(values.user.trim() !== 'root' || flags?.hasDoasPassword === true) && (
          <SecretField
            id="target-form-doas"
            kind="doas"
            inputRef={doasPassword}
            stored={flags?.hasDoasPassword ?? false}
            storage={storage}
            hint="For a login that is not root and whose doas asks for its password (the user setup-alpine makes is such a login): Cairn types it when doas asks, never on a command line."
            {...(savedId !== null && flags?.hasDoasPassword ? { onForget: () => void actions.clearSecret(savedId, 'doas') } : {})}
          />
        )}
        {text(
          'jump',
          'Jump hosts (optional)',
          'Reached through a gateway? Name it as ProxyJump does, e.g. ops@gw.example.org:2022; several in order, separated by commas. Cairn logs in to them with your SSH agent or this key file.',
        )}
        {text('tags', 'Tags (optional)', 'Separated by commas, e.g. garage, nas.')}
        {/* Inside the form, so Enter in any field saves, in every browser. */}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save target'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
