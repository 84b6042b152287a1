import { useEffect, useRef } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import { useCairnClient } from '../client/cairn-client-context';
import { useAppStore } from '../store/store-context';
import { useBoxActions, type BoxActions } from './box-actions';
import { BoxCard } from './box-card';
import { BoxDetail } from './box-detail';
import './boxes.css';
import { BusyButton } from '../components/busy-button';

const INTERVALS: ReadonlyArray<[number, string]> = [
  [0, 'Off'],
  [30, 'Every 30 seconds'],
  [60, 'Every minute'],
  [300, 'Every 5 minutes'],
];

/** Refreshes every box on the chosen interval while the Boxes screen is open; a refresh still under way is not started twice. */
function useAutoRefresh(actions: BoxActions) {
  const seconds = useAppStore((s) => s.boxes.autoRefreshSeconds);
  const busy = useRef(false);
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setInterval(() => {
      if (busy.current) return;
      busy.current = true;
      void actions.refreshAll().finally(() => (busy.current = false));
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [actions, seconds]);
}

function Grid({ actions }: { actions: BoxActions }) {
  const list = useAppStore((s) => s.targets.list);
  const open = useAppStore((s) => s.boxes.open);
  const seconds = useAppStore((s) => s.boxes.autoRefreshSeconds);
  const setAutoRefresh = useAppStore((s) => s.boxes.setAutoRefresh);
  const readingAll = useAppStore((s) => (s.targets.list ?? []).length > 0 && (s.targets.list ?? []).every((t) => s.boxes.cards[t.id]?.reading === true));
  return (
    <>
      <div className="row spread">
        <h2 id="boxes-title" tabIndex={-1}>
          Boxes
        </h2>
        <div className="row boxes-tools">
          <BusyButton className="button" onClick={() => void actions.refreshAll()} waiting={readingAll} disabled={list === null || list.length === 0}>
            Refresh all
          </BusyButton>
          <label className="field-inline-row" htmlFor="boxes-auto-refresh">
            <span className="field-label">Refresh automatically</span>
            <select id="boxes-auto-refresh" className="input narrow" value={seconds} onChange={(e) => setAutoRefresh(Number(e.target.value))}>
              {INTERVALS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {list === null ? (
        <p className="loading">Loading the boxes…</p>
      ) : list.length === 0 ? (
        <p className="empty">No boxes yet. Add the machines in Targets; once Cairn can log in to one, it is managed here.</p>
      ) : (
        <ul className="box-grid" aria-label="Boxes">
          {list.map((t) => (
            <li key={t.id}>
              <BoxCard target={t} actions={actions} onOpen={() => open(t.id)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Boxes({ client }: { client: CairnClient }) {
  const actions = useBoxActions(client);
  const openId = useAppStore((s) => s.boxes.openId);
  const target = useAppStore((s) => (s.boxes.openId === null ? null : (s.targets.list?.find((t) => t.id === s.boxes.openId) ?? null)));

  useEffect(() => {
    void actions.loadTargets().then(() => actions.refreshAll());
  }, [actions]);
  useAutoRefresh(actions);

  // Moving between the grid and a box puts focus on the new view's heading (not on the first render).
  const shown = useRef(openId);
  useEffect(() => {
    if (shown.current === openId) return;
    shown.current = openId;
    document.getElementById('boxes-title')?.focus();
  }, [openId]);

  return target === null ? <Grid actions={actions} /> : <BoxDetail target={target} actions={actions} />;
}

/** The installed boxes: a card of facts per box, refreshed on demand or on an interval, and each box's services, packages, lbu, power and drift. */
export function BoxesScreen() {
  const client = useCairnClient();
  return (
    <section className="boxes-screen" aria-labelledby="boxes-title">
      {client === null ? (
        <>
          <h2 id="boxes-title">Boxes</h2>
          <p className="notice">Boxes are reached over SSH by the Cairn desktop app; this browser tab cannot connect to machines. Open Cairn itself to manage them.</p>
        </>
      ) : (
        <Boxes client={client} />
      )}
    </section>
  );
}
