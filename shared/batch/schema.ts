import { z } from 'zod';
import { BATCH_COLUMNS } from './csv-columns';

const cell = z.string().max(2000, { error: 'A cell holds at most 2000 characters.' });

/** A batch as the window sends it: the table as typed, every cell text. */
export const batchSchema = z.object({
  hostname: cell.default(''),
  ipv4Pool: cell.default(''),
  rows: z
    .array(z.object(Object.fromEntries(BATCH_COLUMNS.map((c) => [c, cell.default('')])) as Record<(typeof BATCH_COLUMNS)[number], z.ZodDefault<typeof cell>>))
    .max(500, { error: 'A batch holds at most 500 boxes.' }),
});

export const batchProblemSchema = z.object({
  row: z.number().int().nullable(),
  column: z.string(),
  message: z.string(),
});

/** What a check of a batch found: its problems, or one line per box. */
export const batchCheckSchema = z.object({
  problems: z.array(batchProblemSchema),
  boxes: z.array(z.object({ row: z.number().int(), target: z.string(), hostname: z.string(), addresses: z.array(z.string()) })),
  /** The disks the profile erases on every box, to be typed before the batch starts. */
  erases: z.array(z.string()),
});
