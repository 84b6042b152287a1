import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../services.test-support';
import { readVersioned, writeVersioned, type FileFormat } from './versioned-file';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

// A store file whose format moved twice: v1 kept hosts as "host:port" strings,
// v2 split them into objects, v3 added tags.
const FORMAT: FileFormat<{ hosts: { host: string; port: number; tags: string[] }[] }> = {
  what: 'host list',
  version: 3,
  schema: z.object({ hosts: z.array(z.object({ host: z.string(), port: z.number(), tags: z.array(z.string()) })) }),
  migrations: {
    1: (old) => ({
      hosts: (old.hosts as string[]).map((h) => {
        const [host = '', port = '22'] = h.split(':');
        return { host, port: Number(port) };
      }),
    }),
    2: (old) => ({ hosts: (old.hosts as object[]).map((h) => ({ ...h, tags: [] })) }),
  },
};
const when = new Date('2026-03-01T10:00:00.000Z');

describe('versioned store files', () => {
  it('upgrades an old file step by step and says from which version', async () => {
    const path = join(dir, 'hosts.json');
    await writeFile(path, JSON.stringify({ storeVersion: 1, hosts: ['a.lan:2222', 'b.lan'] }));
    expect(await readVersioned(path, FORMAT, when)).toEqual({
      state: 'ok',
      migratedFrom: 1,
      data: {
        hosts: [
          { host: 'a.lan', port: 2222, tags: [] },
          { host: 'b.lan', port: 22, tags: [] },
        ],
      },
    });
  });

  it('writes the current version and reads it back unchanged', async () => {
    const path = join(dir, 'hosts.json');
    const data = { hosts: [{ host: 'a', port: 22, tags: ['lab'] }] };
    await writeVersioned(path, FORMAT, data);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ storeVersion: 3, ...data });
    expect(await readVersioned(path, FORMAT)).toEqual({ state: 'ok', data, migratedFrom: null });
  });

  it.each([
    ['', 'it is empty'],
    ['[1,2]', 'it is not a Cairn store file'],
    ['{"hosts":[]}', 'it has no format version'],
    ['{"storeVersion":3,"hosts":[{"host":"a","port":"ssh","tags":[]}]}', 'hosts.0.port: Invalid input: expected number, received string'],
    ['{"storeVersion":1,"hosts":[5]}', 'its contents do not fit format 1, so it cannot be upgraded'],
  ])('moves aside %j and says why: %s', async (text, reason) => {
    const path = join(dir, 'hosts.json');
    await writeFile(path, text);
    const outcome = await readVersioned(path, FORMAT, when);
    expect(outcome).toEqual({
      state: 'corrupt',
      problem: {
        file: 'hosts.json',
        message: `The host list file hosts.json was damaged (${reason}), so Cairn moved it aside to hosts.json.corrupt-2026-03-01T10-00-00-000Z and carried on without it.`,
      },
    });
    expect(await readdir(dir)).toEqual(['hosts.json.corrupt-2026-03-01T10-00-00-000Z']);
    expect(await readFile(join(dir, 'hosts.json.corrupt-2026-03-01T10-00-00-000Z'), 'utf8')).toBe(text);
  });

  it('leaves a file from a newer Cairn in place', async () => {
    const path = join(dir, 'hosts.json');
    await writeFile(path, '{"storeVersion":4,"hosts":{}}');
    expect(await readVersioned(path, FORMAT)).toMatchObject({ state: 'newer', problem: { message: expect.stringMatching(/newer Cairn \(format 4\)/) } });
    expect(await readdir(dir)).toEqual(['hosts.json']);
  });

  it('reports a missing file as missing, not damaged', async () => {
    expect(await readVersioned(join(dir, 'nothing.json'), FORMAT)).toEqual({ state: 'missing' });
  });
});
