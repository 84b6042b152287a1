import { z } from 'zod';
// The schema and rc-status modules only: the rest of shared/boxes pulls in the
// package catalogue, which must stay out of the window's first chunk.
import { isServiceName } from '../boxes/rc-status';
import {
  boxFactsSchema,
  driftSchema,
  fixStepSchema,
  installedPackageSchema,
  lbuBackupSchema,
  lbuChangeSchema,
  receiptSummarySchema,
  servicesListSchema,
  upgradesListSchema,
} from '../boxes/schema';
import { channel } from './channel';
import { apiErrorSchema, idSchema } from './result';

/** What a box action run is about; its output events and run log carry it. */
export const BOX_ACTIONS = ['service-action', 'runlevel-action', 'add-packages', 'remove-packages', 'upgrade', 'lbu-commit', 'power', 'apply-drift'] as const;
export type BoxAction = (typeof BOX_ACTIONS)[number];

/** A box's facts as last read, or why they could not be read (unreachable, host key changed, ...). */
export const boxOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), facts: boxFactsSchema, refreshedAt: z.string() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema, at: z.string() }),
]);
export type BoxOutcome = z.infer<typeof boxOutcomeSchema>;

export const boxStatusSchema = z.object({ targetId: idSchema, outcome: boxOutcomeSchema });
export type BoxStatus = z.infer<typeof boxStatusSchema>;

const target = { targetId: idSchema };
const targetOnly = z.object(target);

const serviceName = z
  .string({ error: 'Name the service, like nginx or sshd.' })
  .trim()
  .refine(isServiceName, { error: 'That is not a service name; use the name of a file in /etc/init.d, like nginx or sshd.' });

const packageNames = z
  .array(z.string().trim().min(1, { error: 'A package name cannot be empty.' }).max(128, { error: 'Package names are shorter than 128 characters.' }), {
    error: 'Name the packages, like htop.',
  })
  .min(1, { error: 'Name at least one package, like htop.' })
  .max(100, { error: 'Change at most 100 packages at once.' });

/**
 * How a guarded change ended: `confirmed` (Cairn reached the box again and it
 * stays) or `reverted` (the box put it back by itself: no confirm within the
 * window, or the change failed there), and where the box answers now.
 */
export const guardedOutcomeSchema = z.object({
  outcome: z.enum(['confirmed', 'reverted']),
  at: z.string(),
  why: z.enum(['timeout', 'apply-failed']).optional(),
  /** The change moved the box and the target points at this address now. */
  movedTo: z.string().optional(),
  windowSeconds: z.number(),
  summary: z.string(),
});
export type GuardedOutcome = z.infer<typeof guardedOutcomeSchema>;

/** Every action that changes a box answers with the id of the run that logged it. */
const ran = { runId: idSchema };

export const powerActionSchema = z.enum(['reboot', 'poweroff'], { error: 'Choose reboot or poweroff.' });
export type PowerAction = z.infer<typeof powerActionSchema>;

