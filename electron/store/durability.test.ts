import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../shared/profile';
import { tempDir } from '../services.test-support';
import { isTempFile } from './atomic-write';
import { createProfileStore } from './profiles';

let work: { dir: string; cleanup: () => Promise<void> };
let child: string;

beforeAll(async () => {
  work = await tempDir('cairn-durability-');
  child = join(work.dir, 'child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'durability-child.test-support.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
});
afterAll(() => work.cleanup());

/** Checks a condition until it holds; the bound only keeps a broken test from hanging. */
async function until<T>(check: () => Promise<T | undefined>, what: string, limitMs = 15_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('a profile write killed midway', () => {
  it('leaves the previous version loadable and its temp file is never read as a profile', async () => {
    const dir = join(work.dir, 'profiles');
    const before = { ...defaultProfile(), name: 'Garage', hostname: 'garage' };
    const saved = await createProfileStore(dir).save(before);
    if (!saved.ok) throw new Error(saved.error.message);
    const id = saved.value.id;

    // About 60 MB of JSON: the write takes long enough to be caught in the middle.
    const proc = spawn(process.execPath, [child, dir, id, '1000000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const exited = once(proc, 'exit');

    const partial = await until(async () => {
      if (output.includes('saved')) throw new Error('The child finished before it could be killed.');
      for (const name of (await readdir(dir)).filter(isTempFile)) {
        const size = await stat(join(dir, name)).then(
          (s) => s.size,
          () => 0,
        );
        if (size > 1_000_000) return name;
      }
      return undefined;
    }, 'the child to be half-way through writing');
    proc.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    expect(output).not.toContain('saved');

    // The half-written temp file is still there, beside the intact old file.
    expect((await readdir(dir)).sort()).toEqual([`${id}.json`, partial].sort());

    const reopened = createProfileStore(dir);
    expect(await reopened.list()).toEqual({ profiles: [expect.objectContaining({ id, name: 'Garage', hostname: 'garage' })], problems: [] });
    expect(await reopened.get(id)).toMatchObject({ ok: true, value: { profile: before } });
    // Opening the store swept the dead writer's temp file.
    expect(await readdir(dir)).toEqual([`${id}.json`]);
  });
});
