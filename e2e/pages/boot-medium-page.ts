import { expect, type Locator, type Page } from '@playwright/test';

export type MediumLabel =
  'Raspberry Pi SD card' | 'USB stick with Alpine (setup-bootable)' | 'Second small USB stick (next to the ISO)' | 'Virtual machine (a folder as a second disk)';

/** Headless first contact on the Targets screen: the boot medium dialog, what it wrote, and the search for the box on the network. */
export class BootMediumPage {
  constructor(readonly page: Page) {}

  /** The form, before anything is written. */
  get form(): Locator {
    return this.page.getByRole('dialog', { name: 'Prepare a boot medium' });
  }

  /** The same dialog once the medium is written. */
  get result(): Locator {
    return this.page.getByRole('dialog', { name: 'Boot medium written' });
  }

  get finder(): Locator {
    return this.page.getByRole('dialog', { name: 'Find on network' });
  }

  /** The box's host key fingerprint as the result shows it. */
  get fingerprint(): Locator {
    return this.result.getByTestId('prepared-fingerprint');
  }

  field(label: 'Medium folder' | 'Log in as' | 'Port' | 'Key file Cairn logs in with (optional)'): Locator {
    return this.form.getByRole('textbox', { name: label, exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Prepare a boot medium…' }).click();
    await expect(this.form).toBeVisible();
  }

  /**
   * Chooses the medium and the folder (with Browse…: the journey has set the
   * open dialog's answer), then the login. The folder is looked at as soon as
   * it is chosen; waits until that answer is on screen.
   */
  async fill(o: { medium: MediumLabel; user: string; port: number; keyPath: string }): Promise<void> {
    await this.form.getByRole('radio', { name: o.medium }).check();
    await this.form.getByRole('button', { name: 'Browse…' }).click();
    await expect(this.field('Medium folder')).not.toHaveValue('');
    await this.field('Log in as').fill(o.user);
    await this.field('Port').fill(String(o.port));
    await this.field('Key file Cairn logs in with (optional)').fill(o.keyPath);
  }

  async write(): Promise<void> {
    await this.form.getByRole('button', { name: 'Write boot medium' }).click();
    await expect(this.result).toBeVisible();
  }

  /** Searches the network and port; returns the "Found … at …" lines. */
  async find(subnet: string, port: number): Promise<Locator> {
    await this.finder.getByRole('combobox', { name: 'Network' }).fill(subnet);
    await this.finder.getByRole('textbox', { name: 'Port' }).fill(String(port));
    await this.finder.getByRole('button', { name: 'Find', exact: true }).click();
    const found = this.finder.getByRole('list', { name: 'Boxes found' });
    // A /28 of loopback answers at once, but a loaded machine may need the per-address timeout.
    await expect(found).toBeVisible({ timeout: 30_000 });
    return found.getByRole('listitem');
  }
}
