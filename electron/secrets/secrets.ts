import { z } from 'zod';
import type { StoreProblem } from '../../shared/api/result';
import { SECRET_KINDS, type SecretFlags, type SecretKind, type SecretStatus, type SecretStorage } from '../../shared/api/secrets';
import type { Log } from '../log';
import { serial } from '../store/serial';
import { readVersioned, writeVersioned, type FileFormat } from '../store/versioned-file';

// Passwords and key passphrases of targets. With a working system keyring they
// are encrypted by Electron's safeStorage and kept on disk (base64 of the
// encrypted bytes); without one they live in memory until Cairn closes, and
// status() says so. Values leave this module only through get(), for the main
// process's own SSH code; the window sees flags.

/** The part of Electron's `safeStorage` this service uses (passed in: tests run without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring, so "encryption" uses a fixed key. */
  getSelectedStorageBackend?(): string;
}

export interface SecretStore {
  status(): Promise<SecretStatus>;
  set(targetId: string, kind: SecretKind, value: string): Promise<SecretStorage>;
  /** The clear value, for the main process only. Null when none is stored or it can no longer be decrypted. */
  get(targetId: string, kind: SecretKind): Promise<string | null>;
  clear(targetId: string, kind?: SecretKind): Promise<void>;
}

const entrySchema = z.object({ password: z.string().optional(), passphrase: z.string().optional(), doas: z.string().optional() });
type Entries = Record<string, z.infer<typeof entrySchema>>;
const FORMAT: FileFormat<{ secrets: Entries }> = {
  what: 'secrets',
  version: 1,
  schema: z.object({ secrets: z.record(z.string(), entrySchema) }),
};

function storageOf(safe: SafeStorageLike): { storage: SecretStorage; reason: string | null } {
  let available = false;
  try {
    available = safe.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) {
    return { storage: 'session-only', reason: 'This computer offers no secure storage (no keyring), so passwords are kept only until Cairn closes.' };
  }
  if (safe.getSelectedStorageBackend?.() === 'basic_text') {
    return { storage: 'session-only', reason: 'No system keyring (such as GNOME Keyring or KWallet) is running, so passwords are kept only until Cairn closes.' };
  }
  return { storage: 'encrypted', reason: null };
}

export function createSecretStore(options: { file: string; safeStorage: SafeStorageLike; log: Log }): SecretStore {
  const { file, safeStorage, log } = options;
  const exclusive = serial();
  const session = new Map<string, string>();
  const problems: StoreProblem[] = [];
  const key = (targetId: string, kind: SecretKind) => `${targetId}\u0000${kind}`;

  const readFileEntries = async (): Promise<{ entries: Entries; writable: boolean }> => {
    const outcome = await readVersioned(file, FORMAT);
    if (outcome.state === 'ok') return { entries: outcome.data.secrets, writable: true };
    if (outcome.state === 'missing') return { entries: {}, writable: true };
    problems.push(outcome.problem);
    log.warn(outcome.problem.message);
    return { entries: {}, writable: outcome.state === 'corrupt' };
  };

  const flagsOf = (ids: Iterable<string>, has: (id: string, kind: SecretKind) => boolean): SecretFlags[] =>
    [...new Set(ids)].sort().map((targetId) => ({
      targetId,
      hasPassword: has(targetId, 'password'),
      hasPassphrase: has(targetId, 'passphrase'),
      hasDoasPassword: has(targetId, 'doas'),
    }));

  const status = async (): Promise<SecretStatus> => {
    const mode = storageOf(safeStorage);
    let targets: SecretFlags[];
    if (mode.storage === 'encrypted') {
      const { entries } = await readFileEntries();
      targets = flagsOf(Object.keys(entries), (id, kind) => entries[id]?.[kind] !== undefined);
    } else {
      const ids = [...session.keys()].map((k) => k.split('\u0000')[0] ?? '');
      targets = flagsOf(ids, (id, kind) => session.has(key(id, kind)));
    }
    return { ...mode, targets, problems: problems.splice(0) };
  };

  const set = (targetId: string, kind: SecretKind, value: string) =>
    exclusive(async (): Promise<SecretStorage> => {
      log.redact(value);
      if (storageOf(safeStorage).storage === 'session-only') {
        session.set(key(targetId, kind), value);
        return 'session-only';
      }
      const { entries, writable } = await readFileEntries();
      if (!writable) throw new Error('The secrets file was saved by a newer Cairn; it was left untouched.');
      const encrypted = safeStorage.encryptString(value).toString('base64');
      await writeVersioned(file, FORMAT, { secrets: { ...entries, [targetId]: { ...entries[targetId], [kind]: encrypted } } });
      session.delete(key(targetId, kind));
      return 'encrypted';
    });

  const get = async (targetId: string, kind: SecretKind): Promise<string | null> => {
    const inMemory = session.get(key(targetId, kind));
    if (inMemory !== undefined) return inMemory;
    if (storageOf(safeStorage).storage === 'session-only') return null;
    const stored = (await readFileEntries()).entries[targetId]?.[kind];
    if (stored === undefined) return null;
    try {
      const value = safeStorage.decryptString(Buffer.from(stored, 'base64'));
      log.redact(value);
      return value;
    } catch (e) {
      log.warn(`The stored ${kind} of target ${targetId} could not be decrypted (the keyring may have changed); it must be entered again.`, e);
      return null;
    }
  };

  const clear = (targetId: string, kind?: SecretKind) =>
    exclusive(async () => {
      const kinds: SecretKind[] = kind === undefined ? [...SECRET_KINDS] : [kind];
      for (const k of kinds) session.delete(key(targetId, k));
      const { entries, writable } = await readFileEntries();
      const entry = entries[targetId];
      if (entry === undefined || !writable) return;
      const rest = { ...entry };
      for (const k of kinds) delete rest[k];
      const next = { ...entries };
      if (Object.keys(rest).length === 0) delete next[targetId];
      else next[targetId] = rest;
      await writeVersioned(file, FORMAT, { secrets: next });
    });

  return { status, set, get, clear };
}
