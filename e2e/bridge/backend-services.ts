import { join } from 'node:path';
import { createHandlers, type EmitEvent, type HandlerTable, type Services } from '../../electron/ipc';
import type { DialogService } from '../../electron/ipc/file-handlers';
import { createRunServices } from '../../electron/runs/run-services';
import type { Log } from '../../electron/log';
import { createServices } from '../../electron/services';
import { fakeSafeStorage } from '../../electron/services.test-support';
import type { Store } from '../../electron/store';

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
  const { store, log, services } = await createServices({
    userData,
    safeStorage: fakeSafeStorage(),
    dialogs,
    // Never the tester's own ~/.ssh/config: a journey that imports one writes it here.
    sshConfig: { path: join(userData, 'ssh-config'), homeDir: userData, localUser: 'journey' },
    app: { name: 'Cairn', version: '0.0.0-journey' },
    log: { level: 'debug' },
    emit,
    // The real runner, its files in this userData directory, its events to the page.
    runs: async (log) => (await createRunServices({ userData, emit, log })).services,
  });
  return { store, log, services, table: createHandlers(services) };
}
