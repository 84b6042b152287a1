import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Cairn's version from its package.json, found upwards from this code: the
 * source (cli/), the bundle (dist/cli/) and the packaged app (app.asar/dist/cli/)
 * all sit below it.
 */
export function cairnVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    try {
      const found = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (found.name === 'cairn' && typeof found.version === 'string') return found.version;
    } catch {
      // No package.json here (or not Cairn's): look one folder up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
