import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard's steps as the stepper names them, in order. */
export const STEP_TITLES = [
  'Keyboard',
  'Hostname',
  'Network',
  'DNS',
  'Time zone',
  'Proxy',
  'NTP',
  'APK mirror',
  'User & SSH keys',
  'SSH server',
  'Disk',
  'Diskless',
  'Packages & services',
  'Review',
] as const;

export type StepTitle = (typeof STEP_TITLES)[number];

/** The wizard screen: the stepper, the current step's form, Back/Next, and the answer-file preview. */
export class WizardPage {
  constructor(readonly page: Page) {}

  get stepper(): Locator {
    return this.page.getByRole('navigation', { name: 'Setup steps' });
  }

  /** The current step's section, named by its heading. */
  step(title: StepTitle): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** A step's button in the stepper; its name may end in "(has errors)" or "(has warnings)". */
  stepButton(title: StepTitle): Locator {
    return this.stepper.getByRole('button', { name: new RegExp(`^${escape(title)}\\s*(\\(has (errors|warnings)\\))?$`) });
  }

  async goToStep(title: StepTitle): Promise<Locator> {
    await this.stepButton(title).click();
    return this.expectStep(title);
  }

  /** Presses "Next: <title>" and checks that step is shown. */
  async next(): Promise<StepTitle> {
    const button = this.page.getByRole('navigation', { name: 'Step' }).getByRole('button', { name: /^Next: / });
    const label = (await button.textContent()) ?? '';
    const title = label.replace(/^Next: /, '') as StepTitle;
    expect(STEP_TITLES).toContain(title);
    await button.click();
    await this.expectStep(title);
    return title;
  }

  async expectStep(title: StepTitle): Promise<Locator> {
    const section = this.step(title);
    await expect(section).toBeVisible();
    await expect(this.stepButton(title)).toHaveAttribute('aria-current', 'step');
    return section;
  }

  /** The answer file exactly as the preview shows it. */
  async preview(): Promise<string> {
    const text = this.previewText;
    await expect(text).not.toHaveValue('');
    return text.inputValue();
  }

  get previewText(): Locator {
    return this.page.getByRole('textbox', { name: 'Answer file text' });
  }

  /** A searchable list (time zone, keyboard layout): types the search and picks the exact item. */
  async pickFromList(section: Locator, label: string, search: string, item: string): Promise<void> {
    const box = section.getByRole('combobox', { name: label });
    await box.fill(search);
    await section.getByRole('listbox', { name: label }).getByRole('option', { name: item, exact: true }).click();
    await expect(box).toHaveAccessibleDescription(new RegExp(`^Chosen: ${escape(item)}\\.`));
  }

  /** Adds a package by name on the Packages & services step. */
  async addPackage(section: Locator, name: string): Promise<void> {
    await section.getByRole('combobox', { name: 'Add a package' }).fill(name);
    await section.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(section.getByRole('list', { name: 'Packages to install' }).getByText(name, { exact: true })).toBeVisible();
  }

  /** The interface card named "Interface <name>". */
  interfaceCard(name: string): Locator {
    return this.page.getByRole('group', { name: `Interface ${name}`, exact: true });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
