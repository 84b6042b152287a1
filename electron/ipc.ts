// The main process's side of the contract in shared/api: one handler table,
// one dispatcher, one registration with ipcMain. main.ts wires these up.
export { createHandlers, type Services } from './ipc/handlers';
export { dispatch, ApiFailure } from './ipc/dispatch';
export { registerIpc, trustedSenders, type IpcMainLike, type InvokeEventLike, type SenderCheck } from './ipc/register';
export { createEventSender, type EmitEvent } from './ipc/events';
export type { DialogService } from './ipc/file-handlers';
export type { CallContext, Handler, HandlerTable, DomainHandlers } from './ipc/types';
