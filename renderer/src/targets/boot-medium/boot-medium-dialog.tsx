import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MediumReport, Prepared } from '../../../../shared/api/bootmedia';
import type { CairnClient } from '../../../../shared/api/client';
import { describeError } from '../../../../shared/api/error-sentences';
import type { ProfileSummary } from '../../../../shared/api/profiles';
import type { MediumKind } from '../../../../shared/bootmedia/media';
import { Dialog } from '../../components/dialog';
import { useAppStore } from '../../store/store-context';
import { useIssueCommand } from '../../wizard/menu-commands';
import { FormField } from '../form-field';
import { fieldOfRefusal, idOf, initialValues, MEDIUM_CHOICES, mediumChoiceId, requestOf, type BootMediumField, type BootMediumValues } from './boot-medium-model';
import { MediumFolderField } from './medium-folder-field';
import { PreparedResult } from './prepared-result';

type Refusal = { field: BootMediumField | null; message: string };
/** What bootmedia:inspect said about one folder for one kind of medium. */
type Inspected = { folder: string; medium: MediumKind; report: MediumReport | null; problem: string | null };
type Profiles = { status: 'loading' } | { status: 'ok'; list: ProfileSummary[] } | { status: 'failed'; message: string };

interface BootMediumDialogProps {
  client: CairnClient;
  /** The profile to start with (from the wizard's Review step); null lets the person choose. */
  profileId: string | null;
  onWritten: (prepared: Prepared) => void;
  onFind: () => void;
  onClose: () => void;
}

/** The control a refusal focuses: the chosen radio for the medium, else the field's own control. */
const controlOf = (field: BootMediumField, medium: MediumKind) => (field === 'medium' ? mediumChoiceId(medium) : idOf(field));

/**
 * Writes a headless overlay for a saved profile onto a mounted boot medium,
 * then shows what was written: the box's host key fingerprint, its target
 * (saved with the key trusted) and the steps for this medium.
 */
