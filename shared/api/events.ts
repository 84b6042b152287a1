import { z } from 'zod';
import type { EventName } from './names';
import { apiErrorSchema, idSchema } from './result';

// Placeholders until the runner exists: the shapes the Run screen will consume.
export const eventSchemas = {
  'run.output': z.object({
    runId: idSchema,
    targetId: idSchema,
    stream: z.enum(['stdout', 'stderr']),
    text: z.string(),
  }),
  'run.step': z.object({
    runId: idSchema,
    targetId: idSchema,
    stepId: z.string(),
    status: z.enum(['running', 'succeeded', 'failed', 'skipped']),
  }),
  'run.done': z.object({
    runId: idSchema,
    status: z.enum(['succeeded', 'failed', 'cancelled']),
    error: apiErrorSchema.nullable(),
  }),
} satisfies { [E in EventName]: z.ZodType };

export type Events = typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
