import { execFileSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { hostCommand } from './host-command';

/**
 * Host accounts for logins. sshd and Dropbear look a login up in the HOST's
 * passwd and shadow, so each target gets its own account with its own
 * password; targets can then run side by side and be removed one by one.
 */
export interface HostUserSpec {
  name: string;
  password: string;
  home: string;
  /** uid 0 for the chrooted OpenSSH login (root inside the chroot). */
  root: boolean;
}

// useradd/userdel/chpasswd lock /etc/passwd and fail rather than wait when
// another process holds it; run them one at a time here and retry briefly
// for other processes (another test worker).
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

async function withLockRetry(file: string, args: string[], input?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await hostCommand(file, args, input === undefined ? {} : { input });
      return;
    } catch (error) {
      const busy = /lock|busy|try again|pam_chauthtok/i.test(String(error));
      if (!busy || attempt >= 30) throw error;
      await delay(100 + attempt * 20);
    }
  }
}

export function createHostUser(spec: HostUserSpec): Promise<void> {
  const args = spec.root
    ? ['-o', '-u', '0', '-g', '0', '-M', '-N', '-d', spec.home, '-s', '/bin/sh', '-c', 'Cairn test target', spec.name]
    : ['-M', '-N', '-g', 'nogroup', '-d', spec.home, '-s', '/bin/sh', '-c', 'Cairn test target', spec.name];
  return serialized(async () => {
    await withLockRetry('/usr/sbin/useradd', args);
    await withLockRetry('/usr/sbin/chpasswd', [], `${spec.name}:${spec.password}\n`);
  });
}

/**
 * -f because a uid-0 account always "has running processes" (every root
 * process); without -r so the shared home (/root) is never touched.
 */
export function deleteHostUser(name: string): Promise<void> {
  return serialized(() =>
    withLockRetry('/usr/sbin/userdel', ['-f', name]).catch((error: unknown) => {
      if (!/does not exist/.test(String(error))) throw error;
    }),
  );
}

export function deleteHostUserSync(name: string): void {
  try {
    execFileSync('/usr/sbin/userdel', ['-f', name], { stdio: 'ignore' });
  } catch {
    // Already gone, or passwd locked: the next run's sweep removes it.
  }
}

export function hostUid(name: string): number | null {
  try {
    return Number(execFileSync('/usr/bin/id', ['-u', name], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}
