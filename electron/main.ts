import { app, BrowserWindow, Menu, Notification, protocol, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { bundledCliPath, cliArguments, runBundledCli } from './cli-launch';
import { setupDesktop } from './desktop/setup-desktop';
import { guardWebContents } from './external-links';
import type { Log } from './log';
import { menuTemplate } from './menu';
import { setupIpc } from './setup-ipc';
import { loadWindowState, saveWindowState, type WindowState } from './window-state';
import { windowOptions } from './window-options';

function createWindow(state: WindowState, stateFile: string): BrowserWindow {
  const { maximized, ...bounds } = state;
  const win = new BrowserWindow({ ...windowOptions(join(__dirname, 'preload.cjs')), ...bounds });
  if (maximized) win.maximize();
  win.on('close', () => {
    void saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Every web contents (the window, and any a future feature makes) refuses navigation and new windows. */
function guardAllWebContents(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { openExternal: (url) => shell.openExternal(url), log });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function startDesktop(): void {
  // Single instance: a second launch focuses the first window instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before ready, as Electron requires: the page's origin is app://cairn (app-protocol.ts).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  let mainWindow: BrowserWindow | null = null;

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    // Handlers exist before the page can call them; safeStorage needs the app ready.
    const { emit, onRunActivity, log } = await setupIpc(() => mainWindow);
    guardAllWebContents(log);
    const rendererDir = join(__dirname, '../renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request, log));
    setupDesktop({ onRunActivity, Notification, getWindow: () => mainWindow });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate((command) => emit('menu.command', { command }), process.platform)));
    const stateFile = join(app.getPath('userData'), 'window-state.json');
    const state = await loadWindowState(
      stateFile,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const win = createWindow(state, stateFile);
    mainWindow = win;
    app.on('second-instance', () => {
      if (win.isMinimized()) win.restore();
      win.focus();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/**
 * `Cairn --cli ARGS` (build/cairn-cli.sh, .cmd): the cairn command in this
 * process, with no window, menu, dock icon or single-instance lock, so it
 * runs beside an open app. See cli-launch.ts for why not ELECTRON_RUN_AS_NODE.
 */
function startCli(args: string[]): void {
  app.dock?.hide();
  runBundledCli(bundledCliPath(__dirname), args).then(
    (code) => app.exit(code),
    (error: unknown) => {
      process.stderr.write(`cairn: the command could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    },
  );
}

const cli = cliArguments(process.argv, process.defaultApp === true);
if (cli === null) startDesktop();
else startCli(cli);
