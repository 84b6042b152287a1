import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach } from 'vitest';
import { dispatch } from '../../../electron/ipc';
import type { RunActivity } from '../../../electron/runs/fleet-registry';
import { harness, type Harness } from '../../../electron/services.test-support';
import { createBridge, createClient } from '../../../shared/api/client';
import type { EventName } from '../../../shared/api/names';
import type { Profile } from '../../../shared/profile';
import { CairnClientProvider } from '../client/cairn-client-context';
import { ipcProfilesClient } from '../client/ipc-profiles-client';
import { engine } from '../engine/engine';
import { Root } from '../root';
import { createAppStore } from '../store/create-store';
// Also registers Testing Library's cleanup after each test.
import '../test-support/render-app.test-support';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

export interface RunsShellOptions {
  seed?: (h: Harness) => Promise<void>;
  /** The wizard shows this saved profile (its id in the profile store). */
  wizard?: { profile: Profile; id: string };
}

/**
 * The whole app on the Runs screen as the desktop shell runs it: the real
 * handler table with the real runner over a temp userData directory, its
 * run events delivered to the window as the preload would.
 */
export async function renderRuns(options: RunsShellOptions = {}) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const h = await harness({ ownsRuns: true, send: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) });
  cleanups.push(h.cleanup);
  await options.seed?.(h);
  const activity: RunActivity[] = [];
  h.onRunActivity((a) => activity.push(a));
  const bridge = createBridge(
    (channel, payload) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log }),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  );
  const ipc = createClient(bridge);
  const open = () => {
    const store = createAppStore({ engine, ...(options.wizard ? { profile: options.wizard.profile } : {}) });
    if (options.wizard) store.getState().wizard.markSaved(options.wizard.id, options.wizard.profile);
    store.getState().ui.setScreen('runs');
    return { store, view: render(createElement(CairnClientProvider, { client: ipc, children: createElement(Root, { store, client: ipcProfilesClient(ipc) }) })) };
  };
  const { store, view } = open();
  const fleetsDone = () => activity.filter((a) => a.type === 'fleet.done').length;
  /** Closes the window and opens a new one on the same main process, as after reloading the page. */
  const reopen = () => {
    view.unmount();
    return open().store;
  };
  return { ...view, h, store, activity, fleetsDone, reopen, user: userEvent.setup() };
}

export async function savedProfile(h: Harness, profile: Profile): Promise<string> {
  const saved = await h.services.profiles.save(profile);
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value.id;
}
