import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

// A run is written by one process (the app, or a `cairn push` beside it). At
// start-up the app marks runs "left running" as interrupted, but a run still
// "running" may belong to a live `cairn` process. So each run's folder names
// its owner: the pid, and what tells that process from a later one given the
// same pid (the boot it ran in, and when it started).

export const OWNER_FILE = 'owner.json';

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  /** Linux's boot_id: every process of an earlier boot is gone, whatever pid a new one reuses. */
  boot: z.string().nullable(),
  /** When the process started: clock ticks after boot on Linux (/proc/<pid>/stat), exact. */
  startTicks: z.string().nullable(),
  /** When the process started, in ms since the epoch: for systems without /proc, compared within a few seconds. */
  startedAt: z.number().nullable(),
});
export type RunOwner = z.infer<typeof ownerSchema>;

/** Some seconds: `ps` says elapsed time in whole seconds, and a process's own clock starts a little after its exec. */
const START_SLACK_MS = 3000;

const readText = (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);

/** Field 22 of /proc/<pid>/stat (start time in ticks after boot), and whether the process is a zombie (exited, not yet reaped). */
export function parseProcStat(text: string): { startTicks: string; zombie: boolean } | null {
  // The command name (field 2) is in parentheses and may hold spaces or ')': fields after it start past the last ')'.
  const rest = text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  const startTicks = rest[19];
  if (rest[0] === undefined || startTicks === undefined || !/^\d+$/.test(startTicks)) return null;
  return { startTicks, zombie: rest[0] === 'Z' || rest[0] === 'X' };
}

/** `ps -o etime=`: "[[dd-]hh:]mm:ss" elapsed since the process started, in seconds. */
export function parseElapsed(text: string): number | null {
  const m = /^\s*(?:(?:(\d+)-)?(\d+):)?(\d+):(\d+)\s*$/.exec(text);
  if (m === null) return null;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = m;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
}

const bootId = async (): Promise<string | null> => (await readText('/proc/sys/kernel/random/boot_id'))?.trim() || null;

/** What this host can tell about process `pid` now; null when it does not exist (or is a zombie). */
async function identityOf(pid: number): Promise<Omit<RunOwner, 'pid'> | null> {
  const stat = await readText(`/proc/${pid}/stat`);
  if (stat !== null) {
    const parsed = parseProcStat(stat);
    if (parsed === null || parsed.zombie) return null;
    return { boot: await bootId(), startTicks: parsed.startTicks, startedAt: null };
  }
  if (process.platform === 'win32') return { boot: null, startTicks: null, startedAt: null };
  // No /proc (macOS, the BSDs): ps says how long the process has run.
  const elapsed = await promisify(execFile)('ps', ['-o', 'etime=', '-p', String(pid)], { env: { ...process.env, LC_ALL: 'C' } }).then(
    ({ stdout }) => parseElapsed(stdout),
    () => null,
  );
  return { boot: null, startTicks: null, startedAt: elapsed === null ? null : Date.now() - elapsed * 1000 };
}

let mine: Promise<RunOwner> | null = null;

/** This process as the owner of the runs it writes. */
export function thisProcess(): Promise<RunOwner> {
  mine ??= identityOf(process.pid).then((id) => ({
    pid: process.pid,
    boot: id?.boot ?? null,
    startTicks: id?.startTicks ?? null,
    // Without /proc, the process's own clock origin is its start (ps would round it to a second).
    startedAt: id?.startTicks == null ? Math.round(performance.timeOrigin) : null,
  }));
  return mine;
}

/** Names this process as the owner of the run in `dir`; called when the run's files are opened. */
export async function recordRunOwner(dir: string): Promise<void> {
  await writeFileAtomic(join(dir, OWNER_FILE), `${JSON.stringify(await thisProcess())}\n`);
}

/** The owner the run in `dir` names; null for a run written before owners were recorded, or a damaged record. */
export async function readRunOwner(dir: string): Promise<RunOwner | null> {
  const text = await readText(join(dir, OWNER_FILE));
  if (text === null) return null;
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists: signal 0 checks without sending anything (EPERM: it exists, owned by another user). */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote the run in `dir` is still running: its pid
 * exists, and it is the same process (same boot, same start), not a later
 * one given the pid. A run with no owner record counts as ownerless (gone).
 * Where nothing but the pid can be checked (Windows), a live pid counts.
 */
export async function runOwnerAlive(dir: string): Promise<boolean> {
  const owner = await readRunOwner(dir);
  if (owner === null || !pidExists(owner.pid)) return false;
  const now = await identityOf(owner.pid);
  if (now === null) return false;
  if (owner.boot !== null && now.boot !== null && owner.boot !== now.boot) return false;
  if (owner.startTicks !== null && now.startTicks !== null) return owner.startTicks === now.startTicks;
  if (owner.startedAt !== null && now.startedAt !== null) return Math.abs(owner.startedAt - now.startedAt) <= START_SLACK_MS;
  return true;
}
