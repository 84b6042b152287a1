import { eventSchemas, type EventPayload } from '../../shared/api/events';
import type { EventName } from '../../shared/api/names';
import type { Log } from '../log';

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Sends typed events to the window (`webContents.send` in main.ts). A payload
 * that breaks the contract is a bug here, so it is logged and not sent.
 */
export function createEventSender(send: (event: EventName, payload: unknown) => void, log: Log): EmitEvent {
  return (event, payload) => {
    const checked = eventSchemas[event].safeParse(payload);
    if (!checked.success) {
      log.error(`event ${event} broke the contract and was not sent`, checked.error.issues);
      return;
    }
    send(event, checked.data);
  };
}