export const boxChannels = {
  /** Reads one box's facts now (one exec). */
  'boxes:facts': channel(z.object(target), z.object({ targetId: idSchema, facts: boxFactsSchema, refreshedAt: z.string() })),
  /**
   * Reads many boxes a few at a time (all targets when `targetIds` is left
   * out); each outcome is also sent as a `boxes.facts` event as soon as it is
   * known. A box that cannot be reached comes back with the reason, never
   * failing the others.
   */
  'boxes:refresh': channel(z.object({ targetIds: z.array(idSchema).max(500).optional() }), z.object({ boxes: z.array(boxStatusSchema) })),
  'boxes:services': channel(targetOnly, servicesListSchema),
  /**
   * Starts, stops or restarts a service now. A stop or restart that can cut
   * Cairn off (networking, sshd, wifi, the firewall) runs guarded: the box
   * undoes it by itself unless Cairn reaches it again within `windowSeconds`
   * (default 90) and confirms; `guarded` says which happened.
   */
  'boxes:service-action': channel(
    z.object({
      ...target,
      name: serviceName,
      action: z.enum(['start', 'stop', 'restart'], { error: 'Choose start, stop or restart.' }),
      windowSeconds: z
        .number({ error: 'The window is a number of seconds, from 5 to 3600.' })
        .int({ error: 'The window is a whole number of seconds, from 5 to 3600.' })
        .min(5, { error: 'Give the box at least 5 seconds to be reached again.' })
        .max(3600, { error: 'The window is at most 3600 seconds (one hour).' })
        .optional(),
    }),
    z.object({ ...ran, name: z.string(), action: z.enum(['start', 'stop', 'restart']), guarded: guardedOutcomeSchema.optional() }),
  ),
  'boxes:runlevel-action': channel(
    z.object({
      ...target,
      name: serviceName,
      runlevel: z.string({ error: 'Name the runlevel, like default or boot.' }).trim().min(1, { error: 'Name the runlevel, like default or boot.' }),
      action: z.enum(['add', 'del'], { error: 'Choose add or del.' }),
    }),
    z.object({ ...ran, name: z.string(), runlevel: z.string(), action: z.enum(['add', 'del']) }),
  ),
  'boxes:packages': channel(targetOnly, z.object({ packages: z.array(installedPackageSchema) })),
  /** `refresh` downloads fresh indexes first (apk update; needs the box to reach its mirror). */
  'boxes:upgradable': channel(z.object({ ...target, refresh: z.boolean().default(false) }), upgradesListSchema),
  'boxes:add-packages': channel(z.object({ ...target, names: packageNames }), z.object({ ...ran, names: z.array(z.string()), summary: z.string().nullable() })),
  'boxes:remove-packages': channel(z.object({ ...target, names: packageNames }), z.object({ ...ran, names: z.array(z.string()), summary: z.string().nullable() })),
  /** apk -U upgrade; its output streams as `boxes.output` while it runs. */
  'boxes:upgrade': channel(targetOnly, z.object({ ...ran, summary: z.string().nullable() })),
  'boxes:lbu-status': channel(targetOnly, z.object({ changes: z.array(lbuChangeSchema) })),
  'boxes:lbu-diff': channel(targetOnly, z.object({ text: z.string(), files: z.array(z.string()) })),
  /** lbu keeps no message: Cairn writes it to the run's log. */
  'boxes:lbu-commit': channel(
    z.object({ ...target, message: z.string({ error: 'Write what changed.' }).trim().max(500, { error: 'Keep the message under 500 characters.' }) }),
    z.object({ ...ran, message: z.string(), committedAt: z.string() }),
  ),
  'boxes:lbu-backups': channel(targetOnly, z.object({ backups: z.array(lbuBackupSchema) })),
  /**
   * Reboots or powers off. Refused with `unsaved-changes` when the box runs
   * from RAM with changes lbu has not saved, unless `force`. After a reboot
   * Cairn waits for the box and sends `boxes.back`.
   */
  'boxes:power': channel(
    z.object({
      ...target,
      action: powerActionSchema,
      force: z.boolean().default(false),
      /** The install run this reboot follows: when its profile moved the box to a static address, the target follows it there. */
      afterRun: idSchema.optional(),
    }),
    z.object({ ...ran, action: powerActionSchema, waiting: z.boolean() }),
  ),
  /**
   * How the box differs from a saved profile, or (`profileId` null) from the
   * profile its receipt (/etc/cairn/receipt.json) records, and the steps that
   * would put it right. Guarded steps (network, DNS, the SSH server) wait for
   * confirm-or-revert.
   */
  'boxes:drift': channel(
    z.object({ ...target, profileId: idSchema.nullable() }),
    z.object({
      profileName: z.string(),
      profileId: z.string().nullable(),
      against: z.enum(['profile', 'receipt']),
      /** Who made the box and when, from its receipt; null without one. */
      receipt: receiptSummarySchema.nullable(),
      drift: z.array(driftSchema),
      steps: z.array(fixStepSchema),
    }),
  ),
  /**
   * Runs only the steps the box is missing (guarded ones skipped, and named,
   * until confirm-or-revert takes them), then compares again, leaves a
   * receipt and, on a box that runs from RAM, saves with lbu commit.
   */
  'boxes:apply-drift': channel(
    z.object({ ...target, profileId: idSchema.nullable() }),
    z.object({
      ...ran,
      ran: z.array(fixStepSchema),
      skipped: z.array(fixStepSchema),
      remaining: z.array(driftSchema),
      receipt: z.boolean(),
      saved: z.object({ committed: z.boolean(), note: z.string() }).nullable(),
    }),
  ),
  /**
   * Stops a running box action (an install, an upgrade, applying a profile) by
   * the run id its `boxes.output` events carry: its command on the box is
   * killed, its run ends `cancelled` and the action answers a `cancelled`
   * error. Answers once the run has ended; `cancelled` is false when that run
   * was not going (any more).
   */
  'boxes:cancel': channel(z.object(ran), z.object({ cancelled: z.boolean() })),
};

/** Events of the boxes: facts as each box answers, the end of a wait after reboot, and live output of actions. */
export const boxEventSchemas = {
  'boxes.facts': boxStatusSchema,
  'boxes.back': z.object({
    targetId: idSchema,
    runId: idSchema,
    ok: z.boolean(),
    bootId: z.string().nullable(),
    error: apiErrorSchema.optional(),
    /** The address the box came back at, when the install moved it there and the target now points there. */
    movedTo: z.string().optional(),
  }),
  /**
   * A run's first event has empty text and is sent as the run opens, before
   * the box prints anything: the window learns the run id (for Stop) at once.
   */
  'boxes.output': z.object({ runId: idSchema, targetId: idSchema, action: z.enum(BOX_ACTIONS), text: z.string() }),
};
