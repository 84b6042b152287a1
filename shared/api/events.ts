import { z } from 'zod';
import type { EventName } from './names';
import { apiErrorSchema, idSchema } from './result';

export const MENU_COMMANDS = ['profile.new', 'profile.open', 'profile.save', 'answerfile.import', 'answerfile.export'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

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
  /** A native menu item the window acts on (the menu lives in the main process). */
  'menu.command': z.object({ command: z.enum(MENU_COMMANDS) }),
} satisfies { [E in EventName]: z.ZodType };

export type Events = typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
