import { app, dialog, ipcMain, safeStorage, type BrowserWindow } from 'electron';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { isAppPage } from './app-protocol';
import { registerIpc } from './ipc';
import { createServices } from './services';

/** Builds the services and the one handler table, and registers it before the page loads. */
export async function setupIpc(getWindow: () => BrowserWindow | null) {
  const withWindow = <T>(fn: (w?: BrowserWindow) => T) => fn(getWindow() ?? undefined);
  const built = await createServices({
    userData: app.getPath('userData'),
    safeStorage,
    dialogs: {
      showSaveDialog: (o) => withWindow((w) => (w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o))),
      showOpenDialog: (o) => withWindow((w) => (w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o))),
    },
    sshConfig: { path: join(homedir(), '.ssh', 'config'), homeDir: homedir(), localUser: userInfo().username },
    app: { name: app.getName(), version: app.getVersion(), electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    ...(app.isPackaged ? {} : { log: { echo: (line: string) => console.error(line) } }),
    send: (event, payload) => getWindow()?.webContents.send(event, payload),
    // Also marks the runs a previous Cairn left running as interrupted.
    ownsRuns: true,
  });
  registerIpc(ipcMain, built.table, isAppPage, built.log);
  return built;
}
