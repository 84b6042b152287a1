import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';

/** Debian's doas (OpenDoas) reads this one file; it must stay root's and not group/other-writable. */
const CONF = '/etc/doas.conf';
const LOCK = '/etc/doas.conf.cairn-test-lock';

export type DoasRule = 'password' | 'nopass';

/** Several test processes edit the file at once: a directory is the lock (mkdir is atomic). */
async function locked<T>(work: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 200) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

const lineFor = (user: string, rule: DoasRule) => (rule === 'password' ? `permit persist ${user} as root` : `permit nopass ${user} as root`);

/**
 * Lets `user` become root with doas: with its password asked on a terminal
 * (setup-user's "permit persist :wheel", the default on Alpine), or without.
 */
export async function allowDoas(user: string, rule: DoasRule): Promise<void> {
  await locked(async () => {
    const text = await readFile(CONF, 'utf8').catch(() => '');
    await writeFile(CONF, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${lineFor(user, rule)}\n`, { mode: 0o600 });
  });
}

/** Removes every rule naming `user`. */
export async function forgetDoas(user: string): Promise<void> {
  await locked(async () => {
    const text = await readFile(CONF, 'utf8').catch(() => null);
    if (text === null) return;
    const kept = text.split('\n').filter((l) => !l.split(/\s+/).includes(user));
    await writeFile(CONF, kept.join('\n'), { mode: 0o600 });
  });
}
