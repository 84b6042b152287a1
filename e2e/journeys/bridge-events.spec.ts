import type { CairnBridge } from '../../shared/api/bridge';
import { AppPage } from '../pages/app-page';
import { expect, test } from './fixtures';

// The journeys' stand-in for Electron's IPC must behave like it, or later
// journeys (runs, boxes) would test the stand-in instead of Cairn.

declare global {
  interface Window {
    /** Events a test listener received, in order. */
    __received?: unknown[];
  }
}

test('events the main process sends reach the window, only when they keep the contract, and again after a restart', async ({ page, backend, restartBackend, waitForListener }) => {
  await new AppPage(page).open(backend.url);
  await page.evaluate(() => {
    const received: unknown[] = [];
    window.__received = received;
    (window as unknown as { cairn: CairnBridge }).cairn.on('run.output', (payload) => received.push(payload));
  });
  await waitForListener('run.output');

  const line = (text: string) => ({ runId: 'run-1', fleetId: 'fleet-1', targetId: 'box-1', text });
  backend.emit('run.output', line(' Hostname\n'));
  // A payload outside the contract is a bug in main: logged there, never sent.
  backend.emit('run.output', { ...line('typed by hand'), runId: 'Not An Id' });
  backend.emit('run.output', line(' Timezone\n'));
  await expect.poll(() => page.evaluate(() => window.__received)).toEqual([line(' Hostname\n'), line(' Timezone\n')]);

  // The page's stream reconnects to the new main process by itself.
  await restartBackend();
  await expect.poll(() => backend.eventConnections()).toBe(1);
  backend.emit('run.output', line(' Disk & Install\n'));
  await expect.poll(() => page.evaluate(() => window.__received?.length)).toBe(3);
});

test('the bridge answers only its own page, and records what the page asked', async ({ page, backend, requests }) => {
  await new AppPage(page).open(backend.url);
  const info = await page.evaluate(() => (window as unknown as { cairn: CairnBridge }).cairn.app.info());
  expect(info).toMatchObject({ ok: true, value: { userDataDir: backend.userData } });
  const asked = () => requests().filter((r) => r.channel === 'app:info');
  expect(asked()).toEqual([{ channel: 'app:info', payload: {}, result: info }]);

  // Another origin (any web page the tester has open) cannot call the handlers.
  const foreign = await page.request.post(`${backend.url}/cairn/app:info`, { headers: { origin: 'http://127.0.0.1:1' }, data: {} });
  expect(foreign.status()).toBe(403);
  expect(asked()).toHaveLength(1);
});
