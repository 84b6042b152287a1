// Runs in the journey's page before the app's own scripts (page.addInitScript):
// it builds `window.cairn` exactly as the preload does, with createBridge from
// shared/api, but over same-origin HTTP instead of ipcRenderer. Bundled by
// bundle-window-bridge.ts; nothing here may import Node.
import { createBridge, type Subscribe, type Transport } from '../../shared/api/bridge';
import type { EventName } from '../../shared/api/names';
import type { StreamMessage } from './event-stream';

/** What a journey can ask the page about the bridge (never used by the app). */
export interface JourneyProbe {
  /** Events the app listens to now. */
  listening(): EventName[];
  /** Whether the event stream from the backend is open. */
  streamOpen(): boolean;
}

declare global {
  interface Window {
    __cairnJourney?: JourneyProbe;
  }
}

const transport: Transport = async (channel, payload) => {
  const response = await fetch(`/cairn/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload ?? {}),
  });
  // The client turns a throw into "Cairn could not reach its main process", as with a dead IPC.
  if (!response.ok) throw new Error(`The bridge answered ${response.status} for ${channel}: ${await response.text()}`);
  return response.json();
};

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let stream: EventSource | null = null;

function openStream(): EventSource {
  const source = new EventSource('/cairn-events');
  source.onmessage = (message: MessageEvent<string>) => {
    const { event, payload } = JSON.parse(message.data) as StreamMessage;
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };
  return source;
}

// Like ipcRenderer.on: the stream opens with the first listener.
const subscribe: Subscribe = (event, listener) => {
  stream ??= openStream();
  const set = listeners.get(event) ?? new Set();
  set.add(listener);
  listeners.set(event, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(event);
  };
};

// Only the app's own pages (served by the bridge over http) get the bridge.
if (location.protocol === 'http:') {
  Object.defineProperty(window, 'cairn', { value: createBridge(transport, subscribe), enumerable: true });
  const probe: JourneyProbe = {
    listening: () => [...listeners.keys()],
    streamOpen: () => stream?.readyState === EventSource.OPEN,
  };
  Object.defineProperty(window, '__cairnJourney', { value: Object.freeze(probe) });
}
