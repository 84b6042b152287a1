import { z } from 'zod';
import type { PackageVersion, Repository, Upgradable } from './apk';
import { DRIFT_SECTIONS, type DiffLine, type Drift, type FixStep } from './drift-core';
import type { BoxFacts } from './facts';
import type { LbuBackup, LbuChange } from './lbu';
import type { ReceiptSummary } from './receipt';
import { SERVICE_STATES, type RcLevel, type ServiceSummary } from './rc-status';

/**
 * zod schemas of what the boxes service returns, for the IPC contract
 * (shared/api). Each is checked below against the parser's own type, so
 * the two cannot drift apart.
 */
export const repositorySchema = z.object({ url: z.string(), tag: z.string().nullable() });

const receiptOriginSchema = z.object({ profileId: z.string().nullable(), profileName: z.string(), at: z.string(), cairnVersion: z.string() });
export const receiptSummarySchema = receiptOriginSchema.extend({ kind: z.enum(['install', 'apply']), madeBy: receiptOriginSchema.nullable() });

export const boxFactsSchema = z.object({
  alpineVersion: z.string().nullable(),
  hostname: z.string().nullable(),
  runningHostname: z.string().nullable(),
  kernel: z.string().nullable(),
  arch: z.string().nullable(),
  bootId: z.string().nullable(),
  uptimeSeconds: z.number().nullable(),
  load: z.object({ one: z.number(), five: z.number(), fifteen: z.number() }).nullable(),
  memory: z.object({ totalKib: z.number(), availableKib: z.number(), swapTotalKib: z.number(), swapFreeKib: z.number() }).nullable(),
  filesystems: z.array(z.object({ source: z.string(), mountpoint: z.string(), sizeKib: z.number(), usedKib: z.number(), availableKib: z.number(), usedPercent: z.number() })),
  storage: z.enum(['installed', 'diskless', 'data', 'unknown']),
  lbu: z.object({ media: z.string().nullable(), backupDir: z.string().nullable(), uncommitted: z.number().int().nullable(), problem: z.string().nullable() }),
  upgrades: z.object({ count: z.number().int(), indexesMissing: z.boolean() }),
  timezone: z.string().nullable(),
  world: z.array(z.string()),
  repositories: z.array(repositorySchema),
  runlevels: z.record(z.string(), z.array(z.string())),
  receipt: receiptSummarySchema.nullable(),
});

export const serviceStateSchema = z.enum(SERVICE_STATES);
export const rcLevelSchema = z.object({
  name: z.string(),
  kind: z.enum(['runlevel', 'stacked', 'dynamic']),
  services: z.array(z.object({ name: z.string(), state: serviceStateSchema, upSeconds: z.number().nullable() })),
});
export const serviceSummarySchema = z.object({
  name: z.string(),
  state: serviceStateSchema,
  upSeconds: z.number().nullable(),
  runlevels: z.array(z.string()),
});
export const servicesListSchema = z.object({ levels: z.array(rcLevelSchema), services: z.array(serviceSummarySchema) });

export const packageVersionSchema = z.object({ name: z.string(), version: z.string() });
export const installedPackageSchema = packageVersionSchema.extend({ inWorld: z.boolean() });
export const upgradableSchema = z.object({ name: z.string(), installed: z.string(), available: z.string(), tag: z.string().nullable() });
export const upgradesListSchema = z.object({ packages: z.array(upgradableSchema), indexesMissing: z.boolean() });

export const lbuChangeSchema = z.object({ kind: z.enum(['added', 'updated', 'deleted']), path: z.string() });
export const lbuBackupSchema = z.object({
  file: z.string(),
  hostname: z.string(),
  stamp: z.string(),
  date: z.string().nullable(),
  cipher: z.string().nullable(),
});

const driftSectionSchema = z.enum(DRIFT_SECTIONS);
export const fixStepSchema = z.object({ id: z.string(), section: driftSectionSchema, title: z.string(), command: z.string(), guarded: z.boolean() });
export const diffLineSchema = z.object({ side: z.enum(['both', 'profile', 'box']), text: z.string() });
export const driftSchema = z.object({
  field: driftSectionSchema,
  item: z.string().nullable(),
  expected: z.string(),
  actual: z.string(),
  diff: z.array(diffLineSchema),
  fix: fixStepSchema.nullable(),
  guarded: z.boolean(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Same<A, B>) => proof;
same<z.infer<typeof boxFactsSchema>, BoxFacts>(true);
same<z.infer<typeof repositorySchema>, Repository>(true);
same<z.infer<typeof rcLevelSchema>, RcLevel>(true);
same<z.infer<typeof serviceSummarySchema>, ServiceSummary>(true);
same<z.infer<typeof packageVersionSchema>, PackageVersion>(true);
same<z.infer<typeof upgradableSchema>, Upgradable>(true);
same<z.infer<typeof lbuChangeSchema>, LbuChange>(true);
same<z.infer<typeof lbuBackupSchema>, LbuBackup>(true);
same<z.infer<typeof fixStepSchema>, FixStep>(true);
same<z.infer<typeof driftSchema>, Drift>(true);
same<z.infer<typeof diffLineSchema>, DiffLine>(true);
same<z.infer<typeof receiptSummarySchema>, ReceiptSummary>(true);
