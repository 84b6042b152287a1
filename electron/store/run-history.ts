import { open, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { fail, idSchema, ok, type Result, type StoreProblem } from '../../shared/api/result';
import { RUN_LOG_TAIL_BYTES, runSummarySchema, type RunSummaryInfo } from '../../shared/api/runs';
import { writeFileAtomic } from './atomic-write';
import { batchSchema } from '../../shared/batch/schema';

// Runs as the runner left them on disk (runs/<runId>/summary.json and
// output.log), and the request that started each fleet (fleets/<fleetId>.json)
// so "Retry failed" works after Cairn restarts.

const MAX_LISTED = 1000;

async function readSummary(runsDir: string, name: string): Promise<{ summary: RunSummaryInfo } | { problem: StoreProblem } | null> {
  const file = join(runsDir, name, 'summary.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // A folder without a summary is a run that never got going: nothing to show.
    return null;
  }
  try {
    const parsed = runSummarySchema.safeParse(JSON.parse(text));
    if (parsed.success) return { summary: parsed.data };
    return {
      problem: { file, message: `The summary of run ${name} is not in the shape Cairn writes, so it is not listed (${parsed.error.issues[0]?.message ?? 'unknown problem'}).` },
    };
  } catch {
    return { problem: { file, message: `The summary of run ${name} is damaged (not JSON), so it is not listed; its log is still in ${join(runsDir, name, 'output.log')}.` } };
  }
}

/** Every run on disk, newest first (at most 1000), and the summaries that could not be read. */
export async function listRuns(runsDir: string): Promise<{ runs: RunSummaryInfo[]; problems: StoreProblem[] }> {
  let names: string[];
  try {
    names = (await readdir(runsDir)).filter((n) => idSchema.safeParse(n).success);
  } catch {
    return { runs: [], problems: [] };
  }
  const runs: RunSummaryInfo[] = [];
  const problems: StoreProblem[] = [];
  for (const read of await Promise.all(names.map((n) => readSummary(runsDir, n)))) {
    if (read === null) continue;
    if ('summary' in read) runs.push(read.summary);
    else problems.push(read.problem);
  }
  runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId));
  return { runs: runs.slice(0, MAX_LISTED), problems };
}

/** The end of a log: the last `max` bytes, starting at a whole UTF-8 character. */
async function logTail(path: string, max: number): Promise<{ text: string; start: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { text: '', start: 0 };
  }
  try {
    const size = (await handle.stat()).size;
    let start = Math.max(0, size - max);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let skip = 0;
    while (skip < buffer.length && skip < 4 && start + skip > 0 && ((buffer[skip] ?? 0) & 0xc0) === 0x80) skip++;
    start += skip;
    return { text: buffer.subarray(skip).toString('utf8'), start };
  } finally {
    await handle.close();
  }
}

export interface RunRead {
  summary: RunSummaryInfo;
  log: string;
  logStart: number;
  logPath: string;
}

export async function readRun(runsDir: string, runId: string): Promise<Result<RunRead>> {
  const read = await readSummary(runsDir, runId);
  if (read === null) return fail('not-found', 'This run is not on disk any more; it may have been removed. Refresh the list of runs.');
  if ('problem' in read) return fail('corrupt-store', read.problem.message);
  const logPath = join(runsDir, runId, 'output.log');
  const tail = await logTail(logPath, RUN_LOG_TAIL_BYTES);
  return ok({ summary: read.summary, log: tail.text, logStart: tail.start, logPath });
}

/** The runs of one runs folder, as the Runs screen looks back at them. */
export interface RunHistory {
  list(): Promise<{ runs: RunSummaryInfo[]; problems: StoreProblem[] }>;
  get(runId: string): Promise<Result<RunRead>>;
}

export const runHistory = (runsDir: string): RunHistory => ({
  list: () => listRuns(runsDir),
  get: (runId) => readRun(runsDir, runId),
});

/** The newest run of each target in a fleet, from disk. */
export async function latestRunsOf(runsDir: string, fleetId: string): Promise<Map<string, RunSummaryInfo>> {
  return (await fleetRunsOf(runsDir, fleetId)).latest;
}

/** A string field of a summary that did not parse, read from its text: the runner writes runId, fleetId and targetId first, so a cut-off file still names them. */
const fieldOf = (text: string, name: string): string | null => new RegExp(`"${name}"\\s*:\\s*"([a-z0-9-]{1,64})"`).exec(text)?.[1] ?? null;

/**
 * The newest readable run of each target in a fleet, and the targets of the
 * fleet with a run whose summary cannot be read (found by the fleet and
 * target its damaged text still names): a retry cannot tell what such a run did.
 */
export async function fleetRunsOf(runsDir: string, fleetId: string): Promise<{ latest: Map<string, RunSummaryInfo>; unreadable: Set<string> }> {
  const { runs, problems } = await listRuns(runsDir);
  const latest = new Map<string, RunSummaryInfo>();
  for (const run of runs) if (run.fleetId === fleetId && !latest.has(run.targetId)) latest.set(run.targetId, run);
  const unreadable = new Set<string>();
  for (const problem of problems) {
    const text = await readFile(problem.file, 'utf8').catch(() => '');
    const targetId = fieldOf(text, 'targetId');
    if (fieldOf(text, 'fleetId') === fleetId && targetId !== null) unreadable.add(targetId);
  }
  return { latest, unreadable };
}

const fleetRecordSchema = z.object({
  version: z.literal(1),
  fleetId: idSchema,
  profileId: idSchema,
  targetIds: z.array(idSchema),
  confirmErase: z.array(z.string()),
  reboot: z.boolean(),
  concurrency: z.number().int(),
  startedAt: z.string(),
  /** A batch fleet: the table, and the target of each of its rows in order, so a retry gives each box its own values again. */
  batch: batchSchema.optional(),
  rowTargets: z.array(idSchema).optional(),
});
export type FleetRecord = z.infer<typeof fleetRecordSchema>;

/** Fleets are kept beside the runs folder (userData/fleets), so the runs folder holds only runs. */
const fleetFile = (runsDir: string, fleetId: string) => join(dirname(runsDir), 'fleets', `${fleetId}.json`);

export async function saveFleet(runsDir: string, record: FleetRecord): Promise<void> {
  await writeFileAtomic(fleetFile(runsDir, record.fleetId), `${JSON.stringify(record, null, 2)}\n`);
}

export async function readFleet(runsDir: string, fleetId: string): Promise<FleetRecord | null> {
  try {
    const parsed = fleetRecordSchema.safeParse(JSON.parse(await readFile(fleetFile(runsDir, fleetId), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The id of the saved profile an install run used, read from its fleet's record; null when the run or its fleet is not on disk. */
export async function profileIdOfRun(runsDir: string, runId: string): Promise<string | null> {
  const read = await readSummary(runsDir, runId);
  if (read === null || 'problem' in read || read.summary.fleetId === null) return null;
  return (await readFleet(runsDir, read.summary.fleetId))?.profileId ?? null;
}
