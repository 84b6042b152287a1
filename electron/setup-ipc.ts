import { app, dialog, ipcMain, safeStorage, type BrowserWindow } from 'electron';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { isAppPage } from './app-protocol';
import { createEventSender, createHandlers, registerIpc } from './ipc';
import { createLog } from './log';
import { createRunServices } from './runs/run-services';
import { createSecretStore } from './secrets';
import { createStore, storePaths } from './store';

/** Builds the services and the one handler table, and registers it before the page loads. */
export async function setupIpc(getWindow: () => BrowserWindow | null) {
  const userData = app.getPath('userData');
  const paths = storePaths(userData);
  const log = createLog({ file: paths.log, ...(app.isPackaged ? {} : { echo: (l: string) => console.error(l) }) });
  // Wifi passphrases of profiles are kept like the targets' passwords: encrypted by the keyring, or for the session only.
  const store = await createStore(userData, { profileSecrets: createSecretStore({ file: paths.profileSecrets, safeStorage, log }) });
  const withWindow = <T>(fn: (w?: BrowserWindow) => T) => fn(getWindow() ?? undefined);
  const emit = createEventSender((event, payload) => getWindow()?.webContents.send(event, payload), log);
  // Also marks the runs a previous Cairn left running as interrupted.
  const runs = await createRunServices({ userData, emit, log });
  const table = createHandlers({
    profiles: store.profiles,
    targets: store.targets,
    knownHosts: store.knownHosts,
    secrets: createSecretStore({ file: store.paths.secrets, safeStorage, log }),
    dialogs: {
      showSaveDialog: (o) => withWindow((w) => (w ? dialog.showSaveDialog(w, o) : dialog.showSaveDialog(o))),
      showOpenDialog: (o) => withWindow((w) => (w ? dialog.showOpenDialog(w, o) : dialog.showOpenDialog(o))),
    },
    sshConfig: { path: join(homedir(), '.ssh', 'config'), homeDir: homedir(), localUser: userInfo().username },
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      arch: process.arch,
      versions: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null, node: process.versions.node },
      userDataDir: userData,
      logFile: log.file,
    }),
    log,
    runs: runs.services,
    emit,
  });
  registerIpc(ipcMain, table, isAppPage, log);
  return { store, log, table, emit, onRunActivity: runs.onActivity };
}
