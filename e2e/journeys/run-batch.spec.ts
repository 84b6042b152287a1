import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage } from '../pages/run-page';
import { expect, seedTarget, test } from './run-fixtures';

test('a batch is typed and pasted into its table by keyboard, refused by row and column, fixed, and installs each box with its own hostname', async ({ page, backend, boxes }) => {
  const [one, two] = await boxes(2);
  if (!one || !two) throw new Error('No test targets started.');
  const app = new AppPage(page);
  const runs = new RunPage(page);
  await app.open(backend.url);
  await seedTarget(page, one, 'b1');
  await seedTarget(page, two, 'b2');
  const bar = new ProfileBar(page);
  await bar.newFromTemplate('Diskless IoT board');
  await bar.save();

  await app.goToScreen('Runs');
  await page.getByRole('button', { name: 'Install a batch…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Install a batch' });
  const cell = (row: number, column: string) => dialog.getByRole('textbox', { name: `Row ${row} ${column}`, exact: true });

  // Typed: the first box, moving along the row with Tab.
  await cell(2, 'Target').fill('b1');
  await page.keyboard.press('Tab');
  await expect(cell(2, 'Hostname')).toBeFocused();
  await page.keyboard.type('pi-one');

  // Pasted from a spreadsheet into the next row: its cells land along the columns.
  await dialog.getByRole('button', { name: 'Add a row' }).click();
  await cell(3, 'Target').focus();
  await cell(3, 'Target').evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'b2\tpi-one\t10.0.0.7/24\r\n');
  await expect(cell(3, 'Target')).toHaveValue('b2');
  await expect(cell(3, 'IPv4 address')).toHaveValue('10.0.0.7/24');
  await page.keyboard.press('ArrowUp');
  await expect(cell(2, 'Target')).toBeFocused();

  // Checked as a whole: the same hostname twice is named by its row and column, by its cell.
  await dialog.getByRole('button', { name: 'Check the batch' }).click();
  await expect(dialog.getByRole('list', { name: 'Problems of the batch' })).toContainText('Row 3, Hostname: Row 2 has the same hostname (pi-one); each box needs its own.');
  await expect(cell(3, 'Hostname')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
  await cell(3, 'Hostname').fill('pi-two');
  await dialog.getByRole('button', { name: 'Check the batch' }).click();
  await expect(dialog.getByRole('list', { name: 'Boxes of the batch' }).getByRole('listitem')).toHaveText(['b1 pi-one ', 'b2 pi-two 10.0.0.7/24']);
  await dialog.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(runs.fleetRow('b1')).toContainText('Succeeded', { timeout: 60_000 });
  await expect(runs.fleetRow('b2')).toContainText('Succeeded', { timeout: 60_000 });
  expect(readFileSync(path.join(one.root ?? '', 'etc/hostname'), 'utf8')).toBe('pi-one\n');
  expect(readFileSync(path.join(two.root ?? '', 'etc/hostname'), 'utf8')).toBe('pi-two\n');
  expect(readFileSync(path.join(two.root ?? '', 'etc/network/interfaces'), 'utf8')).toContain('address 10.0.0.7');
});
