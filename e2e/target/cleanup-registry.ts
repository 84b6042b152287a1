import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deleteHostUserSync } from './host-user';
import { TARGETS_DIR } from './paths';
import { killTargetProcesses, type ProcessMatch } from './target-processes';

/**
 * Everything needed to remove a target without its JavaScript object: kept in
 * memory for the exit hook and on disk (TARGET/owner.json) for the next run's
 * sweep, in case this process is killed before it can clean up.
 */
export interface OwnerRecord extends ProcessMatch {
  ownerPid: number;
  dir: string;
  user: string | null;
}

const live = new Map<string, OwnerRecord>();
let hooked = false;
let swept = false;

function removeSync(record: OwnerRecord): void {
  killTargetProcesses(record);
  if (record.user) deleteHostUserSync(record.user);
  rmSync(record.dir, { recursive: true, force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sweepStale(): void {
  if (swept) return;
  swept = true;
  sweepStaleTargets();
}

/**
 * Removes targets whose owning process died without cleaning up (killed by
 * a CI timeout, say): their servers and sessions, logins and directories.
 * Runs by itself before the first target of a process starts.
 */
export function sweepStaleTargets(): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(TARGETS_DIR);
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = path.join(TARGETS_DIR, entry);
    let record: OwnerRecord;
    try {
      record = JSON.parse(readFileSync(path.join(dir, 'owner.json'), 'utf8')) as OwnerRecord;
    } catch {
      continue;
    }
    if (record.dir === dir && !alive(record.ownerPid)) removeSync(record);
  }
}

/** Creates the target's directory (mode 0755, as ChrootDirectory requires) and records its owner. */
export function registerTarget(record: OwnerRecord): void {
  sweepStale();
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const r of live.values()) removeSync(r);
    });
  }
  mkdirSync(TARGETS_DIR, { recursive: true, mode: 0o755 });
  chmodSync(TARGETS_DIR, 0o755);
  mkdirSync(record.dir, { mode: 0o755 });
  chmodSync(record.dir, 0o755);
  writeFileSync(path.join(record.dir, 'owner.json'), JSON.stringify(record));
  live.set(record.dir, record);
}

/** Updates what cleanup must know (the user and uid exist only after they are created). */
export function updateTarget(record: OwnerRecord): void {
  writeFileSync(path.join(record.dir, 'owner.json'), JSON.stringify(record));
  live.set(record.dir, record);
}

export function unregisterTarget(dir: string): void {
  live.delete(dir);
}
