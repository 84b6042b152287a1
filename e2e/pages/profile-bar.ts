import { expect, type Locator, type Page } from '@playwright/test';

/** The bar above the wizard: the profile's name, its save state, New, Open, Save and Import. */
export class ProfileBar {
  constructor(readonly page: Page) {}

  get name(): Locator {
    return this.page.getByRole('textbox', { name: 'Profile name' });
  }

  /** "Saved", "Unsaved changes" or "Not saved yet" (a live region without a role of its own). */
  get saveState(): Locator {
    return this.page.locator('.profile-bar .save-state');
  }

  button(name: 'New…' | 'Open…' | 'Save' | 'Import answer file…'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** New… then a template (or "Defaults"); confirms discarding unsaved changes when asked. */
  async newFromTemplate(title: string): Promise<void> {
    await this.button('New…').click();
    const dialog = this.page.getByRole('dialog', { name: 'New profile' });
    await dialog.getByRole('button', { name: title, exact: true }).click();
    await expect(dialog).toBeHidden();
    await this.discardIfAsked();
  }

  async save(): Promise<void> {
    await this.button('Save').click();
    await expect(this.saveState).toHaveText('Saved');
  }

  /** Opens the Open dialog and returns it. */
  async openDialog(): Promise<Locator> {
    await this.button('Open…').click();
    const dialog = this.page.getByRole('dialog', { name: 'Open a profile' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('Loading…')).toBeHidden();
    return dialog;
  }

  /** The names listed in the Open dialog, read from their "Open <name>" buttons. */
  async savedNames(dialog: Locator): Promise<string[]> {
    const labels = await dialog.getByRole('button', { name: /^Open / }).allTextContents();
    return labels.map((label) => label.replace(/^Open /, ''));
  }

  async openProfile(name: string): Promise<void> {
    const dialog = await this.openDialog();
    await dialog.getByRole('button', { name: `Open ${name}`, exact: true }).click();
    await expect(dialog).toBeHidden();
    await this.discardIfAsked();
    await expect(this.name).toHaveValue(name);
  }

  // The app closes the dialog and asks (or not) in the same render, so once
  // the dialog is gone the question is either on screen or never coming.
  private async discardIfAsked(): Promise<void> {
    const ask = this.page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    if (await ask.isVisible()) await ask.getByRole('button', { name: 'Discard changes' }).click();
  }
}
