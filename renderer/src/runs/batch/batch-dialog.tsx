import { useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/channels';
import type { CairnClient } from '../../../../shared/api/client';
import { describeError } from '../../../../shared/api/error-sentences';
import type { ProfileSummary } from '../../../../shared/api/profiles';
import { emptyRow, type Batch, type BatchRow } from '../../../../shared/batch/row';
import { formatBatchCsv, parseBatchCsv } from '../../../../shared/batch/csv';
import { Dialog } from '../../components/dialog';
import { exportToAnsible } from '../../wizard/profiles/export-ansible';
import type { RunActions } from '../run-actions';
import { BatchMediaResult, makeBootMedia, type WrittenMedia } from './batch-media';
import { COLUMN_LABELS } from './batch-model';
import { BatchTable } from './batch-table';

type Checked = ResponseOf<'runs:check-batch'>;
const CSV = [{ name: 'Batch tables (CSV)', extensions: ['csv', 'txt'] }];

const where = (p: Checked['problems'][number]) =>
  `${p.row === null ? '' : `Row ${p.row}, `}${p.column in COLUMN_LABELS ? COLUMN_LABELS[p.column as keyof typeof COLUMN_LABELS] : p.column === 'ipv4Pool' ? 'IPv4 range' : 'Profile'}: ${p.message}`;

/**
 * One profile, many boxes, each with its own values: the table is checked as
 * a whole (every problem by row and column) before anything starts, then one
 * run per row. Imported from and saved as CSV.
 */
export function BatchDialog({
  client,
  actions,
  profiles,
  initialProfileId,
  onClose,
}: {
  client: CairnClient;
  actions: RunActions;
  profiles: readonly ProfileSummary[];
  initialProfileId: string;
  onClose: () => void;
}) {
  const [profileId, setProfileId] = useState(initialProfileId);
  const [hostname, setHostname] = useState('');
  const [pool, setPool] = useState('');
  const [rows, setRows] = useState<BatchRow[]>([emptyRow()]);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState<{
    tone: 'error' | 'info';
    text: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [media, setMedia] = useState<WrittenMedia | null>(null);
  const batch: Batch = { hostname, ipv4Pool: pool, rows };
  const profileName = profiles.find((p) => p.id === profileId)?.name ?? '';
  // Any edit makes the last check stale: the table is checked again before it starts.
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setChecked(null);
      setMedia(null);
    };

  const check = async () => {
    setBusy(true);
    const result = await actions.checkBatch(profileId, batch);
    setBusy(false);
    if (!result.ok) setNote({ tone: 'error', text: describeError(result.error) });
    else {
      setChecked(result.value);
      setNote(
        result.value.problems.length === 0
          ? {
              tone: 'info',
              text: `Ready: ${result.value.boxes.length} box${result.value.boxes.length === 1 ? '' : 'es'}.`,
            }
          : null,
      );
    }
  };
  const makeMedia = async () => {
    setBusy(true);
    setMedia(null);
    const made = await makeBootMedia(client, profileId, batch);
    setBusy(false);
    // The rows' problems show in the table and the list, as a check shows them.
    if (made.kind === 'problems') setChecked({ problems: made.problems, boxes: [], erases: [] });
    if (made.kind === 'written') setMedia(made.written);
    setNote({ tone: made.kind === 'problems' || (made.kind === 'note' && made.tone === 'error') ? 'error' : 'info', text: made.text });
  };
  const erases = checked?.erases ?? [];
  const confirmed = erases.length === 0 || typed.trim() === erases.join(' ');
  const start = async () => {
    setBusy(true);
    const started = await actions.startBatch({
      profileId,
      profileName,
      batch,
      confirmErase: erases,
      reboot: false,
      concurrency: 10,
    });
    setBusy(false);
    if (started.ok) onClose();
    else setNote({ tone: 'error', text: describeError(started.error) });
  };
  const importCsv = async () => {
    const opened = await client.invoke('files:open-text', { filters: CSV });
    if (!opened.ok) return setNote({ tone: 'error', text: describeError(opened.error) });
    if (!opened.value.opened) return;
    const parsed = parseBatchCsv(opened.value.text);
    if (parsed.ok) {
      changed(setRows)(parsed.rows);
      setNote({
        tone: 'info',
        text: `Read ${parsed.rows.length} row${parsed.rows.length === 1 ? '' : 's'} from ${opened.value.name}.`,
      });
    } else
      setNote({
        tone: 'error',
        text: `${opened.value.name} was not read: ${parsed.problems.map((p) => `${p.row === null ? '' : `line ${p.row}: `}${p.message}`).join(' ')}`,
      });
  };
  const exportCsv = async () => {
    const saved = await client.invoke('files:save-text', {
      suggestedName: 'batch.csv',
      text: formatBatchCsv(rows),
      filters: CSV,
    });
    if (!saved.ok) setNote({ tone: 'error', text: describeError(saved.error) });
    else if (saved.value.saved)
      setNote({
        tone: 'info',
        text: `Saved the table as ${saved.value.path}.`,
      });
  };

  const problems = checked?.problems ?? [];
  return (
    <Dialog
      title="Install a batch"
      wide
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button" disabled={busy || profileId === ''} onClick={() => void check()}>
            Check the batch
          </button>
          <button type="button" className="button primary" disabled={busy || checked === null || problems.length > 0 || !confirmed} onClick={() => void start()}>
            {erases.length > 0 ? 'Erase and start' : 'Start'}
          </button>
        </>
      }
    >
      <p className="dialog-intro">
        One saved profile on many boxes, each with the values that differ. An empty cell keeps the profile’s value; paste rows from a spreadsheet into any cell.
      </p>
      <div className="row">
        <div className="field">
          <label className="field-label" htmlFor="batch-profile">
            Profile
          </label>
          <select id="batch-profile" className="input" value={profileId} onChange={(e) => changed(setProfileId)(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="batch-hostname">
            Hostnames (optional)
          </label>
          <input
            id="batch-hostname"
            className="input"
            value={hostname}
            placeholder="pi-{nn}"
            aria-describedby="batch-hostname-hint"
            onChange={(e) => changed(setHostname)(e.target.value)}
          />
          <p id="batch-hostname-hint" className="field-hint">
            {'{nn}'} numbers the rows: pi-01, pi-02…
          </p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="batch-pool">
            IPv4 addresses from (optional)
          </label>
          <input
            id="batch-pool"
            className="input"
            value={pool}
            placeholder="192.168.1.40-192.168.1.59"
            aria-invalid={problems.some((p) => p.column === 'ipv4Pool') ? true : undefined}
            aria-describedby="batch-pool-hint"
            onChange={(e) => changed(setPool)(e.target.value)}
          />
          <p id="batch-pool-hint" className={problems.some((p) => p.column === 'ipv4Pool') ? 'field-message error' : 'field-hint'}>
            {problems.find((p) => p.column === 'ipv4Pool')?.message ?? 'Rows without an address take the next one, in order.'}
          </p>
        </div>
      </div>
      <BatchTable rows={rows} problems={problems} onChange={changed(setRows)} />
      <div className="row">
        <button type="button" className="button" onClick={() => changed(setRows)([...rows, emptyRow()])}>
          Add a row
        </button>
        <button type="button" className="button" onClick={() => void importCsv()}>
          Import CSV…
        </button>
        <button type="button" className="button" onClick={() => void exportCsv()}>
          Save as CSV…
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || profileId === ''}
          onClick={() => void exportToAnsible(client, profileId, batch).then(({ tone, text }) => setNote({ tone: tone === 'error' ? 'error' : 'info', text }))}
        >
          Export to Ansible…
        </button>
        <button type="button" className="button" disabled={busy || profileId === ''} onClick={() => void makeMedia()}>
          Make boot media for these boxes…
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="problem-list" aria-label="Problems of the batch">
          {problems.map((p, i) => (
            <li key={i} className="field-message error">
              {where(p)}
            </li>
          ))}
        </ul>
      )}
      {checked !== null && problems.length === 0 && (
        <ul className="item-list" aria-label="Boxes of the batch">
          {checked.boxes.map((b) => (
            <li key={b.row}>
              <strong>{b.target}</strong> {b.hostname} <span className="mono">{b.addresses.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {media !== null && <BatchMediaResult written={media} />}
      {erases.length > 0 && problems.length === 0 && (
        <div className="field">
          <label className="field-label" htmlFor="batch-erase">
            Type {erases.join(' ')} to confirm erasing it on every box
          </label>
          <input id="batch-erase" className="input" value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={confirmed ? undefined : true} />
        </div>
      )}
      <p className={note?.tone === 'error' ? 'field-message error' : 'field-hint'} role="status">
        {note?.text ?? ''}
      </p>
    </Dialog>
  );
}
