import { createClient, type CairnBridge, type CairnClient } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import type { ProfileSummary } from '../../../shared/api/profiles';
import type { ApiError } from '../../../shared/api/result';
import type { Profile } from '../../../shared/profile/schema';

export interface OpenedFile {
  name: string;
  text: string;
}

/** A saved profile as fetched: the stored JSON (the caller migrates and checks it with loadProfile), and the passphrases it lost, by field path. */
export interface FetchedProfile {
  profile: unknown;
  lostSecrets: readonly string[];
}

/** The one seam between the wizard and the profiles and files the main process keeps. */
export interface ProfilesClient {
  list(): Promise<ProfileSummary[]>;
  get(id: string): Promise<FetchedProfile>;
  /** Saves under `id`, or as a new profile when id is null; returns what was stored. */
  save(profile: Profile, id: string | null): Promise<ProfileSummary>;
  remove(id: string): Promise<void>;
  /** Where the file went, or null when the person cancelled. */
  saveFile(name: string, text: string): Promise<string | null>;
  /** Lets the person pick a file; null when they cancel. */
  openFile(): Promise<OpenedFile | null>;
}

/** A refusal the wizard shows by a field: the sentence, and the request field at fault (like `profile.name`). */
export class FieldRefusal extends Error {
  constructor(
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}

/** Unwraps a result, turning a typed error into the sentence the wizard shows (with the field at fault, when there is one). */
function value<T>(result: { ok: true; value: T } | { ok: false; error: ApiError }): T {
  if (!result.ok) throw new FieldRefusal(describeError(result.error), result.error.field);
  return result.value;
}

const ANSWER_FILES = [{ name: 'Answer files', extensions: ['answers', 'txt', 'conf'] }];

/** Said by every call in a page with no main process (Vite's dev server in a plain browser tab). */
const NO_DESKTOP = 'Profiles and files are kept by the Cairn desktop app; this page runs without it, so nothing can be saved or opened here.';

/** The wizard's profile seam over the desktop shell's IPC contract (`window.cairn`); null where there is none. */
export function ipcProfilesClient(client: CairnClient | null): ProfilesClient {
  if (client === null) {
    const refuse = () => Promise.reject(new FieldRefusal(NO_DESKTOP, undefined));
    return { list: refuse, get: refuse, save: refuse, remove: refuse, saveFile: refuse, openFile: refuse };
  }
  return {
    list: async () => value(await client.invoke('profiles:list')).profiles,
    get: async (id) => {
      const stored = value(await client.invoke('profiles:get', { id }));
      return { profile: stored.profile, lostSecrets: stored.lostSecrets ?? [] };
    },
    save: async (profile, id) => value(await client.invoke('profiles:save', id === null ? { profile } : { id, profile })),
    remove: async (id) => {
      value(await client.invoke('profiles:remove', { id }));
    },
    saveFile: async (name, text) => {
      const saved = value(await client.invoke('files:save-text', { suggestedName: name, text, filters: ANSWER_FILES }));
      return saved.saved ? saved.path : null;
    },
    openFile: async () => {
      const opened = value(await client.invoke('files:open-text', { filters: ANSWER_FILES }));
      return opened.opened ? { name: opened.name, text: opened.text } : null;
    },
  };
}

declare global {
  interface Window {
    /** Present inside Cairn's window (the preload) and in browser journeys (bridged to the real handlers). */
    cairn?: CairnBridge;
  }
}

export const bridgedClient = (): CairnClient | null => (window.cairn ? createClient(window.cairn) : null);
