import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach } from 'vitest';
import { boxHarness, type BoxHarness } from '../../../electron/ipc/box-harness.test-support';
import { dispatch } from '../../../electron/ipc/dispatch';
import { createBridge, createClient } from '../../../shared/api/client';
import type { ChannelName } from '../../../shared/api/names';
import { CairnClientProvider } from '../client/cairn-client-context';
import { ipcProfilesClient } from '../client/ipc-profiles-client';
import { engine } from '../engine/engine';
import { Root } from '../root';
import { createAppStore } from '../store/create-store';
// Also registers Testing Library's cleanup after each test.
import '../test-support/render-app.test-support';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Unmount before the userData directory goes, so nothing on screen talks to a removed store.
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

/**
 * The whole app on the Boxes screen, as the desktop shell runs it: the real
 * handler table over a temp userData directory, reached through the bridge
 * the preload builds, and the events the handlers send delivered to the
 * window as webContents.send would.
 */
export async function renderBoxes(options: { seed?: (h: BoxHarness) => Promise<void> } = {}) {
  const h = await boxHarness();
  cleanups.push(h.cleanup);
  await options.seed?.(h);
  const asked: ChannelName[] = [];
  const bridge = createBridge(
    (channel, payload) => {
      asked.push(channel);
      return dispatch(h.table, channel, payload, { sender: 'test', log: h.log });
    },
    (event, listener) => h.listen((sent) => sent.event === event && listener(sent.payload)),
  );
  const ipc = createClient(bridge);
  const store = createAppStore({ engine });
  store.getState().ui.setScreen('boxes');
  const view = render(createElement(CairnClientProvider, { client: ipc, children: createElement(Root, { store, client: ipcProfilesClient(ipc) }) }));
  return { ...view, h, ipc, store, asked, user: userEvent.setup() };
}

/** A target saved straight in the store, as if added in Targets earlier. */
export async function savedBox(h: BoxHarness, target: { name: string; host?: string; port?: number; auth?: 'agent' | 'password' }) {
  const saved = await h.services.targets.save({ host: '127.0.0.1', port: 22, user: 'root', auth: 'agent', tags: [], ...target });
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.value;
}

/** A box's card in the grid, by its name. */
export const boxCard = (name: string) => screen.getByRole('article', { name });

/** A card of the open box's detail, by its title. */
export const panel = (title: string) => screen.getByRole('region', { name: title });

export const inPanel = (title: string) => within(panel(title));
