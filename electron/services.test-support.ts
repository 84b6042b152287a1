import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialogService } from './ipc/file-handlers';
import type { Services } from './ipc/handlers';
import type { HandlerTable } from './ipc/types';
import type { Log } from './log';
import type { SafeStorageLike } from './secrets/secrets';
import { createServices, type BuiltServices, type ServicesOptions } from './services';

/** A fresh userData directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'cairn-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Retries: a log line written by a request still settling can land mid-removal (ENOTEMPTY).
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }) };
}

/**
 * Stands in for Electron's safeStorage, which needs the Electron binary: a
 * reversible byte transform (so the file never holds the clear text) that
 * records what it was asked.
 */
export function fakeSafeStorage(options: { available?: boolean; backend?: string; failWith?: (plain: string) => Error } = {}) {
  const calls: string[] = [];
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const storage: SafeStorageLike & { calls: string[] } = {
    calls,
    isEncryptionAvailable: () => {
      calls.push('isEncryptionAvailable');
      return options.available ?? true;
    },
    encryptString: (plain) => {
      calls.push('encryptString');
      if (options.failWith) throw options.failWith(plain);
      return Buffer.concat([Buffer.from('FAKE1:'), flip(Buffer.from(plain, 'utf8'))]);
    },
    decryptString: (encrypted) => {
      calls.push('decryptString');
      if (!encrypted.subarray(0, 6).equals(Buffer.from('FAKE1:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return flip(encrypted.subarray(6)).toString('utf8');
    },
    ...(options.backend === undefined ? {} : { getSelectedStorageBackend: () => options.backend ?? '' }),
  };
  return storage;
}

/** Answers the native dialogs with fixed choices and records the options it was shown. */
export function scriptedDialogs(answers: { save?: string | null; open?: string | null }) {
  const shown: unknown[] = [];
  const dialogs: DialogService = {
    showSaveDialog: async (o) => {
      shown.push(o);
      return answers.save == null ? { canceled: true } : { canceled: false, filePath: answers.save };
    },
    showOpenDialog: async (o) => {
      shown.push(o);
      return answers.open == null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answers.open] };
    },
  };
  return { dialogs, shown };
}

export interface Harness {
  dir: string;
  log: Log;
  services: Services;
  table: HandlerTable;
  /** Every run event and fleet change of this table's runs. */
  onRunActivity: BuiltServices['onRunActivity'];
  logText: () => Promise<string>;
  cleanup: () => Promise<void>;
}

export type HarnessOptions = Pick<ServicesOptions, 'send' | 'ownsRuns'> & {
  safeStorage?: SafeStorageLike;
  dialogs?: DialogService;
  sshConfigPath?: string;
};

/** The real handler table over real stores in a temp userData directory, built as the app builds it. */
export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const { safeStorage, dialogs, sshConfigPath, ...rest } = options;
  const { dir, cleanup } = await tempDir();
  const { log, services, table, onRunActivity } = await createServices({
    ...rest,
    userData: dir,
    safeStorage: safeStorage ?? fakeSafeStorage(),
    dialogs: dialogs ?? scriptedDialogs({}).dialogs,
    sshConfig: { path: sshConfigPath ?? join(dir, 'no-ssh-config'), homeDir: dir, localUser: 'tester' },
    app: { name: 'Cairn', version: '0.1.0' },
    log: { level: 'debug' },
  });
  return {
    dir,
    log,
    services,
    table,
    onRunActivity,
    logText: () => readFile(log.file, 'utf8').catch(() => ''),
    cleanup,
  };
}
