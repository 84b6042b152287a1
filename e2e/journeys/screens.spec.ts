import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { describeViolations, seriousViolations } from '../pages/accessibility';
import { clippedControls } from '../pages/clipping';
import { RunPage } from '../pages/run-page';
import { AppPage, SCREEN_NAMES } from '../pages/app-page';
import { BoxesPage } from '../pages/boxes-page';
import { ImportDialog } from '../pages/import-dialog';
import { ProfileBar } from '../pages/profile-bar';
import { STEP_TITLES, WizardPage } from '../pages/wizard-page';
import { HAND_WRITTEN, ZONE_LINE } from './answer-files';
import { startOpenSshTarget } from '../target';
import { expect, test } from './fixtures';
import { seedTarget } from './run-fixtures';

// Artifacts of the run, kept beside Playwright's own output (which it empties on each run).
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    /** Checks what is on screen with axe, and keeps a screenshot of it. */
    async function check(page: Page, name: string): Promise<void> {
      const violations = await seriousViolations(page);
      expect(violations, `${name} (${scheme}):\n${describeViolations(violations)}`).toEqual([]);
      // The page itself never scrolls away from the app frame: only its panes scroll.
      const scrolled = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        root.scrollTop = 10_000;
        return root.scrollTop;
      });
      expect(scrolled, `${name}: the page scrolled`).toBe(0);
      await page.screenshot({ path: `${SCREENSHOTS}${scheme}/${name}.png` });
    }

    test('every wizard step has no serious accessibility problem', async ({ page, backend }) => {
      const app = new AppPage(page);
      const wizard = new WizardPage(page);
      await app.open(backend.url);
      await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      // The router template fills the network step with two cards, as a real profile would.
      await new ProfileBar(page).newFromTemplate('Router');
      for (const [n, title] of STEP_TITLES.entries()) {
        await wizard.goToStep(title);
        await check(page, `step-${String(n + 1).padStart(2, '0')}-${slug(title)}`);
      }
    });

    test('every screen and dialog has no serious accessibility problem', async ({ page, backend }) => {
      const app = new AppPage(page);
      const bar = new ProfileBar(page);
      const importer = new ImportDialog(page);
      await app.open(backend.url);

      for (const screen of SCREEN_NAMES) {
        await app.goToScreen(screen);
        await check(page, `screen-${slug(screen)}`);
      }
      await app.goToScreen('Wizard');

      await bar.button('New…').click();
      await expect(page.getByRole('dialog', { name: 'New profile' })).toBeVisible();
      await check(page, 'dialog-new-profile');
      await page.keyboard.press('Escape');

      await bar.newFromTemplate('Old PC');
      await bar.save();
      const open = await bar.openDialog();
      await expect(open.getByRole('button', { name: 'Open Old PC' })).toBeVisible();
      await check(page, 'dialog-open-profile');
      await page.keyboard.press('Escape');

      await importer.open();
      await importer.paste(HAND_WRITTEN);
      await check(page, 'dialog-import');
      await importer.importIt();
      await importer
        .line(ZONE_LINE)
        .getByRole('button', { name: /^Go to Time zone/ })
        .click();
      await expect(page.getByRole('combobox', { name: 'Time zone' })).toBeFocused();
      await check(page, 'wizard-after-import');
    });

    test('the Boxes screen with a box that answers has no serious accessibility problem', async ({ page, backend }) => {
      const box = await startOpenSshTarget();
      try {
        const app = new AppPage(page);
        const boxes = new BoxesPage(page);
        await app.open(backend.url);
        await seedTarget(page, box, 'garage-pi');
        await app.goToScreen('Boxes');
        await boxes.waitUntilRead('garage-pi');
        await check(page, 'boxes-grid');

        await boxes.manage('garage-pi');
        await expect(boxes.panel('Services').getByRole('rowheader', { name: 'crond' })).toBeVisible({ timeout: 30_000 });
        await expect(boxes.panel('Packages').getByRole('combobox', { name: 'Install a package' })).toBeVisible({ timeout: 30_000 });
        await expect(boxes.panel('Local backup (lbu)').getByRole('button', { name: 'Commit with lbu' })).toBeVisible({ timeout: 30_000 });
        await check(page, 'boxes-detail');

        await boxes.panel('Power').getByRole('button', { name: 'Reboot…' }).click();
        await expect(page.getByRole('alertdialog', { name: 'Reboot garage-pi?' })).toBeVisible();
        await check(page, 'dialog-reboot');
        await page.keyboard.press('Escape');
      } finally {
        await box.stop();
      }
    });
  });
}

