import { z } from 'zod';
import { boxEventSchemas } from './boxes';
import { discoverEventSchemas } from './discover';
import type { EventName } from './names';
import { finalRunStatusSchema, preflightFactsSchema, preflightProblemSchema, runErrorSchema, runFindingSchema, runProgressSchema, runRefSchema, runStepStatusSchema } from './runs';

export const MENU_COMMANDS = ['app.start', 'profile.new', 'profile.open', 'profile.save', 'answerfile.import', 'answerfile.export'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const eventSchemas = {
  /** New output of a run (stdout and stderr as they came), at most 30 events a second per run. */
  'run.output': runRefSchema.extend({ text: z.string() }),
  /** A step changed status; `preflight` is the first step of every run. */
  'run.step': runRefSchema.extend({
    stepId: z.string(),
    title: z.string(),
    status: runStepStatusSchema,
    exitCode: z.number().int().nullable(),
    findings: z.array(runFindingSchema),
    error: runErrorSchema.nullable(),
    doneIn: z.string().optional(),
  }),
  /** setup-alpine entered a new section. */
  'run.progress': runRefSchema.extend({ stepId: z.string(), progress: runProgressSchema }),
  /** What preflight read on the box and what it found. */
  'run.preflight': runRefSchema.extend({ facts: preflightFactsSchema.nullable(), problems: z.array(preflightProblemSchema) }),
  /** The run ended; nothing more comes for this runId. */
  'run.done': runRefSchema.extend({ status: finalRunStatusSchema, error: runErrorSchema.nullable(), findings: z.array(runFindingSchema) }),
  ...boxEventSchemas,
  ...discoverEventSchemas,
  /** A native menu item the window acts on (the menu lives in the main process). */
  'menu.command': z.object({ command: z.enum(MENU_COMMANDS) }),
} satisfies { [E in EventName]: z.ZodType };

export type Events = typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
