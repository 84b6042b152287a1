import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startOpenSshTarget, type TestTarget } from '../e2e/target';
import type { ConnectOptions } from '../electron/ssh';

/**
 * Starts n OpenSSH targets, a few at a time (each unpacks a rootfs, makes a
 * host account and starts its own sshd). When one cannot start, the ones
 * started are stopped and the error says how far it got and why.
 */
export async function startTargets(n: number, batch = 10): Promise<TestTarget[]> {
  const targets: TestTarget[] = [];
  while (targets.length < n) {
    const size = Math.min(batch, n - targets.length);
    const started = await Promise.allSettled(Array.from({ length: size }, () => startOpenSshTarget()));
    for (const s of started) if (s.status === 'fulfilled') targets.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await stopTargets(targets);
      const why = oneLine(failed.reason);
      const hint = LIMITS.find(([code]) => why.includes(code))?.[1];
      throw new Error(`only ${targets.length} of ${n} test targets started${hint ? `: ${hint}` : ''}; the next failed: ${why}`);
    }
  }
  return targets;
}

/** What each target holds (a chroot, its own sshd and a host account) runs out of first, by the error it gives. */
const LIMITS: ReadonlyArray<[string, string]> = [
  ['EMFILE', 'the bench process ran out of open files (raise `ulimit -n`)'],
  ['ENFILE', 'the system ran out of open files (fs.file-max)'],
  ['EAGAIN', 'no more processes could be started (ulimit -u, pid_max)'],
  ['ENOMEM', 'the machine ran out of memory'],
  ['ENOSPC', 'the disk under /var/lib/cairn-test is full'],
];

/** An error on one line of the bench's table, cut short: a server's whole log can follow the reason. */
const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().slice(0, 300);

export const stopTargets = (targets: TestTarget[]) => Promise.all(targets.map((t) => t.stop()));

/** One known_hosts file for all targets, used by Cairn and by the system ssh alike. */
export async function knownHosts(dir: string, targets: TestTarget[]): Promise<string> {
  const file = path.join(dir, 'known_hosts');
  await writeFile(file, targets.map((t) => `${t.knownHostsLine()}\n`).join(''));
  return file;
}

export const loginOf = (target: TestTarget, knownHostsFile: string, storePath: string): ConnectOptions => ({
  host: target.host,
  port: target.port,
  username: target.user,
  auth: { kind: 'key', privateKeyPath: target.privateKeyPath },
  trust: { storePath, userKnownHostsPath: knownHostsFile },
});
