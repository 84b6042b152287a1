import { expect, type Locator, type Page } from '@playwright/test';
import type { TestTarget } from '../target';

/** SSH work on the test target answers within seconds; these waits only bound a hang. */
const SLOW = { timeout: 30_000 };

/** The Boxes screen: the grid of boxes and one box's cards. */
export class BoxesPage {
  constructor(readonly page: Page) {}

  /** A box's card in the grid. */
  card(name: string): Locator {
    return this.page.getByRole('article', { name });
  }

  /** A fact of a box's card ("Alpine", "Unsaved (lbu)"), as the value shown beside its label. */
  fact(name: string, label: string): Locator {
    return this.card(name)
      .locator('.fact')
      .filter({ has: this.page.getByRole('term').filter({ hasText: label }) })
      .getByRole('definition');
  }

  async waitUntilRead(name: string): Promise<void> {
    await expect(this.card(name).getByText(/^Reachable, read/)).toBeVisible(SLOW);
  }

  async manage(name: string): Promise<void> {
    await this.card(name)
      .getByRole('button', { name: `Manage ${name}` })
      .click();
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeFocused();
  }

  /** One card of the open box (Services, Packages, Upgrades, Local backup (lbu), Power, Drift from a profile). */
  panel(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  async restartService(service: string): Promise<void> {
    const services = this.panel('Services');
    await expect(services.getByRole('rowheader', { name: service })).toBeVisible(SLOW);
    await services.getByRole('button', { name: `Restart ${service}`, exact: true }).click();
  }

  async installPackage(name: string): Promise<void> {
    const packages = this.panel('Packages');
    const input = packages.getByRole('combobox', { name: 'Install a package' });
    await expect(input).toBeVisible(SLOW);
    await input.fill(name);
    await packages.getByRole('button', { name: 'Install', exact: true }).click();
  }

  /** The row of an installed package that was asked for by name (it has a Remove button). */
  installed(name: string): Locator {
    return this.panel('Packages')
      .getByRole('region', { name: /^Installed packages of / })
      .getByRole('button', { name: `Remove ${name}`, exact: true });
  }

  async commitLbu(message: string): Promise<void> {
    const lbu = this.panel('Local backup (lbu)');
    await lbu.getByRole('textbox', { name: 'What changed' }).fill(message);
    await lbu.getByRole('button', { name: 'Commit with lbu' }).click();
  }
}

/** What the stand-ins on the box were asked since `since` (a record's sequence number), as "tool args". */
export async function boxCalls(box: TestTarget, since = 0): Promise<string[]> {
  return ((await box.standIns?.records()) ?? []).filter((r) => r.seq > since).map((r) => [r.tool, ...r.argv].join(' '));
}

/** The sequence number of the last stand-in call so far. */
export async function lastCall(box: TestTarget): Promise<number> {
  return Math.max(0, ...((await box.standIns?.records()) ?? []).map((r) => r.seq));
}
