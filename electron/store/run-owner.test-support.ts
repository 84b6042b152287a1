import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OWNER_FILE, type RunOwner } from './run-owner';

/**
 * Makes the run in `dir` name an owner that is gone, as a Cairn that crashed
 * would have left it: a process that has exited (and been reaped), with a
 * start no process has, should its pid be given to another meanwhile.
 */
export async function ownedByGoneProcess(dir: string): Promise<void> {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  const owner: RunOwner = { pid, boot: null, startTicks: '0', startedAt: 0 };
  await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner));
}
