import { op } from '../shell';
import type { Parts } from './privilege';

/** Where a file's new content is written before it replaces the file: beside it, so the rename is atomic. */
export const sideFile = (path: string): string => `${path}.cairn-new`;

/**
 * Follows a command that wrote `sideFile(path)` (`cat > …`, `awk … > …`):
 * sets its mode and renames it over `path`. If anything failed, the side file
 * is removed and the command exits 1, so a failure never leaves half a file,
 * nor a stray copy in /etc for lbu to save.
 */
export function thenReplace(path: string, mode: '644' | '600' | '640'): Parts {
  const next = sideFile(path);
  return [op('&&'), 'chmod', mode, next, op('&&'), 'mv', next, path, op('||'), op('('), 'rm', '-f', next, op(';'), 'exit', '1', op(')')];
}
