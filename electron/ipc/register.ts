import { CHANNEL_NAMES } from '../../shared/api/names';
import type { Log } from '../log';
import { dispatch } from './dispatch';
import type { HandlerTable } from './types';

// The only code that touches ipcMain. Typed structurally so tests can hand it
// a stand-in; Electron's IpcMain and IpcMainInvokeEvent fit these shapes.

interface SenderFrameLike {
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

/** Whether a request comes from a frame Cairn trusts: electron/app-protocol.ts's isAppPage, the top frame of app://cairn/. */
export type SenderCheck = (event: InvokeEventLike) => boolean;

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
