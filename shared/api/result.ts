import { z } from 'zod';

/**
 * Every way a request can fail, as data. The set is closed: the renderer has a
 * sentence for each (error-sentences.ts) and a new failure needs a new code here.
 */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'corrupt-store',
  'newer-format',
  'io-failed',
  'host-key-unknown',
  'host-key-changed',
  'auth-failed',
  'unreachable',
  'timeout',
  'cancelled',
  'invalid-profile',
  'secrets-unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** A plain sentence for a person: what went wrong and what to do. */
  message: z.string(),
  /** The dotted path of the request field at fault, when one is. */
  field: z.string().optional(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;

export type Ok<T> = { ok: true; value: T };
export type Failed = { ok: false; error: ApiError };
export type Result<T> = Ok<T> | Failed;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, field?: string): Failed => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** Ids Cairn makes for stored things; the pattern also keeps them safe as file names. */
export const idSchema = z
  .string({ error: 'An id is required.' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'This id was not made by Cairn; pick the item from the list again.' });

/** Something in the store that could not be read, reported in words instead of hidden. */
export const storeProblemSchema = z.object({
  file: z.string(),
  message: z.string(),
});

export type StoreProblem = z.infer<typeof storeProblemSchema>;
