import { z } from 'zod';
import { profileSchema } from '../profile/schema';
import { channel } from './channel';
import { idSchema, storeProblemSchema } from './result';

export const profileSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  hostname: z.string(),
  /** ISO 8601 time of the last save. */
  updatedAt: z.string(),
  /** The profile format the file was written in, when older than today's. */
  migratedFrom: z.number().int().nullable(),
});

export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const storedProfileSchema = z.object({
  id: idSchema,
  updatedAt: z.string(),
  migratedFrom: z.number().int().nullable(),
  profile: profileSchema,
  /**
   * Secrets the profile had that could not be read back (a wifi passphrase
   * kept only for a session that has ended), by field path: they are empty
   * in `profile` and must be entered again.
   */
  lostSecrets: z.array(z.string()).optional(),
});

export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const profileChannels = {
  'profiles:list': channel(z.object({}), z.object({ profiles: z.array(profileSummarySchema), problems: z.array(storeProblemSchema) })),
  'profiles:get': channel(z.object({ id: idSchema }), storedProfileSchema),
  /** Without an id the profile is saved as a new one. */
  'profiles:save': channel(z.object({ id: idSchema.optional(), profile: profileSchema }), profileSummarySchema),
  'profiles:remove': channel(z.object({ id: idSchema }), z.object({ id: idSchema })),
  /** The copy is named `name`, or "<original> (copy)" when no name is given. */
  'profiles:duplicate': channel(z.object({ id: idSchema, name: z.string().trim().min(1, { error: 'Give the copy a name.' }).optional() }), profileSummarySchema),
};
