import type { EmitEvent } from './ipc/events';
import type { DialogService } from './ipc/file-handlers';
import type { Services } from './ipc/handlers';
import { createLog, type Log, type LogLevel } from './log';
import type { RunServices } from './runs/run-services';
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
  emit?: EmitEvent;
  /** Where runs are kept and where their events go, built once the log exists; left out, runs are kept under userData and send no events. */
  runs?: (log: Log) => RunServices | Promise<RunServices>;
}

export interface BuiltServices {
  store: Store;
  log: Log;
  services: Services;
}

/**
 * The main process's services over one userData folder: the stores, the log,
 * the secrets and the runs, as createHandlers takes them. One builder, so the
 * cairn command and the tests run exactly what the desktop app runs; only
 * what needs Electron (safeStorage, dialogs) is passed in.
 */
export async function createServices(options: ServicesOptions): Promise<BuiltServices> {
  const paths = storePaths(options.userData);
  const log = createLog({
    file: options.log?.file ?? paths.log,
    ...(options.log?.level === undefined ? {} : { level: options.log.level }),
    ...(options.log?.echo === undefined ? {} : { echo: options.log.echo }),
  });
  // Wifi passphrases of profiles are kept like the targets' passwords: encrypted by the keyring, or for the session only.
  const store = await createStore(options.userData, { profileSecrets: createSecretStore({ file: paths.profileSecrets, safeStorage: options.safeStorage, log }) });
  const runs = options.runs === undefined ? undefined : await options.runs(log);
  const services: Services = {
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
    ...(runs === undefined ? {} : { runs }),
    ...(options.emit === undefined ? {} : { emit: options.emit }),
  };
  return { store, log, services };
}
