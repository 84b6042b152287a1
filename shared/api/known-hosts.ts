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

// A host as a known_hosts line names it: one word with none of the file's own
// syntax in it. A comma or a newline would add hosts or lines, * ? ! [ ] would
// make a pattern, | a hashed name of some other host, and a leading @ or # a
// marker or a comment; spaces and control characters end the field.
// eslint-disable-next-line no-control-regex -- control characters are what a host must not hold
const KNOWN_HOST_NAME = /^(?![@#])[^\s\u0000-\u001f\u007f-\u009f,*?![\]|]+$/;
const NOT_A_HOST =
  'A host name or address cannot hold spaces, control characters or any of , * ? ! [ ] |, nor start with @ or #: test the connection again and trust the key it shows.';

/** Why `host` cannot be written to known_hosts as it is, or null when it can. */
export const knownHostNameProblem = (host: string): string | null => (host.length <= 255 && KNOWN_HOST_NAME.test(host) ? null : NOT_A_HOST);

const knownHostField = (missing: string) =>
  z.string().trim().min(1, { error: missing }).max(255, { error: 'A host name or address is at most 255 characters long.' }).regex(KNOWN_HOST_NAME, { error: NOT_A_HOST });

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
      host: knownHostField('Name the host whose key to trust.'),
      port: z.number().int().min(1).max(65535).default(22),
      keyType: z.string().regex(/^[a-z0-9@.-]{3,64}$/, { error: 'The key type is not one SSH uses.' }),
      key: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'The key must be the base64 key blob from the connection attempt.' }),
    }),
    knownHostSchema,
  ),
};
