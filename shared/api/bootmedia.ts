import { z } from 'zod';
import { batchProblemSchema, batchSchema } from '../batch/schema';
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
  user: z
    .string()
    .trim()
    .min(1, { error: 'Enter the user Cairn logs in as (root on a fresh box).' })
    .regex(ONE_WORD, { error: 'A user name cannot contain spaces.' })
    .default('root'),
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

/** A batch's boot media: one overlay per row into one folder, each row's own host key trusted for where its box will answer. */
export const prepareBatchRequestSchema = z.object({
  profileId: z.string().min(1, { error: 'Choose the profile the boxes start from.' }),
  batch: batchSchema,
  /** Where the overlays go; left out, the main process asks with the system's folder picker once the rows are fine. */
  folder: folderSchema.optional(),
  /** Write over overlays of the same names already in the folder. */
  replaceExisting: z.boolean().default(false),
  /** As for one box: its public half joins every box's authorized_keys, and every row's target logs in with it. */
  keyPath: z.string().trim().min(1).optional(),
});

export const batchMediaBoxSchema = z.object({
  row: z.number().int(),
  hostname: z.string(),
  fileName: z.string(),
  overlayPath: z.string(),
  keyType: z.string(),
  /** `SHA256:…` of this box's own host key. */
  fingerprint: z.string(),
  /** Where Cairn's known_hosts trusts that key: the box's static address, or its target's host; the target's port. */
  trustedHost: z.string(),
  trustedPort: z.number().int(),
  /** The row's target, saved with the key pinned. */
  targetId: z.string(),
  targetName: z.string(),
});
export type BatchMediaBox = z.infer<typeof batchMediaBoxSchema>;

export const batchMediaSchema = z.discriminatedUnion('status', [
  /** The folder picker was closed without a choice: nothing written. */
  z.object({ status: z.literal('canceled') }),
  /** The rows as a whole are not fine, each problem by row and column: nothing written. */
  z.object({ status: z.literal('problems'), problems: z.array(batchProblemSchema) }),
  z.object({ status: z.literal('written'), folder: z.string(), boxes: z.array(batchMediaBoxSchema), replaced: z.array(z.string()) }),
]);
export type BatchMedia = z.infer<typeof batchMediaSchema>;

export const bootMediaChannels = {
  /** Asks for the mounted medium's folder with the system dialog. */
  'bootmedia:choose-folder': channel(
    z.object({}),
    z.discriminatedUnion('chosen', [z.object({ chosen: z.literal(false) }), z.object({ chosen: z.literal(true), folder: z.string() })]),
  ),
  /** Looks at a folder without writing: writable, Alpine boot media, overlays already there. */
  'bootmedia:inspect': channel(z.object({ folder: folderSchema, medium: mediumKindSchema }), mediumReportSchema),
  /**
   * Writes `<hostname>.apkovl.tar.gz` for the profile onto the medium with a
   * host key made for this box, and saves the target with that key trusted.
   * Nothing is left half-written when it fails.
   */
  'bootmedia:prepare': channel(prepareRequestSchema, preparedSchema),
  /**
   * One overlay per row of a batch, `<hostname>.apkovl.tar.gz`, each with the
   * row's values and a host key of its own, trusted in Cairn's known_hosts
   * before any box is powered on. The rows are checked as a whole first;
   * nothing is written unless every row is fine.
   */
  'bootmedia:prepare-batch': channel(prepareBatchRequestSchema, batchMediaSchema),
};
