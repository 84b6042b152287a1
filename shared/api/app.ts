import { z } from 'zod';
import { channel } from './channel';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  versions: z.object({ electron: z.string().nullable(), chrome: z.string().nullable(), node: z.string() }),
  /** Where profiles, targets and run logs are kept (shown so a person can back them up). */
  userDataDir: z.string(),
  logFile: z.string(),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app:info': channel(z.object({}), appInfoSchema),
};
