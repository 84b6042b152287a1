import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// A reader sees the old file or the new one, never half of either, even when
// the process is killed or the machine loses power mid-write: write a temp file
// beside the target, fsync it, rename over the target, fsync the directory so
// the rename itself is on disk.

/** `.<name>.<pid>-<random>.tmp`: hidden, and never a name the stores read as data. */
const TEMP_NAME = /^\.(.+)\.(\d+)-[0-9a-f]{8}\.tmp$/;

export const isTempFile = (name: string): boolean => TEMP_NAME.test(name);

/**
 * `tempName` replaces the usual temp file name where a reader matches names
 * by pattern (the boot's `*.apkovl.tar.gz*` would match `.x.apkovl.tar.gz.….tmp`).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600, options: { tempName?: string } = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, options.tempName ?? `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // Errors name the file the caller asked for, not the temp file nobody knows about.
  const aboutTarget = (e: unknown) => {
    const errno = e as NodeJS.ErrnoException;
    if (errno?.path === temp) errno.path = path;
    return e;
  };
  const handle = await open(temp, 'wx', mode).catch((e: unknown) => {
    throw aboutTarget(e);
  });
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw aboutTarget(e);
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw aboutTarget(e);
  }
  await syncDirectory(dir);
}

export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Windows cannot open or fsync a directory; its rename is already durable enough.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw e;
  } finally {
    await handle?.close();
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Deletes temp files left by writers that died mid-write; returns their names. */
export async function sweepTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[2]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await unlink(join(dir, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
