import { useEffect } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import { useCairnClient } from '../client/cairn-client-context';
import type { AppStore } from '../store/create-store';
import { useAppStoreApi } from '../store/store-context';
import { runHeadline, type AnyRunEvent } from './run-view';

/** Events are gathered for this long and written to the store at once: a fleet sends many each second. */
export const FEED_INTERVAL_MS = 50;

/** Follows every run event into the runs slice, whatever screen is showing; returns the function that stops. */
export function followRunEvents(client: CairnClient, store: AppStore, intervalMs = FEED_INTERVAL_MS): () => void {
  const queue: AnyRunEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (queue.length === 0) return;
    const batch = queue.splice(0);
    store.getState().runs.received(batch);
    for (const e of batch) {
      if (e.name !== 'run.done') continue;
      const { runs, targets } = store.getState();
      const run = runs.runs[e.payload.runId];
      const name = targets.list?.find((t) => t.id === e.payload.targetId)?.name ?? run?.targetLabel ?? 'the target';
      if (run) {
        const { text, tone } = runHeadline(run, name);
        store.getState().ui.announce(text, tone);
      }
    }
  };
  const push = (event: AnyRunEvent) => {
    queue.push(event);
    timer ??= setTimeout(flush, intervalMs);
  };
  const stops = [
    client.on('run.output', (payload) => push({ name: 'run.output', payload })),
    client.on('run.step', (payload) => push({ name: 'run.step', payload })),
    client.on('run.progress', (payload) => push({ name: 'run.progress', payload })),
    client.on('run.preflight', (payload) => push({ name: 'run.preflight', payload })),
    client.on('run.done', (payload) => push({ name: 'run.done', payload })),
  ];
  return () => {
    for (const stop of stops) stop();
    if (timer !== null) clearTimeout(timer);
    flush();
  };
}

/** Mounted once by the app: runs keep being followed while other screens show. */
export function RunEventFeed() {
  const client = useCairnClient();
  const store = useAppStoreApi();
  useEffect(() => (client === null ? undefined : followRunEvents(client, store)), [client, store]);
  return null;
}
