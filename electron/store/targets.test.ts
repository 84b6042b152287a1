import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { createTargetStore, type TargetDraft, type TargetStore } from './targets';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let store: TargetStore;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'targets.json');
  store = createTargetStore(file, () => new Date('2026-03-01T10:00:00.000Z'));
});
afterEach(() => cleanup());

const draft = (name: string, extra: Partial<TargetDraft> = {}): TargetDraft => ({ name, host: `${name}.lan`, port: 22, user: 'root', auth: 'agent', tags: [], ...extra });

describe('the target store', () => {
  it('stores targets without any secret and updates them by id', async () => {
    const saved = await store.save(draft('nas', { auth: 'key', keyPath: '/home/me/.ssh/id_ed25519' }));
    if (!saved.ok) throw new Error(saved.error.message);
    const moved = await store.save({ ...saved.value, host: '10.0.0.9' });
    expect(moved).toMatchObject({ ok: true, value: { id: saved.value.id, host: '10.0.0.9' } });
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk).toEqual({ storeVersion: 1, targets: [{ ...saved.value, host: '10.0.0.9' }] });
    expect(Object.keys(onDisk.targets[0]).sort()).toEqual(['auth', 'host', 'id', 'keyPath', 'name', 'port', 'tags', 'user']);
  });

  it('keeps names unique and reports unknown ids', async () => {
    await store.save(draft('nas'));
    expect(await store.save(draft('NAS'))).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'target.name' } });
    expect(await store.save({ ...draft('x'), id: 'gone-1' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await store.remove('gone-1')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('does not lose a write when two saves interleave', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((n) => store.save(draft(n))));
    expect((await store.list()).targets.map((t) => t.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('moves a damaged list aside, says so, and starts a fresh one on the next save', async () => {
    await writeFile(file, '{"storeVersion":1,"targets":[{"name":"half"');
    expect(await store.list()).toEqual({
      targets: [],
      problems: [
        {
          file: 'targets.json',
          message: expect.stringMatching(
            /^The target list file targets.json was damaged \(it is not valid JSON\), so Cairn moved it aside to targets.json.corrupt-2026-03-01T10-00-00-000Z/,
          ),
        },
      ],
    });
    await store.save(draft('fresh'));
    expect((await readdir(dir)).sort()).toEqual(['targets.json', 'targets.json.corrupt-2026-03-01T10-00-00-000Z']);
  });

  it('refuses to overwrite a list written by a newer Cairn', async () => {
    await writeFile(file, '{"storeVersion":7,"targets":[]}');
    expect(await store.save(draft('x'))).toMatchObject({ ok: false, error: { code: 'newer-format' } });
    expect(await readFile(file, 'utf8')).toBe('{"storeVersion":7,"targets":[]}');
  });

  it('adds many at once, skipping names already taken; a dry run writes nothing', async () => {
    await store.save(draft('web'));
    const preview = await store.addMany([draft('web'), draft('db')], { dryRun: true });
    expect(preview).toEqual({ added: [draft('db')], skipped: [{ host: 'web', reason: 'A target with this name already exists.' }] });
    expect((await store.list()).targets).toHaveLength(1);
    await store.addMany([draft('web'), draft('db')]);
    expect((await store.list()).targets.map((t) => t.name)).toEqual(['db', 'web']);
  });
});
