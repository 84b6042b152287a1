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
  // What a run on a box can end with (electron/runs), besides the SSH codes above.
  'confirmation-mismatch',
  'preflight-refused',
  'key-unreadable',
  'connection-lost',
  'idle-timeout',
  'upload-mismatch',
  'remote-failed',
  'step-failed',
  'output-error',
  'prompt-loop',
  'interrupted',
  // What a box action can be refused with (electron/boxes).
  'unsaved-changes',
  'lbu-not-configured',
  'unexpected-output',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The codes one layer can fail with (SSH, boxes, runs): a part of the closed
 * list, so a code the window has no sentence for does not compile.
 */
export type ErrorCodeSubset<C extends ErrorCode> = C;

/**
 * What the window needs to act on a host-key refusal: the presented key (so
 * it can be compared and, for a first contact, trusted) and, for a changed
 * key, the fingerprint Cairn expected and which file holds it.
 */
export const hostKeyDetailsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** `SHA256:...` of the key the server presented. */
  fingerprint: z.string(),
  /** The presented key blob in base64, as knownHosts:accept takes it. */
  key: z.string(),
  /** host-key-changed only: the fingerprint on file. */
  expected: z.string().optional(),
  /**
   * host-key-changed only: `cairn` (Cairn's own file, removable from the window), `user` (~/.ssh/known_hosts)
   * or `medium` (the key Cairn made for the box's boot medium, kept with its target).
   */
  knownIn: z.enum(['cairn', 'user', 'medium']).optional(),
});

export type HostKeyDetails = z.infer<typeof hostKeyDetailsSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** A plain sentence for a person: what went wrong and what to do. */
  message: z.string(),
  /** The dotted path of the request field at fault, when one is. */
  field: z.string().optional(),
  /** Data the window acts on; only host-key errors carry it so far. */
  details: hostKeyDetailsSchema.optional(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * What every layer answers: the value, or why not as data. The error type is
 * the layer's own (SshError, BoxError, ...); at the contract it is ApiError.
 */
export type Ok<T> = { ok: true; value: T };
export type Err<E> = { ok: false; error: E };
export type Result<T, E = ApiError> = Ok<T> | Err<E>;
export type Failed = Err<ApiError>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** A contract failure from its parts; `field` is the dotted path of the request field at fault. */
export const fail = (code: ErrorCode, message: string, field?: string): Failed => err(field === undefined ? { code, message } : { code, message, field });

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: apiErrorSchema })]);
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
