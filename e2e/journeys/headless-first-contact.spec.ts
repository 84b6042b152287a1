import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { describeViolations, seriousViolations } from '../pages/accessibility';
import { AppPage } from '../pages/app-page';
import { BootMediumPage } from '../pages/boot-medium-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage, TargetSteps } from '../pages/run-page';
import { WizardPage } from '../pages/wizard-page';
import { makeOpenSshKey } from '../target/keys';
import { freePort } from '../target/net';
import { expect, test } from './run-fixtures';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
] as const;

/** Keeps a screenshot of the open dialog at each size (light, and dark at the small one), and checks the dialog fits the window. */
async function shoot(page: Page, dialog: Locator, name: string, testInfo: TestInfo): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const box = await dialog.boundingBox();
    expect(box, `${name} on screen at ${size.width}×${size.height}`).not.toBeNull();
    expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= size.height, `${name} fits ${size.width}×${size.height}`).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize(SIZES[0]);
  await page.screenshot({ path: testInfo.outputPath(`${name}-dark-1024x700.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
  if (before !== null) await page.setViewportSize(before);
}

/** Keeps a screenshot of the whole window at each size, with `show` scrolled into view. */
async function shootWindow(page: Page, name: string, testInfo: TestInfo, show?: Locator): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await show?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
  if (before !== null) await page.setViewportSize(before);
}

/** A /28 of loopback of this test's own: 127.A.B.BASE/28, so the scan sees only the servers started here. */
function loopbackSubnet() {
  const a = 100 + Math.floor(Math.random() * 100);
  const b = Math.floor(Math.random() * 256);
  const base = 16 * Math.floor(Math.random() * 16);
  const at = (n: number) => `127.${a}.${b}.${base + n}`;
  return { cidr: `${at(0)}/28`, at };
}

test('a headless box is prepared on a Raspberry Pi SD card, found on the network by its key, and installed without a trust prompt', async ({
  page,
  backend,
  files,
  box,
}, testInfo) => {
  // Two Alpine roots to unpack and an install to run, on a machine shared with other journeys.
  testInfo.setTimeout(180_000);
  const app = new AppPage(page);
  const bar = new ProfileBar(page);
  const wizard = new WizardPage(page);
  const medium = new BootMediumPage(page);
  const targets = new TargetSteps(page);
  const runs = new RunPage(page);

  // The SD card as it is after extracting Alpine's Raspberry Pi tarball, and the key Cairn will log in with.
  const card = join(files, 'sdcard');
  await mkdir(join(card, 'apks'), { recursive: true });
  await mkdir(join(card, 'boot'));
  const loginKey = join(files, 'login_ed25519');
  await makeOpenSshKey(loginKey, 'cairn-journey');
  const net = loopbackSubnet();
  const port = await freePort(net.at(5));
  backend.dialogs.answer({ open: card });
  await app.open(backend.url);

  // The profile, saved, then from its Review step to the boot medium.
  await bar.newFromTemplate('Old PC');
  await bar.save();
  const review = await wizard.goToStep('Review');
  await shootWindow(page, 'review-step', testInfo, review.getByRole('button', { name: 'Prepare a boot medium…' }));
  await review.getByRole('button', { name: 'Prepare a boot medium…' }).click();
  await expect(app.screenTab('Targets')).toHaveAttribute('aria-current', 'page');
  await expect(medium.form.getByRole('combobox', { name: 'Profile' })).toHaveValue(/.+/);
  await expect(medium.form.getByRole('combobox', { name: 'Profile' }).locator('option:checked')).toHaveText('Old PC (oldpc)');

  // Raspberry Pi SD card, chosen with Browse…; the login is root with the journey's key, as on a real box.
  await medium.fill({ medium: 'Raspberry Pi SD card', user: 'root', port, keyPath: loginKey });
  await expect(medium.field('Medium folder')).toHaveValue(card);
  await expect(medium.field('Medium folder')).not.toHaveAttribute('aria-invalid');
  expect(backend.dialogs.shown()).toEqual([{ kind: 'open', options: { title: 'Choose the mounted boot medium', filters: [], properties: ['openDirectory'] } }]);
  await shoot(page, medium.form, 'prepare-form', testInfo);
  await medium.write();

  const overlay = join(card, 'oldpc.apkovl.tar.gz');
  await expect(medium.result.getByText(/^Written to /)).toHaveText(`Written to ${overlay}`);
  expect((await readdir(card)).sort()).toEqual(['apks', 'boot', 'oldpc.apkovl.tar.gz']);
  await expect(medium.result).toContainText('Target oldpc saved; its host key is already trusted.');
  await expect(medium.result.getByRole('list', { name: 'Next' }).getByRole('listitem')).toHaveCount(4);
  const shownFingerprint = (await medium.fingerprint.textContent()) ?? '';
  await shoot(page, medium.result, 'prepare-result', testInfo);
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // Power on: the box unpacks the overlay as Alpine's boot does and serves SSH with the overlay's own host key.
  // A stranger's server answers on the same network and port.
  const [pi] = await Promise.all([box({ bootOverlay: overlay, listenAddress: net.at(5), port }), box({ listenAddress: net.at(9), port })]);
  if (pi === undefined) throw new Error('The box did not start.');
  expect(shownFingerprint).toBe(pi.hostKeyFingerprint);

  // Find it: only the prepared box is recognised; its address goes into the target.
  await medium.result.getByRole('button', { name: 'Find on network…' }).click();
  await expect(medium.finder).toBeVisible();
  const found = await medium.find(net.cidr, port);
  await expect(found).toHaveText([`Found oldpc at ${net.at(5)}`]);
  // The stranger is only counted when its answer came before the search ended (it stops once every prepared box is found).
  await expect(medium.finder).toContainText('Its target now points there, with the host key trusted.');
  await shoot(page, medium.finder, 'find-result', testInfo);
  await medium.finder.getByRole('button', { name: 'Close' }).click();
  await expect(medium.finder).toBeHidden();
  await expect(targets.row('oldpc')).toContainText(`${net.at(5)}:${port}`);
  await expect(targets.row('oldpc').getByText('Key pinned')).toHaveAttribute('title', new RegExp(pi.hostKeyFingerprint.replace(/[+/]/g, '\\$&')));
  await shootWindow(page, 'targets-found', testInfo);

  // The test box's login is an account of its own, not root: the one change a real box would not need.
  await page.getByRole('button', { name: 'Edit oldpc' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit oldpc' });
  await edit.getByRole('textbox', { name: 'User' }).fill(pi.user);
  await edit.getByRole('button', { name: 'Save target' }).click();
  await expect(edit).toBeHidden();
  await expect(targets.row('oldpc').getByText('Key pinned')).toBeVisible();

  // The first connection goes straight in: the key was trusted before the box ever ran.
  await page.getByRole('button', { name: 'Test connection to oldpc' }).click();
  await expect(targets.row('oldpc')).toContainText('Alpine 3.20.3, x86_64, root');
  await expect(page.getByRole('dialog', { name: 'Trust this host key?' })).toHaveCount(0);

  // And the install runs on it.
  await app.goToScreen('Runs');
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveValue(/.+/);
  await runs.start(['oldpc'], { typeDisks: ['/dev/sda'] });
  await expect(runs.summary).toHaveText('“Old PC” was installed on oldpc: every step succeeded.', { timeout: 90_000 });
  await expect(page.getByRole('dialog', { name: 'Trust this host key?' })).toHaveCount(0);
  expect(backend.payloadsOf('knownHosts:accept')).toEqual([]);
});
