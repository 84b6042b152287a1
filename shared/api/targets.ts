import { z } from 'zod';
import { channel } from './channel';
import { idSchema, storeProblemSchema } from './result';

export const AUTH_METHODS = ['agent', 'key', 'password', 'keyboard-interactive'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

// eslint-disable-next-line no-control-regex -- control characters are what a host or user must not hold
const ONE_WORD = /^[^\s\u0000-\u001f\u007f]+$/;

const hostField = z
  .string({ error: 'Enter the host name or IP address to connect to.' })
  .trim()
  .min(1, { error: 'Enter the host name or IP address to connect to.' })
  .regex(ONE_WORD, { error: 'A host name or address cannot contain spaces.' });
const portField = z
  .number({ error: 'The port must be a whole number from 1 to 65535 (SSH uses 22).' })
  .int({ error: 'The port must be a whole number from 1 to 65535 (SSH uses 22).' })
  .min(1, { error: 'The port must be a whole number from 1 to 65535 (SSH uses 22).' })
  .max(65535, { error: 'The port must be a whole number from 1 to 65535 (SSH uses 22).' });
const userField = z
  .string({ error: 'Enter the user to log in as (a fresh Alpine box has only root).' })
  .trim()
  .min(1, { error: 'Enter the user to log in as (a fresh Alpine box has only root).' })
  .regex(ONE_WORD, { error: 'A user name cannot contain spaces.' });

/** A jump host on the way to a box (OpenSSH's ProxyJump): logged in with the SSH agent or the target's key file, never its password. */
export const jumpHostSchema = z.object({ host: hostField, port: portField, user: userField });
export type JumpHost = z.infer<typeof jumpHostSchema>;

const targetFields = {
  name: z.string({ error: 'Give the target a name.' }).trim().min(1, { error: 'Give the target a name.' }).max(100, { error: 'Keep the target name under 100 characters.' }),
  host: hostField,
  port: portField,
  user: userField,
  /** Jump hosts in order, as ProxyJump a,b: the box is reached through them. */
  jump: z.array(jumpHostSchema).max(4, { error: 'Cairn goes through at most four jump hosts.' }).optional(),
  auth: z.enum(AUTH_METHODS, { error: 'Choose how to log in: agent, key, password or keyboard-interactive.' }),
  /** The private key file, for `auth: 'key'`. Its passphrase lives in secrets, never here. */
  keyPath: z.string().trim().min(1).optional(),
  tags: z
    .array(z.string().trim().min(1, { error: 'A tag cannot be empty.' }).max(40))
    .max(20)
    .default([]),
  /**
   * The host key this box was given on a boot medium, before it ever ran:
   * "Find on network" looks for it, and it is trusted wherever the box turns up.
   */
  hostKey: z
    .object({
      keyType: z.string().regex(/^[a-z0-9@.-]{3,64}$/),
      key: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
      fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
    })
    .optional(),
};

const keyPathWhenKeyAuth = (t: { auth: AuthMethod; keyPath?: string | undefined }, ctx: z.RefinementCtx) => {
  if (t.auth === 'key' && (t.keyPath === undefined || t.keyPath === '')) {
    ctx.addIssue({ code: 'custom', path: ['keyPath'], message: 'Choose the private key file to log in with, or pick another login method.' });
  }
};

/** A machine Cairn connects to. Passwords and passphrases are kept by the secrets service, not here. */
export const targetSchema = z.object({ id: idSchema, ...targetFields }).superRefine(keyPathWhenKeyAuth);
export type Target = z.infer<typeof targetSchema>;

/** A target as the UI submits it: without an id it is new. */
export const targetInputSchema = z.object({ id: idSchema.optional(), ...targetFields }).superRefine(keyPathWhenKeyAuth);
export type TargetInput = z.input<typeof targetInputSchema>;

export const skippedHostSchema = z.object({ host: z.string(), reason: z.string() });
export type SkippedHost = z.infer<typeof skippedHostSchema>;

/** What "Test connection" learnt about the box, once logged in. */
export const connectionReportSchema = z.object({
  /** /etc/alpine-release; null when the machine is not Alpine Linux. */
  alpineVersion: z.string().nullable(),
  /** `uname -m`, e.g. x86_64 or aarch64. */
  arch: z.string(),
  /** Whether the login is root (uid 0): installing needs it. */
  isRoot: z.boolean(),
  /** Whole disks under /sys/block (no loop, RAM, optical, floppy, dm or md devices); empty when /sys is not there. */
  disks: z.array(
    z.object({
      /** /dev/sda, /dev/nvme0n1. */
      path: z.string(),
      /** Bytes; null when /sys/block/X/size could not be read. */
      size: z.number().nullable(),
      /** /sys/block/X/device/model, trimmed; null when the device names none (virtio disks). */
      model: z.string().nullable(),
    }),
  ),
  /** The host key the connection trusted. */
  hostKey: z.object({ keyType: z.string(), fingerprint: z.string() }),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

export const targetChannels = {
  'targets:list': channel(z.object({}), z.object({ targets: z.array(targetSchema), problems: z.array(storeProblemSchema) })),
  'targets:save': channel(z.object({ target: targetInputSchema }), targetSchema),
  /** Also forgets the target's stored password and passphrase. */
  'targets:remove': channel(z.object({ id: idSchema }), z.object({ id: idSchema })),
  /** Reads ~/.ssh/config; with `preview` nothing is saved. */
  'targets:import-ssh-config': channel(
    z.object({ preview: z.boolean().default(false) }),
    // In a preview the targets have no id yet: nothing was saved.
    z.object({ source: z.string(), imported: z.array(targetInputSchema), skipped: z.array(skippedHostSchema) }),
  ),
  /**
   * Logs in with the target's login method and stored secrets and reads the
   * Alpine version, architecture, uid and disks. A first contact fails with
   * `host-key-unknown` and a changed key with `host-key-changed`, both with
   * `details` (fingerprints and the key) and before any password is sent.
   */
  'targets:test-connection': channel(z.object({ targetId: idSchema }), connectionReportSchema),
};
