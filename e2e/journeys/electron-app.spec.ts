import { _electron as electron, expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { WizardPage } from '../pages/wizard-page';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(REPO, 'dist/electron/main.cjs');
const run = promisify(execFile);

/**
 * The Electron binary the `electron` package would start, or why there is
 * none: it is downloaded at install time, which offline installs skip
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
function electronBinary(): { path: string } | { missing: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (the binary was not downloaded; npm install without ELECTRON_SKIP_BINARY_DOWNLOAD fetches it)` };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test asks for from its first parameter; this one needs none.
test('the desktop app opens on the start page, previews a change in the wizard, and saves the profile in its own userData folder', async ({}, testInfo) => {
  const found = electronBinary();
  if ('missing' in found) {
    const reason = `Skipped the Electron launch: no Electron binary here, because ${found.missing}. The browser journeys cover the same UI against the real handlers.`;
    console.log(reason);
    // testInfo.skip, not test.skip: this is the only skip in the suite, and the reason is printed above.
    testInfo.skip(true, reason);
    return;
  }
  testInfo.setTimeout(120_000);

  // The app as `npm start` builds it: main, preload and CLI bundles, then the renderer beside them.
  await run(process.execPath, ['scripts/build-node.mjs'], { cwd: REPO });
  await run(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO });

  // Linux puts userData under XDG_CONFIG_HOME: a fresh one keeps the tester's own profiles out of it.
  const config = await mkdtemp(join(tmpdir(), 'cairn-electron-config-'));
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const app = await electron.launch({
    executablePath: found.path,
    args: [...(root ? ['--no-sandbox'] : []), MAIN],
    env: { ...process.env, XDG_CONFIG_HOME: config },
  });
  try {
    const window = await app.firstWindow();
    const page = new AppPage(window);
    await page.waitUntilLoaded();
    // A fresh userData is a first launch: the start page, then the wizard.
    await expect(window.getByRole('heading', { name: 'Welcome to Cairn' })).toBeVisible();
    await window.getByRole('button', { name: 'Write a new one…' }).click();
    await window.getByRole('dialog', { name: 'New profile' }).getByRole('button', { name: 'Defaults' }).click();
    const wizard = new WizardPage(window);
    const bar = new ProfileBar(window);

    const step = await wizard.goToStep('Hostname');
    await step.getByRole('textbox', { name: 'Hostname' }).fill('desk-top');
    expect(await wizard.preview()).toContain('HOSTNAMEOPTS=desk-top\n');

    await bar.save();
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    expect(userData.startsWith(config)).toBe(true);
    expect(await readdir(join(userData, 'profiles'))).toHaveLength(1);
  } finally {
    await app.close();
    await rm(config, { recursive: true, force: true });
  }
});
