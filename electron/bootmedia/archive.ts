import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { OverlayEntry } from '../../shared/bootmedia';

/** One fixed time for every entry: the same input gives the same archive. */
const MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * The overlay as a gzipped tar, every entry owned by 0:0 with no user or
 * group names, so the box's root owns everything however the desktop's
 * accounts are named. gzip's header carries no time or name (Node writes 0).
 */
export async function overlayArchive(entries: readonly OverlayEntry[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  const owner = { uid: 0, gid: 0, uname: '', gname: '', mtime: MTIME };
  for (const e of entries) {
    if (e.type === 'dir') tar.entry({ ...owner, name: `${e.path}/`, type: 'directory', mode: e.mode });
    else if (e.type === 'symlink') tar.entry({ ...owner, name: e.path, type: 'symlink', linkname: e.target, mode: 0o777 });
    else tar.entry({ ...owner, name: e.path, type: 'file', mode: e.mode }, typeof e.content === 'string' ? e.content : Buffer.from(e.content));
  }
  tar.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}
