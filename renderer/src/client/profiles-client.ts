import type { Profile } from '../../../shared/profile/schema';
import { readFileText } from './read-file-text';

/**
 * The one seam between the wizard and wherever profiles live. The desktop
 * shell's typed IPC client will implement this same interface; until then the
 * browser implementation keeps profiles in localStorage and moves files with
 * a download and an <input type=file>.
 */
export interface ProfileSummary {
  id: string;
  name: string;
  savedAt: string;
}

export interface OpenedFile {
  name: string;
  text: string;
}

/** A saved profile as fetched: the stored JSON (the caller migrates and checks it with loadProfile), and the passphrases it lost, by field path. */
export interface FetchedProfile {
  profile: unknown;
  lostSecrets: readonly string[];
}

export interface ProfilesClient {
  list(): Promise<ProfileSummary[]>;
  get(id: string): Promise<FetchedProfile>;
  /** Saves under `id`, or as a new profile when id is null; returns what was stored. */
  save(profile: Profile, id: string | null): Promise<ProfileSummary>;
  remove(id: string): Promise<void>;
  /** Where the file went (a path or the download's name), or null when the person cancelled. */
  saveFile(name: string, text: string): Promise<string | null>;
  /** Lets the person pick a file; null when they cancel. */
  openFile(): Promise<OpenedFile | null>;
}

interface Stored {
  summary: ProfileSummary;
  profile: unknown;
}

const KEY = 'cairn.profiles';

function newId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function browserProfilesClient(storage: Storage = window.localStorage, doc: Document = document): ProfilesClient {
  const readAll = (): Record<string, Stored> => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, Stored>) : {};
    } catch {
      return {};
    }
  };
  const writeAll = (all: Record<string, Stored>) => storage.setItem(KEY, JSON.stringify(all));

  return {
    list: async () =>
      Object.values(readAll())
        .map((s) => s.summary)
        .sort((a, b) => a.name.localeCompare(b.name)),
    get: async (id) => {
      const found = readAll()[id];
      if (!found) throw new Error('That profile no longer exists; it may have been deleted in another window.');
      // The browser keeps no secrets apart, so it never loses one.
      return { profile: found.profile, lostSecrets: [] };
    },
    save: async (profile, id) => {
      const all = readAll();
      const summary = { id: id ?? newId(), name: profile.name, savedAt: new Date().toISOString() };
      all[summary.id] = { summary, profile };
      writeAll(all);
      return summary;
    },
    remove: async (id) => {
      const all = readAll();
      delete all[id];
      writeAll(all);
    },
    saveFile: async (name, text) => {
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
      const a = doc.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      return name;
    },
    openFile: () =>
      new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) resolve(null);
          else
            void readFileText(file).then(
              (text) => resolve({ name: file.name, text }),
              () => resolve(null),
            );
        });
        input.addEventListener('cancel', () => resolve(null));
        input.click();
      }),
  };
}
