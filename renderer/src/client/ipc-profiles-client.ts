import { createClient, type CairnBridge, type CairnClient } from '../../../shared/api/client';
import { describeError } from '../../../shared/api/error-sentences';
import type { ApiError } from '../../../shared/api/result';
import type { ProfilesClient } from './profiles-client';

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

/** The wizard's profile seam over the desktop shell's IPC contract (`window.cairn`). */
export function ipcProfilesClient(client: CairnClient): ProfilesClient {
  return {
    list: async () => value(await client.invoke('profiles:list')).profiles.map((p) => ({ id: p.id, name: p.name, savedAt: p.updatedAt })),
    get: async (id) => {
      const stored = value(await client.invoke('profiles:get', { id }));
      return { profile: stored.profile, lostSecrets: stored.lostSecrets ?? [] };
    },
    save: async (profile, id) => {
      const saved = value(await client.invoke('profiles:save', id === null ? { profile } : { id, profile }));
      return { id: saved.id, name: saved.name, savedAt: saved.updatedAt };
    },
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
