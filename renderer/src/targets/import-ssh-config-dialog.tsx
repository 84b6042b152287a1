import { useEffect, useRef, useState } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import type { ResponseOf } from '../../../shared/api/channels';
import { Dialog } from '../components/dialog';
import { useAppStore } from '../store/store-context';
import { formatJumpLine } from '../../../shared/targets/jump-spec';

type Found = ResponseOf<'targets:import-ssh-config'>;
type Stage = { step: 'reading' } | { step: 'preview'; found: Found } | { step: 'done'; found: Found } | { step: 'failed'; message: string };

function Lists({ found, done }: { found: Found; done: boolean }) {
  return (
    <>
      <h3>{done ? `Imported (${found.imported.length})` : `Ready to import (${found.imported.length})`}</h3>
      {found.imported.length === 0 ? (
        <p className="empty">{done ? 'Nothing was imported.' : 'No host in the file can become a target.'}</p>
      ) : (
        <ul className="item-list import-list">
          {found.imported.map((t) => (
            <li key={t.name}>
              <strong>{t.name}</strong>{' '}
              <span className="mono">
                {t.user}@{t.host}:{t.port}
              </span>{' '}
              {t.jump !== undefined && t.jump.length > 0 && <span className="muted">via {formatJumpLine(t.jump)} </span>}
              <span className="muted">{t.auth === 'key' ? `key ${t.keyPath ?? ''}` : t.auth}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Skipped ({found.skipped.length})</h3>
      {found.skipped.length === 0 ? (
        <p className="empty">Nothing was skipped.</p>
      ) : (
        <ul className="item-list import-list">
          {found.skipped.map((s, i) => (
            <li key={`${s.host}-${i}`}>
              <strong className="mono">{s.host}</strong>: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Reads ~/.ssh/config in the main process: first what would be imported and skipped, then the import itself. */
export function ImportSshConfigDialog({ client, onImported, onClose }: { client: CairnClient; onImported: () => void; onClose: () => void }) {
  const [stage, setStage] = useState<Stage>({ step: 'reading' });
  const announce = useAppStore((s) => s.ui.announce);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void client.invoke('targets:import-ssh-config', { preview: true }).then((r) => {
      if (live) setStage(r.ok ? { step: 'preview', found: r.value } : { step: 'failed', message: describeError(r.error) });
    });
    return () => {
      live = false;
    };
  }, [client]);

  const run = async () => {
    const r = await client.invoke('targets:import-ssh-config', {
      preview: false,
    });
    if (!r.ok) {
      setStage({ step: 'failed', message: describeError(r.error) });
      return;
    }
    setStage({ step: 'done', found: r.value });
    // The Import button is gone: keep focus inside the dialog.
    close.current?.focus();
    announce(`Imported ${r.value.imported.length} target${r.value.imported.length === 1 ? '' : 's'} from ${r.value.source}; skipped ${r.value.skipped.length}.`, 'ok');
    onImported();
  };

  const count = stage.step === 'preview' ? stage.found.imported.length : 0;
  return (
    <Dialog
      title="Import from SSH config"
      onClose={onClose}
      actions={
        <>
          <button ref={close} type="button" className="button" data-autofocus onClick={onClose}>
            {stage.step === 'done' ? 'Close' : 'Cancel'}
          </button>
          {stage.step === 'preview' && (
            <button type="button" className="button primary" disabled={count === 0} onClick={() => void run()}>
              Import {count} target{count === 1 ? '' : 's'}
            </button>
          )}
        </>
      }
    >
      {stage.step === 'reading' && <p className="loading">Reading your SSH config…</p>}
      {stage.step === 'failed' && (
        <p className="field-message error" role="alert">
          {stage.message}
        </p>
      )}
      {(stage.step === 'preview' || stage.step === 'done') && (
        <>
          <p>
            From <span className="mono">{stage.found.source}</span>. Passwords are never read from it; hosts behind a proxy, patterns and included files are skipped.
          </p>
          <Lists found={stage.found} done={stage.step === 'done'} />
        </>
      )}
    </Dialog>
  );
}
