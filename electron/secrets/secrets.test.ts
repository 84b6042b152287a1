import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../ipc';
import { createLog } from '../log';
import { fakeSafeStorage, harness, tempDir, type Harness } from '../services.test-support';
import { createSecretStore } from './secrets';

const SECRET = 'correct horse battery staple';
let h: Harness | undefined;
afterEach(() => h?.cleanup());

const call = (channel: string, payload: unknown) => {
  if (h === undefined) throw new Error('no harness');
  return dispatch(h.table, channel, payload, { sender: 'file:///app/index.html', log: h.log });
};

async function withTarget(options: Parameters<typeof harness>[0]): Promise<string> {
  h = await harness(options);
  const saved = await call('targets:save', { target: { name: 'nas', host: 'nas.lan', port: 22, user: 'root', auth: 'password' } });
  if (!saved.ok) throw new Error(saved.error.message);
  return (saved.value as { id: string }).id;
}

describe('secrets with a working keyring', () => {
  it('round-trips through safeStorage and keeps only encrypted bytes on disk', async () => {
    const safeStorage = fakeSafeStorage();
    const id = await withTarget({ safeStorage });
    expect(await call('secrets:set', { targetId: id, kind: 'password', value: SECRET })).toEqual({ ok: true, value: { targetId: id, kind: 'password', storage: 'encrypted' } });
    const file = await readFile(join(h?.dir ?? '', 'secrets.json'), 'utf8');
    expect(file).not.toContain(SECRET);
    expect(JSON.parse(file)).toEqual({ storeVersion: 1, secrets: { [id]: { password: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) } } });
    expect(safeStorage.calls).toContain('encryptString');
    // A new session (new store over the same file) reads it back through decryptString.
    const again = createSecretStore({ file: join(h?.dir ?? '', 'secrets.json'), safeStorage, log: h!.log });
    expect(await again.get(id, 'password')).toBe(SECRET);
    expect(safeStorage.calls.at(-1)).toBe('decryptString');
  });

  it('shows the window flags, never values, and forgets secrets with their target', async () => {
    const id = await withTarget({});
    await call('secrets:set', { targetId: id, kind: 'passphrase', value: SECRET });
    const status = await call('secrets:status', {});
    expect(status).toEqual({
      ok: true,
      value: { storage: 'encrypted', reason: null, targets: [{ targetId: id, hasPassword: false, hasPassphrase: true, hasDoasPassword: false }], problems: [] },
    });
    expect(JSON.stringify(status)).not.toContain(SECRET);
    await call('targets:remove', { id });
    expect(await call('secrets:status', {})).toMatchObject({ ok: true, value: { targets: [] } });
  });

  it('refuses a secret for a target that does not exist', async () => {
    await withTarget({});
    expect(await call('secrets:set', { targetId: 'gone-1', kind: 'password', value: SECRET })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('secrets without a keyring', () => {
  it.each([
    ['safeStorage is unavailable', { available: false }],
    ['Linux falls back to basic_text', { backend: 'basic_text' }],
  ])('keeps them for the session only when %s, writes nothing and says so', async (_why, options) => {
    const safeStorage = fakeSafeStorage(options);
    const id = await withTarget({ safeStorage });
    expect(await call('secrets:set', { targetId: id, kind: 'password', value: SECRET })).toMatchObject({ ok: true, value: { storage: 'session-only' } });
    const status = await call('secrets:status', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        storage: 'session-only',
        reason: expect.stringMatching(/kept only until Cairn closes/),
        targets: [{ targetId: id, hasPassword: true, hasPassphrase: false, hasDoasPassword: false }],
      },
    });
    await expect(readFile(join(h?.dir ?? '', 'secrets.json'))).rejects.toThrow(/ENOENT/);
    expect(safeStorage.calls).not.toContain('encryptString');
    expect(await h?.services.secrets.get(id, 'password')).toBe(SECRET);
  });
});

describe('the log', () => {
  it('never holds a secret, even when storing it fails with the secret in the error', async () => {
    const safeStorage = fakeSafeStorage({ failWith: (plain) => new Error(`keyring refused "${plain}"`) });
    const id = await withTarget({ safeStorage });
    const result = await call('secrets:set', { targetId: id, kind: 'password', value: SECRET });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    h?.log.info('connecting', { host: 'nas.lan', password: 'other-secret', nested: { passphrase: 'p' } });
    const text = await h!.logText();
    expect(text).toMatch(/ipc secrets:set threw Error: keyring refused "\[redacted\]"/);
    expect(text).toContain('"password":"[redacted]"');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('other-secret');
  });

  it('does not log a password sent for hashing', async () => {
    await withTarget({});
    const result = await call('secrets:hash-password', { password: SECRET });
    expect(result).toMatchObject({ ok: true, value: { hash: expect.stringMatching(/^\$6\$rounds=100000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/) } });
    const text = await h!.logText();
    expect(text).toContain('ipc secrets:hash-password ok');
    expect(text).not.toContain(SECRET);
  });
});

describe('a damaged secrets file', () => {
  it('is moved aside and reported once through status', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = join(dir, 'secrets.json');
      await writeFile(file, 'not json');
      const store = createSecretStore({ file, safeStorage: fakeSafeStorage(), log: createLog({ file: join(dir, 'main.log') }) });
      const status = await store.status();
      expect(status.problems).toEqual([{ file: 'secrets.json', message: expect.stringMatching(/^The secrets file secrets.json was damaged/) }]);
      expect((await store.status()).problems).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});
