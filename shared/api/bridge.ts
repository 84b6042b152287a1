// The shape the preload exposes as `window.cairn`: one named method per channel,
// grouped by domain (`cairn.targets.importSshConfig(...)`), and `on` for events.
// This file imports no schema at run time, so the preload bundle stays small.
import type { RequestOf } from './channels';
import { CHANNEL_NAMES, isEventName, type ChannelName, type EventName } from './names';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;

/** A request may be left out when every field of it is optional. */
export type ArgsOf<C extends ChannelName> = Record<never, never> extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>];

/** Answers arrive unchecked across the bridge; `createClient` parses them into typed results. */
export type BridgeMethod<C extends ChannelName> = (...args: ArgsOf<C>) => Promise<unknown>;

export type BridgeDomain<D extends string> = {
  readonly [C in ChannelName as C extends `${D}:${infer Verb}` ? Camel<Verb> : never]: BridgeMethod<C>;
};

export type Unsubscribe = () => void;

export type CairnBridge = { readonly [D in DomainOf<ChannelName>]: BridgeDomain<D> } & {
  readonly on: (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;
};

/** Sends one request to the main process (ipcRenderer.invoke, or an HTTP bridge in browser journeys). */
export type Transport = (channel: ChannelName, payload: unknown) => Promise<unknown>;
/** Listens to one event stream; returns the function that stops listening. */
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;

const camel = (verb: string): string => verb.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Where a channel's method sits on the bridge: `targets:import-ssh-config` → targets.importSshConfig. */
export function bridgePathOf(name: ChannelName): { domain: string; method: string } {
  const [domain = '', verb = ''] = name.split(':');
  return { domain, method: camel(verb) };
}

type AnyMethod = (request?: unknown) => Promise<unknown>;

/** Builds `window.cairn` from a transport; the preload ends `satisfies CairnBridge`. */
export function createBridge(transport: Transport, subscribe: Subscribe): CairnBridge {
  const domains: Record<string, Record<string, AnyMethod>> = {};
  for (const name of CHANNEL_NAMES) {
    const { domain, method } = bridgePathOf(name);
    (domains[domain] ??= {})[method] = (request?: unknown) => transport(name, request ?? {});
  }
  const on = (event: EventName, listener: (payload: unknown) => void): Unsubscribe => {
    // The renderer must not listen on arbitrary IPC channels through this door.
    if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}.`);
    return subscribe(event, listener);
  };
  const frozen = Object.fromEntries(Object.entries(domains).map(([d, methods]) => [d, Object.freeze(methods)]));
  return Object.freeze({ ...frozen, on }) as unknown as CairnBridge;
}

/** The bridge's method for a channel, for code that holds only the name. */
export function bridgeMethod(bridge: CairnBridge, name: ChannelName): AnyMethod {
  const { domain, method } = bridgePathOf(name);
  const group = (bridge as unknown as Record<string, Record<string, AnyMethod> | undefined>)[domain];
  const fn = group?.[method];
  if (typeof fn !== 'function') throw new TypeError(`The bridge has no method for ${name}.`);
  return fn;
}
