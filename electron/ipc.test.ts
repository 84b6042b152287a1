import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { CHANNEL_NAMES } from '../shared/api/names';
import { defaultProfile } from '../shared/profile';
import { APP_INDEX_URL, isAppPage } from './app-protocol';
import { dispatch, registerIpc, type HandlerTable, type InvokeEventLike, type IpcMainLike } from './ipc';
import { fileHandlers } from './ipc/file-handlers';
import { harness, scriptedDialogs, type Harness } from './services.test-support';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.cleanup());

const call = (channel: unknown, payload: unknown, table: HandlerTable = h.table) => dispatch(table, channel, payload, { sender: APP_INDEX_URL, log: h.log });

const target = { name: 'garage', host: '192.168.7.20', port: 22, user: 'root', auth: 'agent' };

describe('the handler table', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(h.table).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(typeof h.table[name]).toBe('function');
  });

  it('does not compile without every handler', () => {
    const { dialogs } = scriptedDialogs({});
    // @ts-expect-error a table with only the file handlers is missing every other channel
    const incomplete: HandlerTable = { ...fileHandlers(dialogs) };
    expect(Object.keys(incomplete)).toHaveLength(2);
  });

  it('accepts Electron’s ipcMain where it registers', () => {
    expectTypeOf<IpcMain>().toExtend<IpcMainLike>();
  });
});

describe('dispatch', () => {
  it('saves and lists through real stores', async () => {
    const saved = await call('targets:save', { target });
    expect(saved).toEqual({ ok: true, value: { ...target, id: expect.any(String), tags: [] } });
    const listed = await call('targets:list', undefined);
    expect(listed.ok && (listed.value as { targets: unknown[] }).targets).toHaveLength(1);
  });

  it('rejects invalid input with the field path and a sentence, without calling the handler', async () => {
    const result = await call('targets:save', { target: { ...target, port: 70000 } });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'target.port', message: 'target.port: The port must be a whole number from 1 to 65535 (SSH uses 22).' },
    });
    expect((await h.services.targets.list()).targets).toEqual([]);
  });

  it('names the nested field of an invalid profile', async () => {
    const profile = { ...defaultProfile(), name: 'x', disk: { ...defaultProfile().disk, swapMb: 'lots' } };
    const result = await call('profiles:save', { profile });
    expect(!result.ok && result.error.field).toBe('profile.disk.swapMb');
  });

  it('refuses a path-traversal id before touching the disk', async () => {
    const result = await call('profiles:get', { id: '../../etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'id' } });
  });

  it('refuses an unknown channel', async () => {
    expect(await call('shell:exec', { cmd: 'id' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('turns a thrown error into a typed internal error; the stack goes only to the log', async () => {
    const broken: HandlerTable = {
      ...h.table,
      'app:info': async () => {
        throw new Error('boom at the secret place');
      },
    };
    const result = await call('app:info', {}, broken);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining(h.log.file) } });
    expect(JSON.stringify(result)).not.toMatch(/boom|at .*\.ts/);
    expect(await h.logText()).toMatch(/ipc app:info threw Error: boom at the secret place\n\s+at /);
  });

  it('reports a file-system failure as io-failed, in words', async () => {
    // /proc refuses new files even to root, so this fails the same way everywhere on Linux.
    const table: HandlerTable = { ...h.table, ...fileHandlers(scriptedDialogs({ save: '/proc/cairn-answers' }).dialogs) };
    const result = await call('files:save-text', { suggestedName: 'answers', text: 'KEYMAPOPTS=none\n' }, table);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'io-failed', message: expect.stringMatching(/^Cairn could not use \/proc\/cairn-answers: (permission was denied|it does not exist)\.$/) },
    });
  });

  it('does not let an answer outside the contract reach the window', async () => {
    const lying: HandlerTable = { ...h.table, 'app:info': async () => ({ ok: true, value: { name: 'Cairn' } }) as never };
    expect(await call('app:info', {}, lying)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await h.logText()).toMatch(/app:info answered outside the contract/);
  });
});

describe('registerIpc', () => {
  const fakeIpcMain = () => {
    const handlers = new Map<string, (event: InvokeEventLike, payload: unknown) => unknown>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => handlers.set(channel, listener),
      removeHandler: (channel) => handlers.delete(channel),
    };
    return { ipcMain, handlers };
  };
  const from = (url: string, parent: unknown = null): InvokeEventLike => ({ senderFrame: { url, parent } });

  it('registers every channel and answers Cairn’s own page', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const off = registerIpc(ipcMain, h.table, isAppPage, h.log);
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(await handlers.get('app:info')?.(from(`${APP_INDEX_URL}#/wizard/keymap`), {})).toMatchObject({ ok: true, value: { name: 'Cairn' } });
    off();
    expect(handlers.size).toBe(0);
  });

  it('ignores other pages, subframes and the old file:// page, without running the handler', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, h.table, isAppPage, h.log);
    const save = handlers.get('targets:save');
    for (const event of [
      from('https://evil.example/index.html'),
      from('app://evil/index.html'),
      from('file:///opt/Cairn/resources/app.asar/dist/renderer/index.html'),
      from(APP_INDEX_URL, { url: 'https://evil.example/' }),
      { senderFrame: null },
    ]) {
      expect(await save?.(event, { target })).toBeUndefined();
    }
    expect((await h.services.targets.list()).targets).toEqual([]);
    expect(await h.logText()).toMatch(/ignored a request from an untrusted frame "https:\/\/evil\.example/);
    expect(await save?.(from('app://cairn/index.html#/targets'), { target })).toMatchObject({ ok: true });
  });
});

describe('files', () => {
  it('writes the text where the save dialog points, and reads it back through the open dialog', async () => {
    const path = join(h.dir, 'garage.answers');
    const { dialogs, shown } = scriptedDialogs({ save: path, open: path });
    const table = { ...h.table, ...fileHandlers(dialogs) };
    expect(await call('files:save-text', { suggestedName: 'garage.answers', text: 'HOSTNAMEOPTS=garage\n' }, table)).toEqual({ ok: true, value: { saved: true, path } });
    // It may hold a wifi passphrase and password hashes: its owner's only.
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await call('files:open-text', {}, table)).toEqual({ ok: true, value: { opened: true, path, name: 'garage.answers', text: 'HOSTNAMEOPTS=garage\n' } });
    expect(shown[0]).toMatchObject({ defaultPath: 'garage.answers' });
  });

  it('answers a cancelled dialog with saved: false, and refuses binary files', async () => {
    const bin = join(h.dir, 'image.bin');
    await writeFile(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]));
    const table = { ...h.table, ...fileHandlers(scriptedDialogs({ save: null, open: bin }).dialogs) };
    expect(await call('files:save-text', { suggestedName: 'a', text: 'x' }, table)).toEqual({ ok: true, value: { saved: false } });
    expect(await call('files:open-text', {}, table)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/not a text file/) } });
    expect(await call('files:save-text', { suggestedName: '../../.bashrc', text: 'x' }, table)).toMatchObject({ ok: false, error: { field: 'suggestedName' } });
  });
});
