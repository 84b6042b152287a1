// The main process's side of the contract in shared/api: one dispatcher and
// one registration with ipcMain, over the handler table that services.ts
// builds; setup-ipc.ts wires them up.
export { dispatch } from './ipc/dispatch';
export { registerIpc, type IpcMainLike, type InvokeEventLike, type SenderCheck } from './ipc/register';
export type { EmitEvent } from './ipc/events';
export type { HandlerTable } from './ipc/types';
