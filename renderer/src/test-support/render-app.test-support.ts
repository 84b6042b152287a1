import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { createElement, type ProfilerOnRenderCallback } from 'react';
import { afterEach } from 'vitest';
import { dispatch } from '../../../electron/ipc';
import { harness, scriptedDialogs, type Harness } from '../../../electron/services.test-support';
import { createBridge, createClient } from '../../../shared/api/client';
import type { Profile } from '../../../shared/profile/schema';
import { ipcProfilesClient } from '../client/ipc-profiles-client';
import { engine } from '../engine/engine';
import { Root } from '../root';
import { createAppStore } from '../store/create-store';
import type { StepId } from '../wizard/step-catalogue';
import { RenderProbeContext } from '../wizard/render-probe';

const mains: Array<Promise<Harness>> = [];
// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(async () => {
  // Unmount before the userData directory goes, so nothing on screen talks to a removed store.
  cleanup();
  localStorage.clear();
  for (const main of mains.splice(0)) await (await main).cleanup();
});

export interface RenderOptions {
  profile?: Profile;
  /** What the native save and open dialogs answer: a path, or null for Cancel. */
  dialogs?: { save?: string | null; open?: string | null };
  onRender?: ProfilerOnRenderCallback;
}

/**
 * The whole app on a fresh store (engine already loaded). Its profiles and
 * files go through the real handler table over a temp userData directory
 * (`main`), as in the desktop app; only the native dialogs are stand-ins.
 */
export function renderApp(options: RenderOptions = {}) {
  const store = createAppStore({ engine, ...(options.profile ? { profile: options.profile } : {}) });
  const dialogs = scriptedDialogs(options.dialogs ?? {});
  // Started now and awaited by the first request, so a test renders at once.
  const main = harness({ dialogs: dialogs.dialogs });
  mains.push(main);
  const ipc = createClient(
    createBridge(
      async (channel, payload) => {
        const h = await main;
        return dispatch(h.table, channel, payload, { sender: 'test', log: h.log });
      },
      () => () => {},
    ),
  );
  const client = ipcProfilesClient(ipc);
  const root = createElement(Root, { store, client });
  const tree = options.onRender ? createElement(RenderProbeContext.Provider, { value: options.onRender }, root) : root;
  const view = render(tree);
  return { ...view, store, client, main, dialogsShown: dialogs.shown, user: userEvent.setup() };
}

export const stepper = () => screen.getByRole('navigation', { name: 'Setup steps' });

/** The stepper button of a step, by its title ("Network"). */
export const stepButton = (title: string) => within(stepper()).getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`) });

export async function openStep(user: ReturnType<typeof userEvent.setup>, title: string): Promise<void> {
  await user.click(stepButton(title));
  await screen.findByRole('heading', { level: 2, name: title });
}

export const stepStatus = (title: string): string | null => stepButton(title).getAttribute('data-status');

export const currentStep = (store: ReturnType<typeof createAppStore>): StepId => store.getState().wizard.step;

/** axe-core violations a person would be blocked by (serious and critical). */
export async function seriousViolations(container: Element): Promise<string[]> {
  // jsdom has no layout or canvas, so contrast cannot be measured here; the
  // Playwright journeys in Chromium are where colour contrast is checked.
  const result = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
