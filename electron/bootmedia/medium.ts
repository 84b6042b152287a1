import { randomBytes } from 'node:crypto';
import { access, constants, readdir, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MediumReport } from '../../shared/api/bootmedia';
import { MEDIA, type MediumKind } from '../../shared/bootmedia';
import { writeFileAtomic } from '../store/atomic-write';

// The boot takes the first `*.apkovl.tar.gz*` it finds at a partition's top
// level (ALPINE-FACTS), so a half-written or temporary file with that name
// could be what a box boots. Cairn's temp file therefore has a name the boot
// never matches, and only a finished, synced file is renamed into place.

const OVERLAY = /\.apkovl\.tar\.gz/;
const PARTIAL = /^\.cairn-[0-9a-f]{16}\.partial$/;

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** What is in the folder, and why it cannot take an overlay for this medium (null when it can). */
export async function inspectMedium(folder: string, kind: MediumKind): Promise<MediumReport> {
  const base = { folder, writable: false, bootMedia: false, existingOverlays: [] as string[] };
  const info = await stat(folder).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) {
    return {
      ...base,
      problem: info.code === 'ENOENT' ? `${folder} does not exist: mount the medium and choose its folder again.` : `${folder} cannot be read (${info.code ?? info.message}).`,
    };
  }
  if (!info.isDirectory()) return { ...base, problem: `${folder} is a file, not a folder: choose the folder the medium is mounted at.` };
  const names = await readdir(folder).catch((e: NodeJS.ErrnoException) => e);
  if (names instanceof Error) return { ...base, problem: `Cairn cannot list ${folder} (${names.code ?? names.message}): check that you may open it, or choose another folder.` };
  const existingOverlays = names.filter((n) => OVERLAY.test(n) && !PARTIAL.test(n)).sort();
  const bootMedia = (await isDir(join(folder, 'apks'))) && (await isDir(join(folder, 'boot')));
  const writable = await access(folder, constants.W_OK).then(
    () => true,
    () => false,
  );
  const report = { folder, writable, bootMedia, existingOverlays };
  if (!writable) return { ...report, problem: `Cairn cannot write to ${folder}: it may be mounted read-only (an ISO image always is). Choose a writable FAT partition.` };
  if (MEDIA[kind].isBootMedia && !bootMedia)
    return {
      ...report,
      problem: `${basename(folder) || folder} does not look like Alpine boot media (no apks/ and boot/ folders at its top). Extract Alpine's files onto it first, or choose "${MEDIA['second-stick'].label}" for a medium that holds only the overlay.`,
    };
  return { ...report, problem: null };
}

/**
 * Writes the overlay into the folder atomically through a temp name the boot
 * ignores, then removes the overlays it replaces. A failure leaves the medium
 * as it was.
 */
export async function writeToMedium(folder: string, fileName: string, bytes: Uint8Array, replace: readonly string[]): Promise<string> {
  const target = join(folder, fileName);
  await writeFileAtomic(target, bytes, 0o600, { tempName: `.cairn-${randomBytes(8).toString('hex')}.partial` });
  for (const name of replace) if (name !== fileName) await unlink(join(folder, name));
  return target;
}

/** Leftovers of a write that was cut off (a pulled stick), removed before the next. */
export async function sweepPartials(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [])) if (PARTIAL.test(name)) await unlink(join(folder, name)).catch(() => undefined);
}
