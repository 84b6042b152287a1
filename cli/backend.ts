import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RequestOf, ResultOf } from '../shared/api/channels';
import type { ChannelName, EventName } from '../shared/api/names';
import { ok } from '../shared/api/result';
import type { SecretKind } from '../shared/api/secrets';
import type { Target } from '../shared/api/targets';
import type { Profile } from '../shared/profile';
import { dispatch } from '../electron/ipc/dispatch';
import type { DialogService } from '../electron/ipc/file-handlers';
import type { RunActivity } from '../electron/runs/fleet-registry';
import type { SafeStorageLike } from '../electron/secrets/secrets';
import { createServices } from '../electron/services';
import type { ProfileStore, TargetStore } from '../electron/store';

/**
 * Electron's safeStorage exists only inside the app. Without it Cairn does
 * what it does on a computer with no keyring: secrets live in memory for this
 * session (one command) and are never written; the app's encrypted ones stay
 * unread.
 */
const NO_KEYRING: SafeStorageLike = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('The cairn command has no keyring to encrypt with.');
  },
  decryptString: () => {
    throw new Error('The cairn command has no keyring to decrypt with.');
  },
};

/** No window, no file dialogs: the commands take paths on the command line. */
const NO_DIALOGS: DialogService = {
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};

export interface BackendOptions {
  dataDir: string;
  /** The person's home: ~/.ssh/known_hosts and ~/.ssh/config, and `~/` in saved key paths. */
  homeDir: string;
  localUser: string;
  version: string;
}

export interface Backend {
  readonly dataDir: string;
  readonly runsDir: string;
  readonly knownHostsPath: string;
  readonly logFile: string;
  /** One request through the app's own handler table: the request checked against the contract, the service called, the answer checked. */
  call<C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<ResultOf<C>>;
  savedTargets(): Promise<Target[]>;
  /** A target given on the command line as user@host[:port]: known to the services for this command only, never saved. */
  addTarget(target: Target): void;
  /** The profile read from a file, known to the services under the returned id for this command only, never saved. */
  useProfile(profile: Profile): string;
  /** A secret for this session only (the store keeps it in memory: there is no keyring). */
  setSecret(targetId: string, kind: SecretKind, value: string): Promise<void>;
  /** Every run event and fleet change; returns the function that stops listening. */
  onActivity(listener: (activity: RunActivity) => void): () => void;
  /** The events the services send the window (box action output); returns the function that stops listening. */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** The targets of the store, and those given on the command line. */
function withCommandLineTargets(store: TargetStore, given: Map<string, Target>): TargetStore {
  return {
    ...store,
    list: async () => {
      const saved = await store.list();
      return { ...saved, targets: [...saved.targets, ...given.values()] };
    },
    get: async (id) => {
      const target = given.get(id);
      return target === undefined ? store.get(id) : ok(target);
    },
  };
}

/** The profiles of the store, and those read from files on the command line. */
function withProfileFiles(store: ProfileStore, given: Map<string, Profile>): ProfileStore {
  const readAt = new Date().toISOString();
  return {
    ...store,
    get: async (id) => {
      const profile = given.get(id);
      return profile === undefined ? store.get(id) : ok({ id, updatedAt: readAt, migratedFrom: null, profile });
    },
  };
}

/** An id of the form Cairn makes, the same for the same content: runs name their profile by it. */
export const contentId = (prefix: string, content: string): string => `${prefix}-${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;

/**
 * The desktop app's services over its data folder, built outside Electron:
 * the stores, secrets, runs and the handler table, with every command going
 * through the same dispatch as the window's requests. Runs are kept where
 * the app keeps them; unlike the app, the command does not mark runs left
 * "running" as interrupted at start, since the app (or another command) may
 * be running them right now.
 */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const eventListeners = new Set<(event: EventName, payload: unknown) => void>();
  const targets = new Map<string, Target>();
  const profiles = new Map<string, Profile>();
  const { log, services, store, table, onRunActivity } = await createServices({
    userData: options.dataDir,
    safeStorage: NO_KEYRING,
    dialogs: NO_DIALOGS,
    sshConfig: { path: join(options.homeDir, '.ssh', 'config'), homeDir: options.homeDir, localUser: options.localUser },
    app: { name: 'Cairn', version: options.version },
    // Its own file: the app rotates main.log when it starts, and the two may run at once.
    log: { file: join(options.dataDir, 'logs', 'cli.log') },
    send: (event, payload) => {
      for (const listener of eventListeners) listener(event, payload);
    },
    override: (built) => ({ targets: withCommandLineTargets(built.targets, targets), profiles: withProfileFiles(built.profiles, profiles) }),
  });
  return {
    dataDir: options.dataDir,
    runsDir: store.paths.runs,
    knownHostsPath: store.paths.knownHosts,
    logFile: log.file,
    call: (channel, payload) => dispatch(table, channel, payload, { sender: 'cairn-cli', log }) as Promise<ResultOf<typeof channel>>,
    savedTargets: async () => (await store.targets.list()).targets,
    addTarget: (target) => void targets.set(target.id, target),
    useProfile: (profile) => {
      const id = contentId('file', JSON.stringify(profile));
      profiles.set(id, profile);
      return id;
    },
    setSecret: async (targetId, kind, value) => {
      await services.secrets.set(targetId, kind, value);
    },
    onActivity: onRunActivity,
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
  };
}
