import { useEffect, useRef, useState } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import type { HostKeyDetails } from '../../../shared/api/result';
import type { Target } from '../../../shared/api/targets';
import { useCairnClient } from '../client/cairn-client-context';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { BootMediumDialog } from './boot-medium/boot-medium-dialog';
import { FindBoxesDialog } from './find-boxes/find-boxes-dialog';
import { ChangedHostKeyDialog, UnknownHostKeyDialog } from './host-key-dialogs';
import { ImportSshConfigDialog } from './import-ssh-config-dialog';
import { IsoHelper } from './iso-helper';
import { RemoveTargetDialog } from './remove-target-dialog';
import { useTargetActions } from './target-actions';
import { TargetFormDialog } from './target-form-dialog';
import { TargetTable } from './target-table';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; target: Target }
  | { kind: 'remove'; target: Target }
  | { kind: 'import' }
  | { kind: 'boot-medium'; profileId: string | null }
  | { kind: 'find' }
  | { kind: 'unknown-key'; target: Target; details: HostKeyDetails }
  | { kind: 'changed-key'; target: Target; details: HostKeyDetails; message: string }
  | null;

function SecretStorageNotice() {
  const storage = useAppStore((s) => s.targets.secretStorage);
  if (storage?.storage !== 'session-only') return null;
  return (
    <p className="notice warning" role="note">
      <strong>Passwords are kept only until Cairn closes.</strong> {storage.reason ?? ''} Enter them again after restarting Cairn, or log in with a key file or the SSH agent
      instead.
    </p>
  );
}

function StoreProblems() {
  const problems = useAppStore((s) => s.targets.problems);
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label="Problems reading the target list">
      {problems.map((p) => (
        <li key={p.file} className="field-message error">
          {p.message}
        </li>
      ))}
    </ul>
  );
}

function Targets({ client }: { client: CairnClient }) {
  const actions = useTargetActions(client);
  const list = useAppStore((s) => s.targets.list);
  const select = useAppStore((s) => s.targets.select);
  const store = useAppStoreApi();
  // Asked for from another screen (the Review step, the start page): open that dialog.
  const [open, setOpen] = useState<Open>(() => store.getState().targets.arrival);
  const close = () => setOpen(null);
  const prepareButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void actions.refresh();
  }, [actions]);

  useEffect(() => {
    if (store.getState().targets.arrival !== null) store.getState().targets.arrivalTaken();
  }, [store]);

  // A dialog opened from another screen has no opener here to give the focus back to.
  useEffect(() => {
    if (open === null && document.activeElement === document.body) prepareButton.current?.focus();
  }, [open]);

  const test = async (target: Target) => {
    const result = await actions.test(target);
    if (result.ok || result.error.details === undefined) return;
    const details = result.error.details;
    if (result.error.code === 'host-key-unknown') setOpen({ kind: 'unknown-key', target, details });
    if (result.error.code === 'host-key-changed') setOpen({ kind: 'changed-key', target, details, message: result.error.message });
  };

  const trust = async (target: Target, details: HostKeyDetails) => {
    close();
    if ((await actions.trust(details)).ok) await test(target);
  };

  const forget = async (details: HostKeyDetails) => {
    close();
    await actions.forgetHostKey(details);
  };

  const remove = async (target: Target) => {
    close();
    await actions.remove(target);
  };

  const editing = (target: Target) => {
    select(target.id);
    setOpen({ kind: 'edit', target });
  };

  return (
    <>
      <div className="row spread">
        <h2 id="targets-title">Targets</h2>
        <div className="row">
          <button type="button" className="button primary" onClick={() => setOpen({ kind: 'add' })}>
            Add target…
          </button>
          <button type="button" className="button" onClick={() => setOpen({ kind: 'import' })}>
            Import from SSH config…
          </button>
          <button ref={prepareButton} type="button" className="button" onClick={() => setOpen({ kind: 'boot-medium', profileId: null })}>
            Prepare a boot medium…
          </button>
          <button type="button" className="button" onClick={() => setOpen({ kind: 'find' })}>
            Find on network…
          </button>
        </div>
      </div>
      <SecretStorageNotice />
      <StoreProblems />
      {list === null ? (
        <p className="loading">Loading targets…</p>
      ) : list.length === 0 ? (
        <p className="empty">No targets yet. Add the machines Cairn should install Alpine on, or import them from your SSH config.</p>
      ) : (
        <TargetTable
          list={list}
          onTest={(t) => void test(t)}
          onEdit={editing}
          onRemove={(t) => {
            select(t.id);
            setOpen({ kind: 'remove', target: t });
          }}
        />
      )}
      <IsoHelper />
      {open?.kind === 'add' && <TargetFormDialog target={null} actions={actions} onClose={close} />}
      {open?.kind === 'edit' && <TargetFormDialog target={open.target} actions={actions} onClose={close} />}
      {open?.kind === 'remove' && <RemoveTargetDialog target={open.target} onRemove={() => void remove(open.target)} onClose={close} />}
      {open?.kind === 'import' && <ImportSshConfigDialog client={client} onImported={() => void actions.refresh()} onClose={close} />}
      {open?.kind === 'boot-medium' && (
        <BootMediumDialog client={client} profileId={open.profileId} onWritten={() => void actions.refresh()} onFind={() => setOpen({ kind: 'find' })} onClose={close} />
      )}
      {open?.kind === 'find' && <FindBoxesDialog client={client} onFound={() => void actions.refresh()} onClose={close} />}
      {open?.kind === 'unknown-key' && <UnknownHostKeyDialog details={open.details} onTrust={() => void trust(open.target, open.details)} onClose={close} />}
      {open?.kind === 'changed-key' && <ChangedHostKeyDialog details={open.details} message={open.message} onForget={() => void forget(open.details)} onClose={close} />}
    </>
  );
}

/** The machines Cairn installs onto: list, add, edit, remove, import, test. */
export function TargetsScreen() {
  const client = useCairnClient();
  return (
    <section className="targets-screen" aria-labelledby="targets-title">
      {client === null ? (
        <>
          <h2 id="targets-title">Targets</h2>
          <p className="notice">Targets are kept and reached by the Cairn desktop app; this browser tab cannot connect to machines. Open Cairn itself to add and test targets.</p>
          <IsoHelper />
        </>
      ) : (
        <Targets client={client} />
      )}
    </section>
  );
}
