import { expect, type Locator, type Page } from '@playwright/test';

export type ScreenName = 'Start' | 'Wizard' | 'Targets' | 'Runs' | 'Boxes';
export const SCREEN_NAMES: readonly ScreenName[] = ['Start', 'Wizard', 'Targets', 'Runs', 'Boxes'];

/** The app shell: loading it, the screen tabs and the status line. */
export class AppPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the app at `url` and waits for its readiness sentinel (form, checks and preview on screen).
   * Journeys start where a returning user does, on the wizard; `firstRun` opens it as on its first launch.
   */
  async open(url: string, { firstRun = false }: { firstRun?: boolean } = {}): Promise<void> {
    if (!firstRun) await this.page.addInitScript(() => window.localStorage.setItem('cairn.startPageShown', '1'));
    await this.page.goto(`${url}/`);
    await this.waitUntilLoaded();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.page.locator('body')).toHaveAttribute('data-app-state', 'loaded');
  }

  screenTab(name: ScreenName): Locator {
    return this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true });
  }

  async goToScreen(name: ScreenName): Promise<void> {
    await this.screenTab(name).click();
    await expect(this.screenTab(name)).toHaveAttribute('aria-current', 'page');
  }

  /** The polite status line where the app announces what it did. */
  get status(): Locator {
    return this.page.getByRole('banner').getByRole('status');
  }
}
