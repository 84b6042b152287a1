import { contextBridge } from 'electron';

// The typed IPC contract (shared/api) is exposed here by the desktop-shell work;
// until then the renderer only learns which platform it runs on.
contextBridge.exposeInMainWorld('cairn', Object.freeze({ platform: process.platform }));
