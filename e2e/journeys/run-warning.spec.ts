import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage } from '../pages/run-page';
import { hideOnBox, installerRuns } from '../target/stand-ins.test-support';
import { expect, seedTarget, test } from './run-fixtures';

test('setup-alpine exits 0 after rejecting the time zone: the run is marked with that warning, not as a plain success', async ({ page, backend, boxes }) => {
  const [box] = await boxes(1);
  if (!box) throw new Error('No test target started.');
  // The box lacks the profile's zone (UTC): the real setup-alpine prints an error line under Timezone, then exits 0.
  await hideOnBox(box, 'usr/share/zoneinfo/UTC');
  const app = new AppPage(page);
  const runs = new RunPage(page);
  await app.open(backend.url);
  await seedTarget(page, box, 'sensor-1');
  await new ProfileBar(page).newFromTemplate('Diskless IoT board');
  await new ProfileBar(page).save();

  await app.goToScreen('Runs');
  await runs.start(['sensor-1']);
  await expect(runs.summary).toHaveText('“Diskless IoT board” was installed on sensor-1 with a warning: the box may differ from the profile (see Findings).', { timeout: 30_000 });
  await expect(runs.fleetRow('sensor-1')).toContainText('Succeeded with warnings');
  const finding = runs.findings.getByRole('listitem');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('Warning in Timezone: The time zone "UTC" does not exist on the box');
  await expect(finding).toContainText("'UTC' is not a valid timezone on this system");
  await expect(runs.steps.getByRole('listitem').filter({ hasText: 'Run setup-alpine' })).toContainText('Done with warnings');
  expect(installerRuns((await box.standIns?.records()) ?? [])).toBe(1);
});
