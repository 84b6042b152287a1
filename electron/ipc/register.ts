import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_NAMES } from '../../shared/api/names';
import type { Log } from '../log';
import { dispatch } from './dispatch';
import type { HandlerTable } from './types';

// The only code that touches ipcMain. Typed structurally so tests can hand it
// a stand-in; Electron's IpcMain and IpcMainInvokeEvent fit these shapes.

export interface SenderFrameLike {
  url: string;
  /** Electron's WebFrameMain.parent: null for a window's top frame. */
  parent?: unknown;
}

export interface InvokeEventLike {
  senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

/**
 * Trusts only the top frame of Cairn's own page: the built renderer file, or
 * in development the dev server's origin. Anything else (another file, a
 * remote page, a subframe) is refused.
 */
export function trustedSenders(options: { rendererIndex: string; devServerUrl?: string | null }): SenderCheck {
  const index = resolve(options.rendererIndex);
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || (frame.parent !== undefined && frame.parent !== null)) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    if (url.protocol === 'file:') {
      url.hash = '';
      url.search = '';
      return resolve(fileURLToPath(url)) === index;
    }
    return devOrigin !== null && url.origin === devOrigin;
  };
}

/** Registers every channel of the table; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcMainLike, table: HandlerTable, isTrustedSender: SenderCheck, log: Log): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event)) {
        log.warn(`ipc ${channel}: ignored a request from an untrusted frame ${JSON.stringify(event.senderFrame?.url ?? null)}`);
        return undefined;
      }
      return dispatch(table, channel, payload, { sender: event.senderFrame?.url ?? '', log });
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
