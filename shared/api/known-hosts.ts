import { z } from 'zod';
import { channel } from './channel';
import { storeProblemSchema } from './result';

export const knownHostSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** OpenSSH style, e.g. `SHA256:abc...` (what `ssh-keygen -lf` prints). */
  fingerprint: z.string(),
});

export type KnownHost = z.infer<typeof knownHostSchema>;

export const knownHostChannels = {
  'knownHosts:list': channel(z.object({}), z.object({ hosts: z.array(knownHostSchema), problems: z.array(storeProblemSchema) })),
  /** Forgets the host's keys (only the one type when `keyType` is given): the next connection asks again. */
  'knownHosts:remove': channel(
    z.object({
      host: z.string().trim().min(1, { error: 'Name the host whose key to forget.' }),
      port: z.number().int().min(1).max(65535).default(22),
      keyType: z.string().min(1).optional(),
    }),
    z.object({ removed: z.number().int() }),
  ),
  /** Trusts a host key the person compared (from a host-key-unknown error's details); replaces an older key of that type. */
  'knownHosts:accept': channel(
    z.object({
      host: z.string().trim().min(1, { error: 'Name the host whose key to trust.' }),
      port: z.number().int().min(1).max(65535).default(22),
      keyType: z.string().regex(/^[a-z0-9@.-]{3,64}$/, { error: 'The key type is not one SSH uses.' }),
      key: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'The key must be the base64 key blob from the connection attempt.' }),
    }),
    knownHostSchema,
  ),
};
