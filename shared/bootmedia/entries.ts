/**
 * One member of the headless overlay archive, as Alpine's boot unpacks it
 * over the RAM root (`tar -C / -zxvf`). Paths are relative (`etc/hostname`),
 * every entry is owned by root (0:0) and modes are the ones a real box has.
 */
export type OverlayEntry =
  | { type: 'dir'; path: string; mode: number }
  /** Text (UTF-8) or bytes (a Dropbear key is binary). */
  | { type: 'file'; path: string; mode: number; content: string | Uint8Array }
  | { type: 'symlink'; path: string; target: string };

export const dir = (path: string, mode = 0o755): OverlayEntry => ({ type: 'dir', path, mode });
export const file = (path: string, content: string | Uint8Array, mode = 0o644): OverlayEntry => ({ type: 'file', path, mode, content });
export const symlink = (path: string, target: string): OverlayEntry => ({ type: 'symlink', path, target });

/**
 * Every parent directory of the entries, then the entries, in path order:
 * tar unpacks each parent before what it holds, and the same input always
 * lists the same archive.
 */
export function withParents(entries: readonly OverlayEntry[], modes: Readonly<Record<string, number>>): OverlayEntry[] {
  const byPath = new Map<string, OverlayEntry>();
  for (const entry of entries) {
    const parts = entry.path.split('/');
    for (let n = 1; n < parts.length; n++) {
      const parent = parts.slice(0, n).join('/');
      if (!byPath.has(parent)) byPath.set(parent, dir(parent, modes[parent] ?? 0o755));
    }
    byPath.set(entry.path, entry);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
