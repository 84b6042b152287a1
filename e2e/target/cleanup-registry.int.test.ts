import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { sweepStaleTargets, type OwnerRecord } from './cleanup-registry';
import { createHostUser } from './host-user';
import { TARGETS_DIR } from './paths';
import { randomId } from './target-base';
import { targetProcesses } from './target-processes';

it('removes what a test process left behind when it was killed before cleaning up', async () => {
  // A process that has exited: its pid is the dead owner.
  const owner = spawnSync('/bin/true');
  const id = `x${randomId()}`;
  const record: OwnerRecord = { ownerPid: owner.pid ?? 0, dir: path.join(TARGETS_DIR, id), user: `cairn-${id}`, marker: id, root: null, uid: null };
  mkdirSync(record.dir, { recursive: true });
  await createHostUser({ name: record.user ?? '', password: 'x', home: record.dir, root: false });
  // A leftover "server", recognisable by the marker in its environment.
  const server = spawn('/bin/sleep', ['300'], { env: { CAIRN_TEST_TARGET: id }, stdio: 'ignore' });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  await expect.poll(() => targetProcesses(record).length).toBe(1);
  // Written last: from here on the sweep of any test process (another worker too) may remove it.
  writeFileSync(path.join(record.dir, 'owner.json'), JSON.stringify(record));

  sweepStaleTargets();

  expect(await exited).toBeNull();
  expect(targetProcesses(record)).toEqual([]);
  expect(existsSync(record.dir)).toBe(false);
  expect(readFileSync('/etc/passwd', 'utf8')).not.toContain(`${record.user}:`);
});
