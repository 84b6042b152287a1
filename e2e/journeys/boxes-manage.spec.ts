import type { Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from '../pages/app-page';
import { BoxesPage, boxCalls, lastCall } from '../pages/boxes-page';
import { startOpenSshTarget, type TestTarget } from '../target';
import { sshRun } from '../target/target-exec.test-support';
import { expect, test as base } from './fixtures';

// Journey 8: a box added in Targets is managed from Boxes. The box is the
// Alpine chroot behind a real sshd; its stand-ins record what it was asked.

const test = base.extend<{ box: TestTarget }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter.
  box: async ({}, use) => {
    const box = await startOpenSshTarget();
    // Installed diskless with its configuration saved to usb, as Cairn's diskless template leaves a box.
    const lbu = await sshRun(box, 'setup-lbu usb && lbu commit');
    if (lbu.code !== 0) throw new Error(`Preparing lbu on the test box failed: ${lbu.stderr}`);
    await use(box);
    await box.stop();
  },
});

const SLOW = { timeout: 30_000 };

/** Adds the box in Targets as a person does, tests the connection and trusts the fingerprint it shows. */
async function addInTargets(page: Page, app: AppPage, box: TestTarget, name: string): Promise<void> {
  await app.goToScreen('Targets');
  await page.getByRole('button', { name: 'Add target…' }).click();
  const form = page.getByRole('dialog', { name: 'Add a target' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Host', exact: true }).fill(box.host);
  await form.getByRole('textbox', { name: 'Port' }).fill(String(box.port));
  await form.getByRole('textbox', { name: 'User' }).fill(box.user);
  await form.getByRole('radio', { name: 'Key file' }).check();
  await form.getByRole('textbox', { name: 'Private key file' }).fill(box.privateKeyPath);
  await form.getByRole('button', { name: 'Save target' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('button', { name: `Test connection to ${name}` }).click();
  const ask = page.getByRole('dialog', { name: 'Trust this host key?' });
  await expect(ask.getByText(box.hostKeyFingerprint)).toBeVisible(SLOW);
  await ask.getByRole('button', { name: 'Trust and test again' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByText(/^Alpine 3\.20\.3, x86_64, root/)).toBeVisible(SLOW);
}

/** The log of the box action whose summary says it was `kind`, from the runs folder on disk. */
async function runLogOf(runsDir: string, kind: string): Promise<{ title: string; status: string; log: string }> {
  for (const runId of await readdir(runsDir)) {
    const summary = JSON.parse(await readFile(join(runsDir, runId, 'summary.json'), 'utf8')) as { kind?: string; status: string; action?: { kind: string; title: string } };
    if (summary.kind === 'box-action' && summary.action?.kind === kind) {
      return { title: summary.action.title, status: summary.status, log: await readFile(join(runsDir, runId, 'output.log'), 'utf8') };
    }
  }
  throw new Error(`No ${kind} run in ${runsDir}.`);
}

test('a box added in Targets shows its facts in Boxes; a service restart, a package and an lbu commit reach the box and the commit message is kept in the run log', async ({
  page,
  backend,
  box,
}) => {
  const app = new AppPage(page);
  const boxes = new BoxesPage(page);
  await app.open(backend.url);
  await addInTargets(page, app, box, 'garage-pi');

  await app.goToScreen('Boxes');
  await boxes.waitUntilRead('garage-pi');
  await expect(boxes.fact('garage-pi', 'Alpine')).toHaveText('3.20.3');
  await expect(boxes.fact('garage-pi', 'Unsaved (lbu)')).toHaveText('None');
  await expect(boxes.fact('garage-pi', 'Kernel')).toContainText('(x86_64)');

  await boxes.manage('garage-pi');
  const before = await lastCall(box);
  await boxes.restartService('crond');
  await expect(app.status).toHaveText('Restarted crond on garage-pi.', SLOW);
  expect((await boxCalls(box, before)).filter((c) => c.startsWith('rc-service'))).toEqual(['rc-service crond restart']);

  const beforeAdd = await lastCall(box);
  await boxes.installPackage('htop');
  await expect(boxes.panel('Packages').getByRole('log', { name: 'Output of the last install on garage-pi' })).toContainText('Installing htop', SLOW);
  await page.getByRole('searchbox', { name: 'Find an installed package' }).fill('htop');
  await expect(boxes.installed('htop')).toBeVisible(SLOW);
  expect((await boxCalls(box, beforeAdd)).filter((c) => c.startsWith('apk add'))).toEqual(['apk add --no-progress htop']);

  // Installing changed /etc/apk/world: on a diskless box that is lost at reboot until lbu commits it.
  const lbu = boxes.panel('Local backup (lbu)');
  await lbu.getByRole('button', { name: 'Reload the lbu status' }).click();
  await expect(lbu.getByRole('list', { name: 'Changes not committed on garage-pi' })).toContainText('/etc/apk/world changed', SLOW);
  const beforeCommit = await lastCall(box);
  await boxes.commitLbu('Installed htop to look at the load');
  await expect(lbu.getByText(/^Saved at .*: “Installed htop to look at the load”\.$/)).toBeVisible(SLOW);
  await expect(lbu.getByText(/^Nothing to commit/)).toBeVisible(SLOW);
  expect((await boxCalls(box, beforeCommit)).filter((c) => c.startsWith('lbu commit'))).toEqual(['lbu commit']);

  const commit = await runLogOf(backend.paths.runs, 'lbu-commit');
  expect(commit).toMatchObject({ status: 'succeeded', title: 'Save the configuration (lbu commit): Installed htop to look at the load' });
  expect(commit.log).toContain('lbu commit: Installed htop to look at the load\n');
  expect((await runLogOf(backend.paths.runs, 'service-action')).status).toBe('succeeded');
});
