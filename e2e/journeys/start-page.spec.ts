import { type Page } from '@playwright/test';
import { AppPage } from '../pages/app-page';
import { WizardPage } from '../pages/wizard-page';
import { expect, test } from './fixtures';

const startPage = (page: Page) => page.getByRole('region', { name: 'Welcome to Cairn' });

/** Back to the start page by its tab, then a way in by its button. */
async function wayIn(app: AppPage, label: string): Promise<void> {
  await app.goToScreen('Start');
  await startPage(app.page).getByRole('button', { name: label, exact: true }).click();
}

test('the first launch opens on the start page, and each of its four ways in leads to the screen that does it', async ({ page, backend }) => {
  const app = new AppPage(page);
  const wizard = new WizardPage(page);
  await app.open(backend.url, { firstRun: true });
  await expect(startPage(page)).toBeVisible();
  await expect(app.screenTab('Start')).toHaveAttribute('aria-current', 'page');
  for (const way of ['Install Alpine on a box', 'Prepare a boot medium for a headless box', 'Manage boxes I already have', 'Write or check an answer file'])
    await expect(startPage(page).getByRole('heading', { name: way })).toBeVisible();

  // 1. Install: a new profile, and its disk is chosen, never assumed.
  await wayIn(app, 'Make an install profile…');
  const newProfile = page.getByRole('dialog', { name: 'New profile' });
  await expect(newProfile.getByText('you choose the disk on the Disk step')).toBeVisible();
  await newProfile.getByRole('button', { name: 'Defaults', exact: true }).click();
  const disk = await wizard.goToStep('Disk');
  await expect(disk.getByRole('textbox', { name: 'Disks' })).toHaveValue('');
  await expect(disk.getByText('Choose a disk below; everything on it will be erased.')).toBeVisible();
  await expect(wizard.stepButton('Disk')).toHaveAccessibleName('Disk (has errors)');

  // 2. A headless box: the boot medium, and with no saved profile yet, the way to make one.
  await wayIn(app, 'Prepare a boot medium…');
  const medium = page.getByRole('dialog', { name: 'Prepare a boot medium' });
  await expect(medium).toBeVisible();
  await expect(app.screenTab('Targets')).toHaveAttribute('aria-current', 'page');
  await medium.getByRole('button', { name: 'Make a profile in the Wizard' }).click();
  await expect(page.getByRole('dialog', { name: 'New profile' })).toBeVisible();
  await page.keyboard.press('Escape');

  // 3. Boxes already running: add one by hand, or from ~/.ssh/config.
  await wayIn(app, 'Add a box…');
  await expect(page.getByRole('dialog', { name: 'Add a target' })).toBeVisible();
  await page.keyboard.press('Escape');
  await wayIn(app, 'Import from SSH config…');
  await expect(page.getByRole('dialog', { name: 'Import from SSH config' })).toBeVisible();
  await page.keyboard.press('Escape');
  await wayIn(app, 'Open Boxes');
  await expect(app.screenTab('Boxes')).toHaveAttribute('aria-current', 'page');

  // 4. An answer file: check one, or write a new one.
  await wayIn(app, 'Check an answer file…');
  await expect(page.getByRole('dialog', { name: 'Import an answer file' })).toBeVisible();
  await page.keyboard.press('Escape');
  await wayIn(app, 'Write a new one…');
  await expect(page.getByRole('dialog', { name: 'New profile' })).toBeVisible();
  await page.keyboard.press('Escape');

  // The next launch goes straight to work; the start page stays one tab away.
  await page.reload();
  await app.waitUntilLoaded();
  await expect(app.screenTab('Wizard')).toHaveAttribute('aria-current', 'page');
  await expect(app.screenTab('Start')).toBeVisible();
});
