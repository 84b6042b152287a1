import type { EventName } from '../shared/api/names';
import { createEventSender, type EmitEvent } from './ipc/events';
import type { DialogService } from './ipc/file-handlers';
import { createHandlers, type Services } from './ipc/handlers';
import type { HandlerTable } from './ipc/types';
import { createLog, type Log, type LogLevel } from './log';
import { createRunServices, type RunActivityListener } from './runs/run-services';
import { createSecretStore, type SafeStorageLike } from './secrets/secrets';
import { createStore, storePaths, type Store } from './store';
import type { SshConfigSource } from './store/ssh-config-import';

export interface ServicesOptions {
  /** Where Cairn keeps its data: Electron's userData in the app, `--data` for the cairn command, a temp folder in tests. */
  userData: string;
  /** Electron's safeStorage in the app; elsewhere a stand-in (one that offers no encryption keeps secrets for the session only). */
  safeStorage: SafeStorageLike;
  dialogs: DialogService;
  sshConfig: SshConfigSource;
  /** What app:info reports about the program itself. */
  app: { name: string; version: string; electron?: string | null; chrome?: string | null };
  /** The log file (default `userData/logs/main.log`), its level and an echo of each line. */
  log?: { file?: string; level?: LogLevel; echo?: (line: string) => void };
  /**
   * Delivers an event to the window: webContents.send in the app, the event
   * stream in the journeys, listeners in the cairn command. Each event is
   * checked against the contract first; left out, events go nowhere.
   */
  send?: (event: EventName, payload: unknown) => void;
  /**
   * True for the one Cairn that owns the runs in userData (the desktop app,
   * and the journeys' backend standing in for it): run events go to the
   * window too, and runs a previous Cairn left "running" are marked
   * interrupted at start. The cairn command and tests leave it out, since the
   * app may be running those runs right now.
   */
  ownsRuns?: boolean;
  /** Services put in place of the built ones: the cairn command's targets and profiles given on the command line, a test's stand-ins. */
  override?: (built: Services) => Partial<Services>;
}

export interface BuiltServices {
  store: Store;
  log: Log;
  /** Sends a typed event through `send`, once checked against the contract. */
  emit: EmitEvent;
  services: Services;
  /** The one handler table over these services: what ipcMain, the journeys' bridge and the cairn command dispatch to. */
  table: HandlerTable;
  /** Listens to every run event and fleet change (notifications, taskbar, the cairn command's progress); returns the function that stops listening. */
  onRunActivity(listener: RunActivityListener): () => void;
}

/**
 * The main process's services and handler table over one userData folder:
 * the stores, the log, the secrets and the runs. The one place they are put
 * together, so the desktop app, the cairn command, the journeys and the
 * tests run the same thing; only what needs Electron (safeStorage, dialogs,
 * the window) is passed in.
 */
export async function createServices(options: ServicesOptions): Promise<BuiltServices> {
  const paths = storePaths(options.userData);
  const log = createLog({
    file: options.log?.file ?? paths.log,
    ...(options.log?.level === undefined ? {} : { level: options.log.level }),
    ...(options.log?.echo === undefined ? {} : { echo: options.log.echo }),
  });
  const send = options.send;
  const emit = createEventSender(send ?? (() => undefined), log);
  // Wifi passphrases of profiles are kept like the targets' passwords: encrypted by the keyring, or for the session only.
  const store = await createStore(options.userData, { profileSecrets: createSecretStore({ file: paths.profileSecrets, safeStorage: options.safeStorage, log }) });
  const owner = options.ownsRuns === true;
  const runs = await createRunServices({
    userData: options.userData,
    // Only the owner's window shows runs as they happen; the cairn command follows them through onRunActivity.
    emit: owner ? emit : () => undefined,
    log,
    markInterrupted: owner,
  });
  const built: Services = {
    profiles: store.profiles,
    targets: store.targets,
    knownHosts: store.knownHosts,
    secrets: createSecretStore({ file: store.paths.secrets, safeStorage: options.safeStorage, log }),
    dialogs: options.dialogs,
    sshConfig: options.sshConfig,
    appInfo: () => ({
      name: options.app.name,
      version: options.app.version,
      platform: process.platform,
      arch: process.arch,
      versions: { electron: options.app.electron ?? null, chrome: options.app.chrome ?? null, node: process.versions.node },
      userDataDir: options.userData,
      logFile: log.file,
    }),
    log,
    runs: runs.services,
    ...(send === undefined ? {} : { emit }),
  };
  const services: Services = { ...built, ...options.override?.(built) };
  return { store, log, emit, services, table: createHandlers(services), onRunActivity: runs.onActivity };
}
