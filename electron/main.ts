import { app, BrowserWindow, Menu, Notification, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { setupDesktop } from './desktop/setup-desktop';
import { menuTemplate } from './menu';
import { setupIpc } from './setup-ipc';
import { loadWindowState, saveWindowState, type WindowState } from './window-state';
import { CONTENT_SECURITY_POLICY, windowOptions } from './window-options';

// Single instance: a second launch focuses the first window instead.
if (!app.requestSingleInstanceLock()) app.quit();

function createWindow(state: WindowState, stateFile: string): BrowserWindow {
  const { maximized, ...bounds } = state;
  const win = new BrowserWindow({ ...windowOptions(join(__dirname, 'preload.cjs')), ...bounds });
  if (maximized) win.maximize();
  win.on('close', () => {
    void saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

let mainWindow: BrowserWindow | null = null;

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Handlers exist before the page can call them; safeStorage needs the app ready.
  const { emit, onRunActivity } = await setupIpc(() => mainWindow);
  setupDesktop({ onRunActivity, Notification, getWindow: () => mainWindow });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate((command) => emit('menu.command', { command }), process.platform)));
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = await loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
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