test('from 1024×700 to 1920×1080, no control on any screen is cut off, and the page never scrolls', async ({ page, backend }) => {
  test.setTimeout(120_000);
  const box = await startOpenSshTarget();
  try {
    const app = new AppPage(page);
    const wizard = new WizardPage(page);
    const boxes = new BoxesPage(page);
    const runs = new RunPage(page);
    await app.open(backend.url);
    await seedTarget(page, box, 'garage-pi');
    const bar = new ProfileBar(page);
    await bar.newFromTemplate('Diskless IoT board');
    await bar.save();
    // A finished run, so the Runs screen shows its fleet table, steps and log.
    await app.goToScreen('Runs');
    await runs.start(['garage-pi']);
    await expect(runs.fleetRow('garage-pi')).toContainText('Succeeded', { timeout: 60_000 });
    // The router fills the network step with two cards, as a real profile would.
    await bar.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Wizard' }).click();
    await bar.newFromTemplate('Router');

    for (const [width, height] of [
      [1024, 700],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const size = `${width}×${height}`;
      const noneCut = async (where: string) => {
        expect(await clippedControls(page), `${where} at ${size}`).toEqual([]);
        const scrolled = await page.evaluate(() => {
          const root = document.scrollingElement ?? document.documentElement;
          root.scrollTop = 10_000;
          return root.scrollTop;
        });
        expect(scrolled, `${where} at ${size}: the page scrolled`).toBe(0);
      };
      for (const screen of SCREEN_NAMES) {
        await app.goToScreen(screen);
        if (screen === 'Boxes') await boxes.waitUntilRead('garage-pi');
        await noneCut(`the ${screen} screen`);
        if (screen === 'Runs') {
          // A step's title wraps in its own column, never under its status ("Done").
          await expect(runs.steps.getByRole('listitem').first()).toBeVisible();
          const underStatus = await runs.steps.getByRole('listitem').evaluateAll((items) =>
            items
              .filter((li) => {
                const mark = li.querySelector('.step-mark')?.getBoundingClientRect();
                const lines = [...(li.querySelector('.step-title')?.getClientRects() ?? [])];
                return mark === undefined || lines.some((line) => line.left < mark.right);
              })
              .map((li) => li.textContent),
          );
          expect(underStatus, `step titles at ${size}`).toEqual([]);
        }
        await page.screenshot({ path: `${SCREENSHOTS}sizes/${slug(screen)}-${width}.png` });
      }
      await app.goToScreen('Wizard');
      for (const title of STEP_TITLES) {
        await wizard.goToStep(title);
        await noneCut(`the ${title} step`);
      }
      await app.goToScreen('Boxes');
      await boxes.manage('garage-pi');
      await expect(boxes.panel('Services').getByRole('rowheader', { name: 'crond' })).toBeVisible({ timeout: 30_000 });
      await expect(boxes.panel('Local backup (lbu)').getByRole('button', { name: 'Commit with lbu' })).toBeVisible({ timeout: 30_000 });
      await noneCut('the box view');
      await page.screenshot({ path: `${SCREENSHOTS}sizes/box-${width}.png` });
      await page.getByRole('button', { name: 'All boxes' }).click();
    }
  } finally {
    await box.stop();
  }
});
