import { z } from 'zod';
import { channel } from './channel';

/** Largest text the open and save dialogs move; answer files and profiles are far smaller. */
export const MAX_TEXT_FILE_BYTES = 10 * 1024 * 1024;

export const fileFilterSchema = z.object({
  name: z.string().min(1),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9._-]+)$/, { error: 'A file extension is letters and digits without a dot, or *.' })),
});

export type FileFilter = z.infer<typeof fileFilterSchema>;

export const fileChannels = {
  /** Asks where to save with the system dialog, then writes the text there. */
  'files:save-text': channel(
    z.object({
      title: z.string().optional(),
      suggestedName: z
        .string()
        .min(1, { error: 'Suggest a file name.' })
        .regex(/^[^/\\\0]+$/, { error: 'The suggested file name cannot contain a folder.' }),
      text: z.string().max(MAX_TEXT_FILE_BYTES, { error: 'This text is too large to save (over 10 MB).' }),
      filters: z.array(fileFilterSchema).default([]),
    }),
    z.discriminatedUnion('saved', [z.object({ saved: z.literal(false) }), z.object({ saved: z.literal(true), path: z.string() })]),
  ),
  /** Asks which file to open with the system dialog and returns its text (UTF-8). */
  'files:open-text': channel(
    z.object({ title: z.string().optional(), filters: z.array(fileFilterSchema).default([]) }),
    z.discriminatedUnion('opened', [z.object({ opened: z.literal(false) }), z.object({ opened: z.literal(true), path: z.string(), name: z.string(), text: z.string() })]),
  ),
};
