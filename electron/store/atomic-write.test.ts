import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { sweepTempFiles, writeFileAtomic } from './atomic-write';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('atomic writes', () => {
  it('replaces the file whole, leaves no temp file and keeps it private', async () => {
    const path = join(dir, 'sub', 'targets.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(await readdir(join(dir, 'sub'))).toEqual(['targets.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('sweeps only the temp files of writers that are gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(join(dir, `.a.json.${dead}-0123abcd.tmp`), 'half');
    await writeFile(join(dir, `.b.json.${process.pid}-0123abcd.tmp`), 'in flight');
    await writeFile(join(dir, 'c.json'), '{}');
    expect(await sweepTempFiles(dir)).toEqual([`.a.json.${dead}-0123abcd.tmp`]);
    expect((await readdir(dir)).sort()).toEqual([`.b.json.${process.pid}-0123abcd.tmp`, 'c.json']);
  });
});