export function BootMediumDialog({ client, profileId, onWritten, onFind, onClose }: BootMediumDialogProps) {
  const [values, setValues] = useState<BootMediumValues>(() => initialValues(profileId));
  const [profiles, setProfiles] = useState<Profiles>({ status: 'loading' });
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [focus, setFocus] = useState<{ id: string; seq: number } | null>(null);
  const inspection = useRef(0);
  const done = useRef<HTMLButtonElement>(null);
  const announce = useAppStore((s) => s.ui.announce);
  const issue = useIssueCommand();

  useEffect(() => {
    let live = true;
    void client.invoke('profiles:list').then((r) => {
      if (!live) return;
      if (!r.ok) {
        setProfiles({ status: 'failed', message: describeError(r.error) });
        return;
      }
      setProfiles({ status: 'ok', list: r.value.profiles });
      // Nothing asked for, or the asked-for one is gone: start from the first saved profile.
      setValues((v) => (r.value.profiles.some((p) => p.id === v.profileId) ? v : { ...v, profileId: r.value.profiles[0]?.id ?? '' }));
    });
    return () => {
      live = false;
    };
  }, [client]);

  // After the render that shows it (the replace checkbox appears only with the refusal about it).
  useEffect(() => {
    if (focus !== null) document.getElementById(focus.id)?.focus();
  }, [focus]);

  useEffect(() => {
    if (prepared !== null) done.current?.focus();
  }, [prepared]);

  const focusField = (field: BootMediumField, medium: MediumKind) => setFocus((f) => ({ id: controlOf(field, medium), seq: (f?.seq ?? 0) + 1 }));

  const inspect = async (folder: string, medium: MediumKind): Promise<void> => {
    const n = ++inspection.current;
    const trimmed = folder.trim();
    if (trimmed === '') {
      setInspected(null);
      return;
    }
    const r = await client.invoke('bootmedia:inspect', { folder: trimmed, medium });
    if (n !== inspection.current) return;
    setInspected(
      r.ok
        ? { folder, medium, report: r.value, problem: r.value.problem }
        : { folder, medium, report: null, problem: fieldOfRefusal(r.error.field, describeError(r.error)).message },
    );
  };

  // What a refusal was about may change with another field: the overlays with the folder, the folder's fitness with the medium.
  const clears: Partial<Record<BootMediumField, readonly BootMediumField[]>> = { folder: ['replaceExisting'], medium: ['folder', 'replaceExisting'] };
  const edit = <F extends BootMediumField>(field: F, value: BootMediumValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (refusal?.field != null && (refusal.field === field || clears[field]?.includes(refusal.field))) setRefusal(null);
  };

  const chooseMedium = (medium: MediumKind) => {
    edit('medium', medium);
    // Whether a folder will do depends on the medium (boot media must hold Alpine's files).
    if (values.folder.trim() !== '') void inspect(values.folder, medium);
  };

  const browse = async () => {
    setBrowsing(true);
    const r = await client.invoke('bootmedia:choose-folder');
    setBrowsing(false);
    if (!r.ok) {
      setRefusal({ field: 'folder', message: describeError(r.error) });
      return;
    }
    if (!r.value.chosen) return;
    edit('folder', r.value.folder);
    await inspect(r.value.folder, values.medium);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setRefusal(null);
    const checked = requestOf(values);
    if (!checked.ok) {
      setRefusal({ field: checked.field, message: checked.message });
      focusField(checked.field, values.medium);
      return;
    }
    setBusy(true);
    const r = await client.invoke('bootmedia:prepare', checked.request);
    setBusy(false);
    if (!r.ok) {
      const shown = fieldOfRefusal(r.error.field, describeError(r.error));
      setRefusal(shown);
      // The folder may have changed since it was last looked at: show what is there now.
      if (shown.field === 'folder' || shown.field === 'replaceExisting') void inspect(values.folder, values.medium);
      if (shown.field !== null) focusField(shown.field, values.medium);
      return;
    }
    setPrepared(r.value);
    announce(`Wrote ${r.value.fileName}; target “${r.value.target.name}” saved with its host key trusted.`, 'ok');
    onWritten(r.value);
  };

  if (prepared !== null) {
    return (
      <Dialog
        title="Boot medium written"
        onClose={onClose}
        actions={
          <>
            <button type="button" className="button" onClick={onFind}>
              Find on network…
            </button>
            <button ref={done} type="button" className="button primary" onClick={onClose}>
              Done
            </button>
          </>
        }
      >
        <PreparedResult prepared={prepared} />
      </Dialog>
    );
  }

  const problemOf = (field: BootMediumField) => (refusal?.field === field ? refusal.message : null);
  // The overlays on the medium stay listed while another medium is checked; whether the folder fits waits for that answer.
  const sameFolder = inspected !== null && inspected.folder === values.folder ? inspected : null;
  const current = sameFolder?.medium === values.medium ? sameFolder : null;
  const text = (field: 'user' | 'port' | 'keyPath', label: string, hint: string, narrow = false) => (
    <FormField id={idOf(field)} label={label} hint={hint} problem={problemOf(field)}>
      {(control) => (
        <input
          {...control}
          className={narrow ? 'input narrow' : field === 'keyPath' ? 'input wide mono' : 'input'}
          type="text"
          inputMode={field === 'port' ? 'numeric' : undefined}
          spellCheck={false}
          autoComplete="off"
          value={values[field]}
          onChange={(e) => edit(field, e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <Dialog title="Prepare a boot medium" onClose={onClose}>
      <form className="dialog-form boot-medium-form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="dialog-intro">
          Cairn writes the profile onto the medium as an Alpine overlay with an SSH host key made for this box, and saves a target that already trusts that key: the box needs no
          screen or keyboard.
        </p>
        {refusal !== null && refusal.field === null && (
          <p className="field-message error" role="alert">
            {refusal.message}
          </p>
        )}
        <FormField
          id={idOf('profileId')}
          label="Profile"
          hint={
            profiles.status === 'ok' && profiles.list.length === 0
              ? 'No saved profiles yet: make one with the box’s hostname, network and your SSH key, save it, and choose “Prepare a boot medium…” on its Review step.'
              : 'The box starts with its hostname, network and SSH keys.'
          }
          problem={problemOf('profileId') ?? (profiles.status === 'failed' ? profiles.message : null)}
        >
          {(control) => (
            <select {...control} className="input wide" value={values.profileId} onChange={(e) => edit('profileId', e.target.value)}>
              {profiles.status === 'loading' && <option value={values.profileId}>Loading profiles…</option>}
              {profiles.status !== 'loading' && !(profiles.status === 'ok' && profiles.list.some((p) => p.id === values.profileId)) && (
                <option value="">Choose a saved profile</option>
              )}
              {profiles.status === 'ok' &&
                profiles.list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.hostname})
                  </option>
                ))}
            </select>
          )}
        </FormField>
        {profiles.status === 'ok' && profiles.list.length === 0 && (
          <div>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                onClose();
                issue('profile.new');
              }}
            >
              Make a profile in the Wizard
            </button>
          </div>
        )}
        <fieldset className="field medium-choice" aria-describedby={refusal?.field === 'medium' ? `${idOf('medium')}-message` : undefined}>
          <legend className="field-label">The box boots from</legend>
          <div className="choice-cards medium-cards">
            {MEDIUM_CHOICES.map((m) => (
              <div className="choice" key={m.kind} data-checked={values.medium === m.kind}>
                <input
                  type="radio"
                  id={mediumChoiceId(m.kind)}
                  name="boot-medium-kind"
                  checked={values.medium === m.kind}
                  onChange={() => chooseMedium(m.kind)}
                  aria-describedby={`${mediumChoiceId(m.kind)}-hint`}
                />
                <label className="choice-title" htmlFor={mediumChoiceId(m.kind)}>
                  {m.label}
                </label>
                <p className="choice-description" id={`${mediumChoiceId(m.kind)}-hint`}>
                  {m.hint}
                </p>
              </div>
            ))}
          </div>
          {refusal?.field === 'medium' && (
            <p id={`${idOf('medium')}-message`} className="field-message error">
              {refusal.message}
            </p>
          )}
        </fieldset>
        <MediumFolderField
          folder={values.folder}
          report={sameFolder?.report ?? null}
          problem={problemOf('folder') ?? current?.problem ?? null}
          replaceExisting={values.replaceExisting}
          replaceProblem={problemOf('replaceExisting')}
          browsing={browsing}
          onChange={(folder) => edit('folder', folder)}
          onDone={() => {
            if (current === null) void inspect(values.folder, values.medium);
          }}
          onBrowse={() => void browse()}
          onReplaceChange={(replace) => edit('replaceExisting', replace)}
        />
        <div className="row">
          {text('user', 'Log in as', 'A fresh box has only root.')}
          {text('port', 'Port', 'SSH uses 22.', true)}
        </div>
        {text('keyPath', 'Key file Cairn logs in with (optional)', 'Its public key is added to the box; leave empty to use your SSH agent and the profile’s keys.')}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" aria-disabled={busy || undefined}>
            {busy ? 'Writing…' : 'Write boot medium'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
