import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach } from 'vitest';
import { dispatch } from '../../../electron/ipc';
import { harness, type Harness } from '../../../electron/services.test-support';
import { createBridge, createClient, type CairnClient } from '../../../shared/api/client';
import type { EventName } from '../../../shared/api/names';
import { CairnClientProvider } from '../client/cairn-client-context';
import { ipcProfilesClient } from '../client/ipc-profiles-client';
import { engine } from '../engine/engine';
import { Root } from '../root';
import { createAppStore } from '../store/create-store';
// Also registers Testing Library's cleanup after each test.
import '../test-support/render-app.test-support';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Unmount before the userData directory goes, so nothing still on screen talks to a removed store.
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

/** Events "from the main process": what the preload's subscribe would deliver, sent by the test. */
export function fakeEvents() {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    subscribe: (event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    count: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

export type ShellOptions = Parameters<typeof harness>[0] & {
  screen?: 'wizard' | 'targets';
  /** Runs against the main process's services before the window opens (targets saved earlier, secrets, known hosts). */
  seed?: (h: Harness) => Promise<void>;
};

/**
 * The whole app as the desktop shell runs it: the real handler table over a
 * temp userData directory, reached through the same bridge the preload
 * builds, with main-process events sent by the test.
 */
export async function renderShell(options: ShellOptions = {}) {
  const { screen, seed, ...harnessOptions } = options;
  const h: Harness = await harness(harnessOptions);
  cleanups.push(h.cleanup);
  await seed?.(h);
  const events = fakeEvents();
  const bridge = createBridge((channel, payload) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log }), events.subscribe);
  const ipc: CairnClient = createClient(bridge);
  const store = createAppStore({ engine });
  if (screen) store.getState().ui.setScreen(screen);
  const view = render(createElement(CairnClientProvider, { client: ipc, children: createElement(Root, { store, client: ipcProfilesClient(ipc) }) }));
  return { ...view, h, ipc, store, events, user: userEvent.setup() };
}

/** A target saved straight through the handler table, as if added earlier. */
export async function savedTarget(
  h: Harness,
  target: { name: string; host?: string; port?: number; user?: string; auth?: 'agent' | 'key' | 'password' | 'keyboard-interactive'; keyPath?: string; tags?: string[] },
) {
  const saved = await h.services.targets.save({ host: '192.168.7.20', port: 22, user: 'root', auth: 'agent', tags: [], ...target });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value;
}
