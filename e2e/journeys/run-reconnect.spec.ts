import { startDropProxy } from '../../electron/runs/drop-proxy.test-support';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage } from '../pages/run-page';
import { installerRuns } from '../target/stand-ins.test-support';
import { expect, seedTarget, test } from './run-fixtures';

test('the connection drops in the middle of setup-alpine: the run reconnects, picks up where it was and completes', async ({ page, backend, boxes }) => {
  const [box] = await boxes(1);
  if (!box) throw new Error('No test target started.');
  // Cairn reaches the box through a relay the test can cut, as a network outage would.
  const relay = await startDropProxy(box.port);
  try {
    // Slow enough that the cut lands mid-run even on a loaded machine.
    await box.standIns?.control({ apk: { startDelayMs: 500 } });
    const app = new AppPage(page);
    const runs = new RunPage(page);
    await app.open(backend.url);
    await seedTarget(page, box, 'far-away', relay.port);
    await new ProfileBar(page).newFromTemplate('Diskless IoT board');
    await new ProfileBar(page).save();

    await app.goToScreen('Runs');
    await runs.start(['far-away']);
    await expect(runs.sectionProgress).toHaveText(/^Section [2-7] of 9: /);
    const before = relay.accepted;
    relay.drop();

    await expect(runs.summary).toHaveText('“Diskless IoT board” was installed on far-away: every step succeeded.', { timeout: 30_000 });
    expect(relay.accepted).toBeGreaterThan(before);
    await expect(runs.log('far-away')).toContainText(' Disk & Install');
    // setup-alpine ran once: the runner followed it again after reconnecting instead of starting it over.
    expect(installerRuns((await box.standIns?.records()) ?? [])).toBe(1);
  } finally {
    await relay.close();
  }
});
