import { expect, type Locator, type Page } from '@playwright/test';

/** "Import answer file…": paste or pick a file, Import, then the report of what import noticed. */
export class ImportDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import an answer file' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import answer file…', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Pastes `text` into the dialog's text box, as a person pasting from the clipboard would. */
  async paste(text: string): Promise<void> {
    const box = this.dialog.getByRole('textbox', { name: /^Pasted answer file/ });
    await box.focus();
    // insertText delivers the text in one input event, line endings included, like a paste.
    await this.page.keyboard.insertText(text);
    await expect(box).toHaveValue(text.replace(/\r\n?/g, '\n'));
  }

  async importIt(): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(this.dialog).toBeHidden();
    return this.report;
  }

  /** The report shown above the wizard after an import. */
  get report(): Locator {
    return this.page.getByRole('region', { name: /^Imported from / });
  }

  /** The report's entry for one line of the file. */
  line(line: number): Locator {
    return this.report.getByRole('listitem').filter({ has: this.page.getByText(`Line ${line}`, { exact: true }) });
  }
}
