import { z } from 'zod';
import { channel } from './channel';
import { idSchema, storeProblemSchema } from './result';

/** `doas`: the login's password as doas asks for it on the box (setup-user's wheel rule), typed by Cairn when asked. */
export const SECRET_KINDS = ['password', 'passphrase', 'doas'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** `encrypted`: kept on disk through the system keyring; `session-only`: kept in memory until Cairn closes. */
export const secretStorageSchema = z.enum(['encrypted', 'session-only']);
export type SecretStorage = z.infer<typeof secretStorageSchema>;

/** What the window may know about a target's secrets: whether they exist, never their value. */
export const secretFlagsSchema = z.object({ targetId: idSchema, hasPassword: z.boolean(), hasPassphrase: z.boolean(), hasDoasPassword: z.boolean() });
export type SecretFlags = z.infer<typeof secretFlagsSchema>;

export const secretStatusSchema = z.object({
  storage: secretStorageSchema,
  /** Why secrets are session-only, in words for the UI; null when encrypted. */
  reason: z.string().nullable(),
  targets: z.array(secretFlagsSchema),
  problems: z.array(storeProblemSchema),
});
export type SecretStatus = z.infer<typeof secretStatusSchema>;

const kindSchema = z.enum(SECRET_KINDS, { error: 'Say which secret this is: password, passphrase or doas.' });

export const secretChannels = {
  'secrets:set': channel(
    z.object({
      targetId: idSchema,
      kind: kindSchema,
      value: z.string({ error: 'Enter the secret to store.' }).min(1, { error: 'Enter the secret to store.' }),
    }),
    z.object({ targetId: idSchema, kind: kindSchema, storage: secretStorageSchema }),
  ),
  /** Without `kind` both the password and the passphrase are forgotten. */
  'secrets:clear': channel(z.object({ targetId: idSchema, kind: kindSchema.optional() }), z.object({ targetId: idSchema })),
  'secrets:status': channel(z.object({}), secretStatusSchema),
  /** A SHA-512 crypt(3) hash (`$6$rounds=N$salt$...`) for a profile; the clear password is not kept. */
  'secrets:hash-password': channel(
    z.object({
      password: z.string({ error: 'Enter a password to hash.' }).min(1, { error: 'Enter a password to hash.' }).max(4096, { error: 'Keep the password under 4096 characters.' }),
    }),
    z.object({ hash: z.string() }),
  ),
};
