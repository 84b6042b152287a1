import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage } from '../pages/run-page';
import { expect, seedTarget, test } from './run-fixtures';

test('a box whose host key changed since it was trusted is refused with both fingerprints, and nothing runs on it', async ({ page, backend, boxes }) => {
  const [box] = await boxes(1);
  if (!box) throw new Error('No test target started.');
  const app = new AppPage(page);
  const runs = new RunPage(page);
  await app.open(backend.url);
  await seedTarget(page, box, 'garage');
  await new ProfileBar(page).newFromTemplate('Diskless IoT board');
  await new ProfileBar(page).save();

  // The box is reinstalled (or someone sits in between): it now shows another key.
  const trusted = box.hostKeyFingerprint;
  await box.replaceHostKey();
  expect(box.hostKeyFingerprint).not.toBe(trusted);

  await app.goToScreen('Runs');
  await runs.start(['garage']);
  await expect(runs.fleetRow('garage')).toContainText('Refused: host key');
  await expect(runs.summary).toContainText('Cairn refused to connect to garage and sent nothing');
  await expect(runs.summary).toContainText(trusted);
  await expect(runs.summary).toContainText(box.hostKeyFingerprint);
  await expect(page.getByRole('button', { name: 'Go to Targets to check the key' })).toBeVisible();
  expect(await box.standIns?.records()).toEqual([]);
});
