import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startOpenSshTarget, type TestTarget } from '../e2e/target';
import type { ConnectOptions } from '../electron/ssh';

/** Starts n OpenSSH targets, a few at a time (each unpacks a rootfs). */
export async function startTargets(n: number, batch = 10): Promise<TestTarget[]> {
  const targets: TestTarget[] = [];
  try {
    while (targets.length < n) {
      const size = Math.min(batch, n - targets.length);
      targets.push(...(await Promise.all(Array.from({ length: size }, () => startOpenSshTarget()))));
    }
  } catch (error) {
    await stopTargets(targets);
    throw error;
  }
  return targets;
}

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
