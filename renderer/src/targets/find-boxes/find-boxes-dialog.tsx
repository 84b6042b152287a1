import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CairnClient } from '../../../../shared/api/client';
import type { ScanResult } from '../../../../shared/api/discover';
import { describeError } from '../../../../shared/api/error-sentences';
import { Dialog } from '../../components/dialog';
import { useAppStore } from '../../store/store-context';
import { portOf, PORT_PROBLEM } from '../boot-medium/boot-medium-model';
import { FormField } from '../form-field';
import { ScanProgress } from './scan-progress';
import { endedText, foundText, NONE_FOUND_HINTS, noneFoundText } from './scan-sentences';

type Field = 'subnet' | 'port';
type Network = { cidr: string; interface: string };
type Stage =
  { step: 'idle' } | { step: 'scanning'; scanId: string; probed: number; total: number | null; found: number; cancelling: boolean } | { step: 'done'; result: ScanResult };

const idOf = (field: Field) => `find-boxes-${field}`;

function Outcome({ result }: { result: ScanResult }) {
  const ended = endedText(result);
  return (
    <div className="scan-outcome" role="status">
      {result.found.length > 0 ? (
        <>
          <ul className="found-list" aria-label="Boxes found">
            {result.found.map((f) => (
              <li key={f.targetId}>
                Found <strong>{f.targetName}</strong> at <span className="mono">{f.address}</span>
              </li>
            ))}
          </ul>
          <p className="muted">{foundText(result)}</p>
        </>
      ) : (
        <>
          <p className="field-message warning">{noneFoundText(result)}</p>
          {result.ended === 'done' && (
            <ul className="hint-list">
              {NONE_FOUND_HINTS.map((h) => (
                <li key={h}>{h}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {ended !== null && <p>{ended}</p>}
    </div>
  );
}

/**
 * Searches a network of this computer for the SSH servers of prepared boxes,
 * recognised by the host key Cairn gave each (seen before any login); a box
 * found has its address written into its target.
 */
export function FindBoxesDialog({ client, onFound, onClose }: { client: CairnClient; onFound: () => void; onClose: () => void }) {
  const [subnet, setSubnet] = useState('');
  const [port, setPort] = useState('22');
  const [networks, setNetworks] = useState<Network[] | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [refusal, setRefusal] = useState<{ field: Field | null; message: string } | null>(null);
  const running = useRef<string | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const findButton = useRef<HTMLButtonElement>(null);
  const announce = useAppStore((s) => s.ui.announce);

  useEffect(() => {
    let live = true;
    void client.invoke('discover:networks').then((r) => {
      if (!live) return;
      const list = r.ok ? r.value.networks : [];
      setNetworks(list);
      // Typed already: keep it.
      setSubnet((s) => (s === '' ? (list[0]?.cidr ?? '') : s));
    });
    return () => {
      live = false;
      // Closing the dialog ends its search.
      if (running.current !== null) void client.invoke('discover:cancel', { scanId: running.current });
    };
  }, [client]);

  const scanning = stage.step === 'scanning';
  const wasScanning = useRef(false);
  useEffect(() => {
    // Keep the focus in the dialog as Find gives way to Cancel and back, or on the field a refusal is about (not on opening: the Network field has it).
    if (scanning === wasScanning.current) return;
    wasScanning.current = scanning;
    const field = refusal?.field ?? null;
    (scanning ? cancelButton.current : field !== null ? document.getElementById(idOf(field)) : findButton.current)?.focus();
  }, [scanning, refusal]);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    if (running.current !== null) return;
    setRefusal(null);
    const portNumber = portOf(port);
    if (portNumber === null) {
      setRefusal({ field: 'port', message: PORT_PROBLEM });
      document.getElementById(idOf('port'))?.focus();
      return;
    }
    const scanId = crypto.randomUUID();
    running.current = scanId;
    setStage({ step: 'scanning', scanId, probed: 0, total: null, found: 0, cancelling: false });
    // Listening before asking, so no progress of this search is missed.
    const stop = client.on('discover.progress', (p) => {
      if (p.scanId !== scanId) return;
      setStage((s) => (s.step === 'scanning' && s.scanId === scanId ? { ...s, probed: p.probed, total: p.total, found: p.found } : s));
    });
    const r = await client.invoke('discover:scan', { scanId, subnet: subnet.trim(), port: portNumber });
    stop();
    if (running.current !== scanId) return;
    running.current = null;
    if (!r.ok) {
      const field = r.error.field === 'subnet' || r.error.field === 'port' ? r.error.field : null;
      const message = describeError(r.error).replace(`${r.error.field ?? ''}: `, '');
      setStage({ step: 'idle' });
      setRefusal({ field, message });
      return;
    }
    setStage({ step: 'done', result: r.value });
    const found = r.value.found;
    if (found.length > 0) {
      onFound();
      announce(found.map((f) => `Found ${f.targetName} at ${f.address}.`).join(' '), 'ok');
    } else announce(noneFoundText(r.value));
  };

  const cancel = () => {
    if (stage.step !== 'scanning' || stage.cancelling) return;
    setStage({ ...stage, cancelling: true });
    void client.invoke('discover:cancel', { scanId: stage.scanId });
  };

  const problemOf = (field: Field) => (refusal?.field === field ? refusal.message : null);
  const networkHint =
    networks !== null && networks.length > 0
      ? `This computer’s networks: ${networks.map((n) => `${n.cidr} (${n.interface})`).join(', ')}. At most 1,024 addresses.`
      : 'Like 192.168.1.0/24: the network the box is cabled to.';

  return (
    <Dialog title="Find on network" onClose={onClose}>
      <form className="dialog-form find-boxes-form" noValidate onSubmit={(e) => void find(e)}>
        <p className="dialog-intro">
          Cairn asks every address for its SSH host key and compares it with the keys of the boxes it prepared. Nothing else is sent; no password or login is tried.
        </p>
        {refusal !== null && refusal.field === null && (
          <p className="field-message error" role="alert">
            {refusal.message}
          </p>
        )}
        <div className="find-boxes-fields">
          <FormField id={idOf('subnet')} label="Network" hint={networkHint} problem={problemOf('subnet')}>
            {(control) => (
              <>
                <input
                  {...control}
                  className="input mono"
                  type="text"
                  list="find-boxes-networks"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="192.168.1.0/24"
                  readOnly={scanning}
                  value={subnet}
                  onChange={(e) => {
                    setSubnet(e.target.value);
                    if (refusal?.field === 'subnet') setRefusal(null);
                  }}
                />
                <datalist id="find-boxes-networks">
                  {(networks ?? []).map((n) => (
                    <option key={n.cidr} value={n.cidr} label={n.interface} />
                  ))}
                </datalist>
              </>
            )}
          </FormField>
          <FormField id={idOf('port')} label="Port" hint="SSH uses 22." problem={problemOf('port')}>
            {(control) => (
              <input
                {...control}
                className="input narrow"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                readOnly={scanning}
                value={port}
                onChange={(e) => {
                  setPort(e.target.value);
                  if (refusal?.field === 'port') setRefusal(null);
                }}
              />
            )}
          </FormField>
        </div>
        {stage.step === 'scanning' && <ScanProgress probed={stage.probed} total={stage.total} found={stage.found} />}
        {stage.step === 'done' && <Outcome result={stage.result} />}
        <div className="dialog-actions">
          {stage.step === 'scanning' ? (
            <button ref={cancelButton} type="button" className="button" aria-disabled={stage.cancelling || undefined} onClick={cancel}>
              {stage.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
              <button ref={findButton} type="submit" className="button primary">
                Find
              </button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
