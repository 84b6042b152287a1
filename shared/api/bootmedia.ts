import { z } from 'zod';
import { MEDIUM_KINDS } from '../bootmedia/media';
import { channel } from './channel';
import { targetSchema } from './targets';

// eslint-disable-next-line no-control-regex -- control characters are what a login name must not hold
const ONE_WORD = /^[^\s\u0000-\u001f\u007f]+$/;

export const mediumKindSchema = z.enum(MEDIUM_KINDS, { error: 'Choose what the box boots from.' });

const folderSchema = z
  .string({ error: 'Choose the folder of the mounted boot medium.' })
  .trim()
  .min(1, { error: 'Choose the folder of the mounted boot medium.' })
  .refine((f) => f.startsWith('/') || /^[A-Za-z]:[\\/]/.test(f), { error: 'Choose the folder with Browse…; a full path is needed.' });

/** What Cairn found in a chosen folder, before anything is written. */
export const mediumReportSchema = z.object({
  folder: z.string(),
  writable: z.boolean(),
  /** apks/ and boot/ at its top: an Alpine boot medium. */
  bootMedia: z.boolean(),
  /** Other overlays at the top level (the boot takes the first one it finds). */
  existingOverlays: z.array(z.string()),
  /** Why this folder cannot take the overlay as chosen; null when it can. */
  problem: z.string().nullable(),
});
export type MediumReport = z.infer<typeof mediumReportSchema>;

export const prepareRequestSchema = z.object({
  profileId: z.string().min(1, { error: 'Choose the profile the box starts from.' }),
  medium: mediumKindSchema,
  folder: folderSchema,
  /** Replace overlays already on the medium (they would compete at boot). */
  replaceExisting: z.boolean().default(false),
  /** The private key Cairn logs in with; its public half joins authorized_keys. Left out, Cairn logs in with the SSH agent and the profile's keys. */
  keyPath: z.string().trim().min(1).optional(),
  user: z.string().trim().min(1, { error: 'Enter the user Cairn logs in as (root on a fresh box).' }).regex(ONE_WORD, { error: 'A user name cannot contain spaces.' }).default('root'),
  port: z.number().int().min(1).max(65535, { error: 'The port is a number from 1 to 65535 (SSH uses 22).' }).default(22),
});

export const preparedSchema = z.object({
  overlayPath: z.string(),
  fileName: z.string(),
  keyType: z.string(),
  /** `SHA256:…` of the box's host key: Cairn trusts it already. */
  fingerprint: z.string(),
  /** The target made (or updated) for the box, with its host key pinned. */
  target: targetSchema,
  /** Overlays removed from the medium because `replaceExisting` was set. */
  replaced: z.array(z.string()),
  /** Short steps for this medium, then what to do after the install. */
  steps: z.array(z.string()),
  afterInstall: z.string(),
});
export type Prepared = z.infer<typeof preparedSchema>;

export const bootMediaChannels = {
  /** Asks for the mounted medium's folder with the system dialog. */
  'bootmedia:choose-folder': channel(z.object({}), z.discriminatedUnion('chosen', [z.object({ chosen: z.literal(false) }), z.object({ chosen: z.literal(true), folder: z.string() })])),
  /** Looks at a folder without writing: writable, Alpine boot media, overlays already there. */
  'bootmedia:inspect': channel(z.object({ folder: folderSchema, medium: mediumKindSchema }), mediumReportSchema),
  /**
   * Writes `<hostname>.apkovl.tar.gz` for the profile onto the medium with a
   * host key made for this box, and saves the target with that key trusted.
   * Nothing is left half-written when it fails.
   */
  'bootmedia:prepare': channel(prepareRequestSchema, preparedSchema),
};
