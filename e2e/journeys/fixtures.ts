import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../shared/api/names';
import type { Backend, startBackend } from '../bridge/backend';
import type { RecordedRequest } from '../bridge/bridge-server';
import { bundleWindowBridge } from '../bridge/bundle-window-bridge';
import { builtPath } from '../bridge/journey-build-env';

export interface JourneyFixtures {
  /** A fresh, empty userData directory for this test, removed afterwards. */
  userData: string;
  /** A scratch folder for files the person saves or opens (not inside userData). */
  files: string;
  /** The main process of this test: real handlers over `userData`, behind the HTTP bridge. */
  backend: Backend;
  /** The page, with `window.cairn` bridged to `backend` before the app's scripts run; it must report no errors. */
  page: Page;
  /** Stops the backend and starts it again over the same userData directory (the page must reload). */
  restartBackend: () => Promise<void>;
  /** Every request the page sent through window.cairn, with the real handler's answer. */
  requests: () => RecordedRequest[];
  /** Waits until the app listens to `event` on an open stream, so an emit is not lost. */
  waitForListener: (event: EventName) => Promise<void>;
}

interface WorkerFixtures {
  rendererDir: string;
  /** startBackend from the bundle the global setup built (see build-for-journeys.ts). */
  startBackend: typeof startBackend;
  bridgeScript: string;
}

export const test = base.extend<JourneyFixtures, WorkerFixtures>({
  rendererDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter.
    async ({}, use) => use(builtPath('rendererDir')),
    { scope: 'worker' },
  ],
  startBackend: [
    // eslint-disable-next-line no-empty-pattern -- see above.
    async ({}, use) => {
      const loaded = createRequire(import.meta.url)(builtPath('backendModule')) as { startBackend: typeof startBackend };
      await use(loaded.startBackend);
    },
    { scope: 'worker' },
  ],
  bridgeScript: [
    // eslint-disable-next-line no-empty-pattern -- see above.
    async ({}, use) => use(await bundleWindowBridge()),
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- see above.
  userData: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-journey-userdata-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern -- see above.
  files: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-journey-files-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  backend: async ({ userData, rendererDir, startBackend }, use) => {
    const backend = await startBackend({ userData, rendererDir });
    await use(backend);
    await backend.stop();
  },
  // Depends on backend so that it closes first: a request still in flight then is not an error.
  page: async ({ page, bridgeScript, backend: _backend }, use) => {
    // Uncaught errors and console errors (a CSP refusal is one) fail the journey that caused them.
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      // A browser tab asks for /favicon.ico by itself; Electron's window does not, and the app has none.
      if (m.type() === 'error' && new URL(m.location().url || 'about:blank').pathname !== '/favicon.ico') {
        errors.push(`console: ${m.text()} (${m.location().url})`);
      }
    });
    await page.addInitScript({ content: bridgeScript });
    await use(page);
    expect(errors, 'The page reported errors').toEqual([]);
  },
  restartBackend: async ({ backend }, use) => use(() => backend.restart()),
  requests: async ({ backend }, use) => use(() => backend.requests()),
  waitForListener: async ({ page }, use) =>
    use(async (event) => {
      await page.waitForFunction((name) => {
        const probe = window.__cairnJourney;
        return probe !== undefined && probe.streamOpen() && probe.listening().includes(name);
      }, event);
    }),
});

export { expect };
