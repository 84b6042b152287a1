import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, type CairnBridge } from '../shared/api/bridge';

// Exactly the contract in shared/api, as named methods; never raw ipcRenderer.
const cairn = createBridge(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (event, listener) => {
    const forward = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
) satisfies CairnBridge;

contextBridge.exposeInMainWorld('cairn', cairn);
