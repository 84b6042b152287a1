import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from '../pages/app-page';
import { ImportDialog } from '../pages/import-dialog';
import { ProfileBar } from '../pages/profile-bar';
import { WizardPage } from '../pages/wizard-page';
import { HAND_WRITTEN, WINDOWS_SAVED, ZONE_LINE } from './answer-files';
import { expect, test } from './fixtures';

test('a pasted answer file with a split time zone leads to the field, is fixed in the form, and exports exactly the preview', async ({
  page,
  backend,
  files,
}) => {
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

test('an answer file saved on Windows and opened from disk is read with its line endings noted, and the profile is named after the file', async ({
  page,
  backend,
  files,
}) => {
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
