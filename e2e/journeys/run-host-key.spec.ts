import type { Page } from '@playwright/test';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage } from '../pages/run-page';
import { expect, seedTarget, test } from './run-fixtures';

/** A target saved the way a person adds one (by host, port and key file) but never tested, so its host key is not trusted. */
async function addUntested(page: Page, box: { host: string; port: number; user: string; privateKeyPath: string }, name: string): Promise<void> {
  await page.evaluate(
    async (t) => {
      const cairn = (window as unknown as { cairn: { targets: { save: (r: unknown) => Promise<{ ok: boolean }> } } }).cairn;
      if (!(await cairn.targets.save({ target: { ...t, auth: 'key', tags: [] } })).ok) throw new Error(`Saving ${t.name} failed.`);
    },
    { name, host: box.host, port: box.port, user: box.user, keyPath: box.privateKeyPath },
  );
}

test('a box whose host key changed since it was trusted is refused with both fingerprints, and its old key is removed where the run shows it', async ({ page, backend, boxes }) => {
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
  expect(await box.standIns?.records()).toEqual([]);

  // Compared and removed right there, no detour through Targets.
  await page.getByRole('button', { name: 'Compare the keys of garage…' }).click();
  const warning = page.getByRole('alertdialog', { name: /the host key of .* has changed/ });
  await expect(warning.getByText(trusted, { exact: true })).toBeVisible();
  await expect(warning.getByText(box.hostKeyFingerprint, { exact: true })).toBeVisible();
  await warning.getByRole('button', { name: 'Remove the old key…' }).click();
  await warning.getByRole('button', { name: 'Remove the old key', exact: true }).click();
  await expect(warning).toBeHidden();
  await expect(app.status).toContainText('Removed the old key of');
  await expect(app.screenTab('Runs')).toHaveAttribute('aria-current', 'page');

  // The next run meets the new key as a first contact, and it is trusted in place.
  await runs.retryFailed.click();
  await expect(runs.fleetRow('garage')).toContainText('Refused: host key');
  await page.getByRole('button', { name: 'Check the key of garage…' }).click();
  const ask = page.getByRole('dialog', { name: 'Trust this host key?' });
  await expect(ask.getByText(box.hostKeyFingerprint, { exact: true })).toBeVisible();
  await ask.getByRole('button', { name: 'Trust and run garage again' }).click();
  await expect(runs.fleetRow('garage')).toContainText('Succeeded', { timeout: 60_000 });
});

test('a target never tested meets its first-contact key on Runs, is trusted there, and the install runs on', async ({ page, backend, boxes }) => {
  const [box] = await boxes(1);
  if (!box) throw new Error('No test target started.');
  const app = new AppPage(page);
  const runs = new RunPage(page);
  await app.open(backend.url);
  await addUntested(page, box, 'shed');
  await new ProfileBar(page).newFromTemplate('Diskless IoT board');
  await new ProfileBar(page).save();

  await app.goToScreen('Runs');
  await runs.start(['shed']);
  await expect(runs.fleetRow('shed')).toContainText('Refused: host key');
  await expect(runs.summary).toContainText('is not known yet');
  expect(await box.standIns?.records()).toEqual([]);

  await page.getByRole('button', { name: 'Check the key of shed…' }).click();
  const ask = page.getByRole('dialog', { name: 'Trust this host key?' });
  await expect(ask.getByText(box.hostKeyFingerprint, { exact: true })).toBeVisible();
  await ask.getByRole('button', { name: 'Trust and run shed again' }).click();
  await expect(ask).toBeHidden();
  await expect(runs.fleetRow('shed')).toContainText('Succeeded', { timeout: 60_000 });
  expect((await box.standIns?.records())?.length).toBeGreaterThan(0);
});
