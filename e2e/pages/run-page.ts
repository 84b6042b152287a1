import { expect, type Locator, type Page } from '@playwright/test';
import type { TestTarget } from '../target';

/** The Runs screen: starting a run, the fleet table, one run's page (summary, progress, steps, findings, log), and the list of runs. */
export class RunPage {
  constructor(readonly page: Page) {}

  targetChoice(name: string): Locator {
    return this.page.getByRole('checkbox', { name: new RegExp(`^${escape(name)} `) });
  }

  /** Chooses the targets, reviews the plan, types each erased disk when asked, and starts. Returns the confirmation dialog's plan lines. */
  async start(targets: readonly string[], options: { typeDisks?: readonly string[] } = {}): Promise<string[]> {
    for (const name of targets) await this.targetChoice(name).check();
    await this.page.getByRole('button', { name: 'Review and start…' }).click();
    const erasing = (options.typeDisks ?? []).length > 0;
    const dialog = erasing ? this.page.getByRole('alertdialog') : this.page.getByRole('dialog', { name: 'Start the install?' });
    await expect(dialog).toBeVisible();
    const steps = await dialog.getByRole('list', { name: 'Planned steps' }).getByRole('listitem').allTextContents();
    const start = dialog.getByRole('button', { name: erasing ? 'Erase and start' : 'Start', exact: true });
    for (const disk of options.typeDisks ?? []) {
      await expect(start).toBeDisabled();
      await dialog.getByRole('textbox', { name: `Type ${disk} to confirm erasing it` }).fill(disk);
    }
    await start.click();
    await expect(dialog).toBeHidden();
    return steps;
  }

  /** The sentence on how the shown run stands or ended. */
  get summary(): Locator {
    return this.page.getByTestId('run-summary');
  }

  /** "Section 4 of 9: Timezone" while setup-alpine runs. */
  get sectionProgress(): Locator {
    return this.page.getByTestId('section-progress');
  }

  log(target: string): Locator {
    return this.page.getByRole('log', { name: `Output of ${target}` });
  }

  get steps(): Locator {
    return this.page.getByRole('list', { name: 'Steps' });
  }

  get findings(): Locator {
    return this.page.getByRole('list', { name: 'Findings' });
  }

  get fleet(): Locator {
    return this.page.getByRole('table', { name: 'Targets of this run' });
  }

  /** "4 succeeded, 1 failed" */
  get fleetCounts(): Locator {
    return this.page.getByTestId('fleet-counts');
  }

  fleetRow(target: string): Locator {
    return this.fleet.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: target, exact: true }) });
  }

  async show(target: string): Promise<void> {
    await this.fleetRow(target)
      .getByRole('button', { name: `Show the run on ${target}` })
      .click();
    await expect(this.log(target)).toBeVisible();
  }

  get retryFailed(): Locator {
    return this.page.getByRole('button', { name: 'Retry failed' });
  }
}

/** The Targets screen steps of a first contact: add a target that logs in with a key file, test it, compare and trust the key. */
export class TargetSteps {
  constructor(readonly page: Page) {}

  async addWithKey(name: string, box: TestTarget): Promise<void> {
    await this.page.getByRole('button', { name: 'Add target…' }).click();
    const form = this.page.getByRole('dialog', { name: 'Add a target' });
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('textbox', { name: 'Host', exact: true }).fill(box.host);
    await form.getByRole('textbox', { name: 'Port' }).fill(String(box.port));
    await form.getByRole('textbox', { name: 'User' }).fill(box.user);
    await form.getByRole('radio', { name: 'Key file' }).check();
    await form.getByRole('textbox', { name: 'Private key file' }).fill(box.privateKeyPath);
    await form.getByRole('button', { name: 'Save target' }).click();
    await expect(form).toBeHidden();
  }

  /** Tests the connection and returns the trust dialog the first contact opens. */
  async testFirstContact(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Test connection to ${name}` }).click();
    const ask = this.page.getByRole('dialog', { name: 'Trust this host key?' });
    await expect(ask).toBeVisible();
    return ask;
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
