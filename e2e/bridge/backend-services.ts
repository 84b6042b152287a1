import { join } from 'node:path';
import { createHandlers, type EmitEvent, type HandlerTable, type Services } from '../../electron/ipc';
import type { DialogService } from '../../electron/ipc/file-handlers';
import { createRunServices } from '../../electron/runs/run-services';
import { createLog, type Log } from '../../electron/log';
import { createSecretStore } from '../../electron/secrets/secrets';
import { fakeSafeStorage } from '../../electron/services.test-support';
import { createStore, type Store } from '../../electron/store';

export interface BackendServices {
  store: Store;
  log: Log;
  services: Services;
  table: HandlerTable;
}

/**
 * The main process's services as electron/setup-ipc.ts builds them, over a
 * userData directory the journey owns: the real stores, log, secrets and
 * handler table. Only safeStorage (Electron's keychain access) and the
 * native dialogs are stand-ins, because neither exists outside Electron.
 */
export async function createBackendServices(userData: string, dialogs: DialogService, emit: EmitEvent = () => undefined): Promise<BackendServices> {
  const store = await createStore(userData);
  const log = createLog({ file: store.paths.log, level: 'debug' });
  // The real runner, its files in this userData directory, its events to the page.
  const runs = await createRunServices({ userData, emit, log });
  const services: Services = {
    profiles: store.profiles,
    targets: store.targets,
    knownHosts: store.knownHosts,
    secrets: createSecretStore({ file: store.paths.secrets, safeStorage: fakeSafeStorage(), log }),
    dialogs,
    // Never the tester's own ~/.ssh/config: a journey that imports one writes it here.
    sshConfig: { path: join(userData, 'ssh-config'), homeDir: userData, localUser: 'journey' },
    appInfo: () => ({
      name: 'Cairn',
      version: '0.0.0-journey',
      platform: process.platform,
      arch: process.arch,
      versions: { electron: null, chrome: null, node: process.versions.node },
      userDataDir: userData,
      logFile: log.file,
    }),
    log,
    runs: runs.services,
    emit,
  };
  return { store, log, services, table: createHandlers(services) };
}
