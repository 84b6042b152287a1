import type { ParsedRequestOf, ResponseOf } from '../../shared/api/channels';
import type { ChannelName } from '../../shared/api/names';
import type { Result } from '../../shared/api/result';

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** The URL of the frame that asked (already checked to be Cairn's own window). */
  sender: string;
}

/** A handler gets a request already validated by the channel's schema. */
export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>, context: CallContext) => Promise<Result<ResponseOf<C>>>;

/** Every channel's handler: a channel without one fails to compile. */
export type HandlerTable = { readonly [C in ChannelName]: Handler<C> };

/** The handlers of one domain, e.g. `DomainHandlers<'profiles'>`. */
export type DomainHandlers<D extends string> = {
  readonly [C in ChannelName as C extends `${D}:${string}` ? C : never]: Handler<C>;
};
