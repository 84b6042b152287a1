import { z } from 'zod';
import { SECTIONS } from '../runs/sections';
import { FINAL_RUN_STATUSES, RUN_STATUSES, STEP_STATUSES } from '../runs/statuses';
import { batchCheckSchema, batchSchema } from '../batch/schema';
import { channel } from './channel';
import { ERROR_CODES, hostKeyDetailsSchema, idSchema, storeProblemSchema } from './result';

// Runs: a profile's plan executed on targets by the main process. A fleet is
// the runs started together; each run is one target with its own log.

export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatusName = z.infer<typeof runStatusSchema>;
export const finalRunStatusSchema = z.enum(FINAL_RUN_STATUSES);

export const runStepStatusSchema = z.enum(STEP_STATUSES);
export type RunStepStatus = z.infer<typeof runStepStatusSchema>;

/** Why a run ended badly; the code is one of the contract's closed set, so the window has a sentence for it. */
export const runErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** The step it happened in; null before the plan started. */
  stepId: z.string().nullable(),
  /** A refused host key: what the window shows to compare and trust it where the run is. */
  details: hostKeyDetailsSchema.optional(),
});
export type RunErrorInfo = z.infer<typeof runErrorSchema>;

export const FINDING_KINDS = ['invalid-hostname', 'invalid-timezone', 'retry', 'user-not-created', 'not-a-block-device', 'invalid-choice', 'apk-error', 'prompt-loop'] as const;
export const sectionSchema = z.enum(SECTIONS);

/** Something the output showed that the exit code did not: an error (the box differs from the profile) or a warning. */
export const runFindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(['error', 'warning']),
  reason: z.string(),
  line: z.string(),
  section: sectionSchema.nullable(),
});
export type RunFinding = z.infer<typeof runFindingSchema>;

/** setup-alpine's section, 1-based, of `total`. */
export const runProgressSchema = z.object({ section: sectionSchema, index: z.number().int(), total: z.number().int() });
export type RunProgress = z.infer<typeof runProgressSchema>;

export const preflightFactsSchema = z.object({
  alpineRelease: z.string().nullable(),
  arch: z.string().nullable(),
  uid: z.number().int().nullable(),
  doas: z.boolean(),
  doasNoPassword: z.boolean(),
  setupAlpine: z.string().nullable(),
  alpineConf: z.string().nullable(),
  memTotalKb: z.number().nullable(),
  disks: z.array(z.string()).nullable(),
  interfaces: z.array(z.string()).nullable(),
  boot: z.enum(['ram', 'disk', 'unknown']),
  rootMount: z.string().nullable(),
  media: z.array(z.string()).nullable().optional(),
});
export const preflightProblemSchema = z.object({ severity: z.enum(['error', 'warning']), message: z.string() });
export type RunPreflightProblem = z.infer<typeof preflightProblemSchema>;

/** Which run an event belongs to. */
export const runRefSchema = z.object({ runId: idSchema, fleetId: idSchema.nullable(), targetId: idSchema });

export const runStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  destructive: z.boolean(),
  status: runStepStatusSchema,
  exitCode: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  findings: z.array(runFindingSchema),
  error: runErrorSchema.nullable(),
  /** A retry's `skipped` step that the run before (this id) completed, so it was not run again. */
  doneIn: idSchema.optional(),
});
export type RunStepRecord = z.infer<typeof runStepSchema>;

/**
 * How a retry treats one box: the steps of its plan it runs again and those
 * it skips because the run before completed them (shared/plan/resume.ts);
 * or why it runs them all.
 */
export const runResumeSchema = z.object({
  /** The box's run this retry follows; null when it had none Cairn could read. */
  previousRunId: idSchema.nullable(),
  /** The first step run again that the run before did not complete (where it failed); null when there is none. */
  from: z.object({ id: z.string(), title: z.string() }).nullable(),
  /** Ids of the steps run again, in plan order. */
  rerun: z.array(z.string()),
  /** Ids of the steps skipped, done by the run before. */
  skipped: z.array(z.string()),
  /** Why every step runs again (a clause: "the profile was changed after its last run"); null when the retry resumes. */
  why: z.string().nullable(),
});
export type RunResume = z.infer<typeof runResumeSchema>;

/** A run as saved on disk (its summary.json), less what stays in the main process. */
export const runSummarySchema = runRefSchema.extend({
  target: z.object({ host: z.string(), port: z.number().int(), user: z.string() }),
  profileName: z.string(),
  status: runStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  preflight: z.object({ facts: preflightFactsSchema.nullable(), problems: z.array(preflightProblemSchema) }),
  progress: runProgressSchema.nullable(),
  steps: z.array(runStepSchema),
  findings: z.array(runFindingSchema),
  error: runErrorSchema.nullable(),
  logBytes: z.number().int(),
  /** A retry: which steps it ran again and which it skipped (absent for a first run). */
  resume: runResumeSchema.optional(),
});
export type RunSummaryInfo = z.infer<typeof runSummarySchema>;

