import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, not a downloaded browser. Playwright gives every context
// a fresh profile directory of its own.
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e/journeys',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/journeys/global-setup.ts',
  outputDir: 'test-results/journeys',
  // Two cores, shared with everything else the machine runs.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 820 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
