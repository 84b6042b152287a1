import { bridgeMethod, type ArgsOf, type CairnBridge, type Unsubscribe } from './bridge';
import { resultSchemaOf, type ResultOf } from './channels';
import { eventSchemas, type EventPayload } from './events';
import type { ChannelName, EventName } from './names';
import { fail } from './result';

export { createBridge, bridgePathOf, type CairnBridge, type Transport, type Subscribe, type Unsubscribe } from './bridge';
export { channelNames, eventNames } from './names';

export interface CairnClient {
  /** Never throws: a failure, even of the bridge itself, comes back as `{ ok: false, error }`. */
  invoke<C extends ChannelName>(name: C, ...args: ArgsOf<C>): Promise<ResultOf<C>>;
  /** Payloads that do not match the event's schema are dropped (and reported to `onInvalid`). */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
}

export interface ClientOptions {
  onInvalid?: (what: string, detail: string) => void;
}

/** The renderer's one way to the main process: typed by channel, answers parsed with the contract. */
export function createClient(bridge: CairnBridge, options: ClientOptions = {}): CairnClient {
  const report = options.onInvalid ?? (() => undefined);
  return {
    async invoke<C extends ChannelName>(name: C, ...args: ArgsOf<C>): Promise<ResultOf<C>> {
      let raw: unknown;
      try {
        raw = await bridgeMethod(bridge, name)(args[0]);
      } catch (e) {
        report(name, e instanceof Error ? e.message : String(e));
        return fail('internal', 'Cairn could not reach its main process; restart Cairn and try again.') as ResultOf<C>;
      }
      const parsed = resultSchemaOf(name).safeParse(raw);
      if (!parsed.success) {
        report(name, parsed.error.message);
        return fail('internal', 'The main process answered in an unexpected shape; restart Cairn and try again.') as ResultOf<C>;
      }
      return parsed.data as ResultOf<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
      return bridge.on(event, (payload) => {
        const parsed = eventSchemas[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
        else report(event, parsed.error.message);
      });
    },
  };
}
