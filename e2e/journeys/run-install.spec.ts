import type { CairnBridge } from '../../shared/api/bridge';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderInterfaces } from '../../shared/answerfile/interfaces-render';
import type { Profile } from '../../shared/profile';
import { describeViolations, seriousViolations } from '../pages/accessibility';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage, TargetSteps } from '../pages/run-page';
import { WizardPage } from '../pages/wizard-page';
import { installerRuns } from '../target/stand-ins.test-support';
import { sshRun } from '../target/target-exec.test-support';
import { expect, test } from './run-fixtures';

test('a new target is added by host, port and key, its first-contact key trusted, an Old PC install runs on it to success, and the box is rebooted and opened in Boxes', async ({
  page,
  backend,
  boxes,
}) => {
  const [box] = await boxes(1);
  if (!box) throw new Error('No test target started.');
  // Slow enough that the log and the sections can be seen moving.
  await box.standIns?.control({ apk: { startDelayMs: 500 } });
  const app = new AppPage(page);
  const targets = new TargetSteps(page);
  const runs = new RunPage(page);
  await app.open(backend.url);

  // The target, and the first contact: the fingerprint shown is the server's.
  await app.goToScreen('Targets');
  await targets.addWithKey('garage', box);
  const ask = await targets.testFirstContact('garage');
  await expect(ask.getByRole('definition')).toHaveText(['ssh-ed25519', box.hostKeyFingerprint]);
  await ask.getByRole('button', { name: 'Trust and test again' }).click();
  await expect(targets.row('garage')).toContainText('Alpine 3.20.3, x86_64, root');

  // The profile, saved from the wizard.
  await app.goToScreen('Wizard');
  const bar = new ProfileBar(page);
  await bar.newFromTemplate('Old PC');
  await bar.save();

  // Review ends in its next step: "Install on a box…" leads to the run with this profile chosen.
  const review = await new WizardPage(page).goToStep('Review');
  await review.getByRole('group', { name: 'What next' }).getByRole('button', { name: 'Install on a box…' }).click();
  await expect(app.screenTab('Runs')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('combobox', { name: 'Profile' }).locator('option:checked')).toHaveText('Old PC');

  // The run: the plan erases /dev/sda, so the disk's name is typed before Start.
  const plan = await runs.start(['garage'], { typeDisks: ['/dev/sda'] });
  expect(plan.at(-1)).toBe('Install Alpine to /dev/sda Erases /dev/sda');

  // Live: the sections and the log move while setup-alpine runs.
  // Early sections last seconds even on a loaded machine; then progress moves on.
  await expect(runs.sectionProgress).toHaveText(/^Section [1-5] of 9: /);
  await expect(runs.log('garage')).toContainText('ALPINE LINUX INSTALL');
  await expect(runs.sectionProgress).toHaveText(/^Section [6-9] of 9: /);
  await expect(runs.log('garage')).toContainText(' APK Mirror');
  await expect(runs.summary).toHaveText('“Old PC” was installed on garage: every step succeeded.', { timeout: 30_000 });
  await expect(runs.fleetRow('garage')).toContainText('Succeeded');
  await expect(runs.steps.getByRole('listitem')).toHaveText([/^Done/, /^Done/, /^Done/, /^Done/, /^Done/, /^Done/, /^Done/]);
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // What the box was asked: the saved profile's answer file with the disk held back, then setup-disk with ERASE_DISKS.
  const saved = await page.evaluate(async () => {
    const cairn = (window as unknown as { cairn: CairnBridge }).cairn;
    const list = (await cairn.profiles.list()) as { value: { profiles: Array<{ id: string }> } };
    const got = (await cairn.profiles.get({ id: list.value.profiles[0]?.id ?? '' })) as { value: { profile: unknown } };
    return got.value.profile;
  });
  const records = (await box.standIns?.records()) ?? [];
  expect(installerRuns(records)).toBe(1);
  // The real setup-alpine applied that profile's answer file to the box.
  expect(readFileSync(path.join(box.root ?? '', 'etc/hostname'), 'utf8')).toBe(`${(saved as Profile).hostname}\n`);
  expect(readFileSync(path.join(box.root ?? '', 'etc/network/interfaces'), 'utf8')).toBe(renderInterfaces((saved as Profile).interfaces));
  expect(records.filter((r) => r.tool === 'setup-disk').at(-1)).toMatchObject({
    argv: ['-m', 'sys', '-L', '-s', '2048', '/dev/sda'],
    env: { ERASE_DISKS: '/dev/sda' },
    exitCode: 0,
  });

  // Every flow ends in its next step: reboot into the installed system, then manage the box.
  // (The chroot has no /proc: the boot id the reboot stand-in changes is put where the box would have it.)
  await sshRun(box, 'mkdir -p /proc/sys/kernel/random && echo 11111111-2222-3333-4444-555555555555 > /proc/sys/kernel/random/boot_id');
  await page.getByRole('group', { name: 'After the install' }).getByRole('button', { name: 'Reboot garage now' }).click();
  // The stand-in reboot is quick: the notice may already say the box is back, which it must end on.
  await expect(app.status).toHaveText('garage is back.', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Open garage in Boxes' }).click();
  await expect(app.screenTab('Boxes')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2, name: 'garage' })).toBeVisible();
  await expect(page.getByText(/^Reachable, read/)).toBeVisible({ timeout: 30_000 });
  // The receipt the install left on the box says where it came from.
  await expect(page.getByText(/^Made from the profile Old PC on /)).toBeVisible();
  expect(((await box.standIns?.records()) ?? []).filter((r) => r.tool === 'reboot')).toHaveLength(1);
});