/** One step as the plan will run it, for the confirmation before starting. */
export const plannedStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  destructive: z.boolean(),
  /** Exactly the disks this step wipes. */
  erases: z.array(z.string()),
});
export type PlannedStep = z.infer<typeof plannedStepSchema>;

export const targetPlanSchema = z.object({
  targetId: idSchema,
  targetName: z.string(),
  /** host:port and user, so the person sees which machine is meant. */
  address: z.string(),
  steps: z.array(plannedStepSchema),
  erases: z.array(z.string()),
});
export type TargetPlan = z.infer<typeof targetPlanSchema>;

const targetIdsSchema = z
  .array(idSchema, { error: 'Choose the targets to run on.' })
  .min(1, { error: 'Choose at least one target to run on.' })
  .max(500, { error: 'Run on at most 500 targets at once.' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'A target is chosen twice; choose each target once.' });

const fleetStartedSchema = z.object({
  fleetId: idSchema,
  /** One per target, in the order of the request's targetIds (retry: only the targets run again). */
  runIds: z.array(idSchema),
  targetIds: z.array(idSchema),
  /** A retry: for each box run again (in the order of targetIds), the steps it reruns and skips, or why it reruns them all. */
  resumes: z.array(runResumeSchema.extend({ targetId: idSchema })).optional(),
});
export type FleetStarted = z.infer<typeof fleetStartedSchema>;

/** How many runs are logged in one `runs:get` answer at most: the tail, and where it starts in the file. */
export const RUN_LOG_TAIL_BYTES = 2 * 1024 * 1024;

export const runChannels = {
  /**
   * What a run of the saved profile would do on each target: the steps (the
   * destructive ones marked) and the disks erased, for the confirmation.
   * `problems` lists the profile's errors; a profile with errors cannot start.
   */
  'runs:plan': channel(
    z.object({ profileId: idSchema, targetIds: targetIdsSchema, reboot: z.boolean().default(false) }),
    z.object({
      profileName: z.string(),
      targets: z.array(targetPlanSchema),
      /** Every disk erased on any target, once each. */
      erases: z.array(z.string()),
      problems: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  ),
  /**
   * Starts the saved profile on the targets in the background and answers at
   * once; run.* events follow. `confirmErase` must name exactly the disks the
   * plan erases (the person typed them), or the runs are refused unsent.
   */
  'runs:start': channel(
    z.object({
      profileId: idSchema,
      targetIds: targetIdsSchema,
      confirmErase: z.array(z.string().trim().min(1)).default([]),
      reboot: z.boolean().default(false),
      concurrency: z.number().int().min(1, { error: 'Run at least one target at a time.' }).max(50, { error: 'Run at most 50 targets at a time.' }).optional(),
    }),
    fleetStartedSchema,
  ),
  /** Stops one run, or every run of a fleet; runs already ended are left as they are. */
  'runs:cancel': channel(
    z.union([z.object({ runId: idSchema }).strict(), z.object({ fleetId: idSchema }).strict()], { error: 'Name the run (runId) or the fleet (fleetId) to cancel.' }),
    z.object({ cancelled: z.number().int() }),
  ),
  /** Runs kept on disk, newest first, with the ones still going. */
  'runs:list': channel(z.object({}), z.object({ runs: z.array(runSummarySchema), problems: z.array(storeProblemSchema) })),
  /** One run's summary and its log (the last RUN_LOG_TAIL_BYTES; `logStart` is where that tail begins in the file). */
  'runs:get': channel(z.object({ runId: idSchema }), z.object({ summary: runSummarySchema, log: z.string(), logStart: z.number().int(), logPath: z.string() })),
  /** Runs the fleet's failed, refused, cancelled or interrupted targets again; `targetIds` narrows it to those (one box whose key was just trusted). */
  'runs:retry-failed': channel(z.object({ fleetId: idSchema, targetIds: z.array(idSchema).min(1).max(500).optional() }), fleetStartedSchema),
  /**
   * A saved profile with a table of boxes, each with its own values, checked
   * as a whole: every problem named by row and column, and for a table
   * without problems one line per box (target, hostname, addresses). A row's
   * target is a saved target's name, or user@host[:port] (saved as a new
   * target, tagged "batch", when the batch starts).
   */
  'runs:check-batch': channel(z.object({ profileId: idSchema, batch: batchSchema }), batchCheckSchema),
  /** Starts one run per row of a batch with no problems (else refuses with them, unsent); like runs:start otherwise. */
  'runs:start-batch': channel(
    z.object({
      profileId: idSchema,
      batch: batchSchema,
      confirmErase: z.array(z.string().trim().min(1)).default([]),
      reboot: z.boolean().default(false),
      concurrency: z.number().int().min(1, { error: 'Run at least one target at a time.' }).max(50, { error: 'Run at most 50 targets at a time.' }).optional(),
    }),
    fleetStartedSchema,
  ),
};
