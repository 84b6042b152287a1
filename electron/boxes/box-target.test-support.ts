import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestTarget } from '../../e2e/target';
import { trusting } from '../../e2e/target/ssh-trust.test-support';
import { connect, type SshConnection } from '../ssh/connect';
import type { SshResult } from '../ssh/errors';

/** Opens connections to a test target with its key, trusting its host key; cleanup() closes them all. */
export function boxConnector(target: TestTarget) {
  const trust = trusting(target);
  const opened: SshConnection[] = [];
  const open = async (port = target.port, signal?: AbortSignal): Promise<SshResult<SshConnection>> => {
    const result = await connect({
      host: target.host,
      port,
      username: target.user,
      auth: { kind: 'key', privateKeyPath: target.privateKeyPath },
      trust,
      readyTimeoutMs: 5000,
      signal,
    });
    if (result.ok) opened.push(result.value);
    return result;
  };
  return {
    open,
    async conn(): Promise<SshConnection> {
      const result = await open();
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    async cleanup() {
      await Promise.all(opened.map((c) => c.close()));
      trust.cleanup();
    },
  };
}

/** Reads a file of the box from the host side (the chroot's directory). */
export const boxFile = (target: TestTarget, file: string) => readFile(path.join(target.root ?? '/nonexistent', file), 'utf8');

export const writeBoxFile = (target: TestTarget, file: string, text: string) => writeFile(path.join(target.root ?? '/nonexistent', file), text);

const POWER_LOG = 'var/log/cairn-power';

/**
 * The chroot's /sbin/reboot and /sbin/poweroff are BusyBox, which would
 * signal init: the chroot shares the host's processes, so that would be the
 * host's init. They are replaced by scripts that only record the call
 * (e2e/target has no stand-ins for them yet). Returns the recorded calls.
 */
export async function defuseShutdown(target: TestTarget): Promise<() => Promise<string[]>> {
  const root = target.root;
  if (root === null) throw new Error('The power tests need the chroot target.');
  for (const tool of ['reboot', 'poweroff', 'halt']) {
    const file = path.join(root, 'sbin', tool);
    await rm(file, { force: true });
    await writeFile(file, `#!/bin/sh\necho ${tool} "$@" >> /${POWER_LOG}\n`, { mode: 0o755 });
  }
  return async () => {
    try {
      return (await readFile(path.join(root, POWER_LOG), 'utf8')).split('\n').filter((l) => l !== '');
    } catch {
      return [];
    }
  };
}
