import type { z } from 'zod';
import { appChannels } from './app';
import { boxChannels } from './boxes';
import { bootMediaChannels } from './bootmedia';
import { discoverChannels } from './discover';
import type { ChannelDef } from './channel';
import { exportChannels } from './export';
import { fileChannels } from './files';
import { knownHostChannels } from './known-hosts';
import type { ChannelName } from './names';
import { profileChannels } from './profiles';
import { resultSchema, type Result } from './result';
import { runChannels } from './runs';
import { secretChannels } from './secrets';
import { targetChannels } from './targets';

const joined = {
  ...profileChannels,
  ...targetChannels,
  ...knownHostChannels,
  ...secretChannels,
  ...fileChannels,
  ...exportChannels,
  ...runChannels,
  ...boxChannels,
  ...bootMediaChannels,
  ...discoverChannels,
  ...appChannels,
};

type Extra = Exclude<keyof typeof joined, ChannelName>;

/**
 * The whole contract: each channel's request and response schema. A name in
 * CHANNEL_NAMES without a schema here, or a schema whose name is not there,
 * fails to compile.
 */
export const channels = joined satisfies Record<ChannelName, ChannelDef> & Record<Extra, never>;

export type Channels = typeof channels;
/** What a caller sends (defaults not yet applied). */
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
/** What a handler receives after validation. */
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type ResultOf<C extends ChannelName> = Result<ResponseOf<C>>;

const resultSchemas = new Map<ChannelName, z.ZodType>();

/** The schema of a channel's `{ ok, value } | { ok, error }` answer. */
export function resultSchemaOf(name: ChannelName): z.ZodType {
  let schema = resultSchemas.get(name);
  if (schema === undefined) {
    schema = resultSchema(channels[name].response);
    resultSchemas.set(name, schema);
  }
  return schema;
}
