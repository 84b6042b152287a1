import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBridge, createClient } from '../../../shared/api/client';
import { dispatch } from '../../../electron/ipc';
import { defaultProfile } from '../../../shared/profile';
import { readFile } from 'node:fs/promises';
import { harness, scriptedDialogs, type Harness } from '../../../electron/services.test-support';
import { ipcProfilesClient } from './ipc-profiles-client';

// The real handler table over a temp userData directory, reached through the
// same bridge the preload builds: the wizard's seam against real storage.
let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.cleanup());

const client = () =>
  ipcProfilesClient(
    createClient(
      createBridge(
        (channel, payload) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log }),
        () => () => {},
      ),
    ),
  );

describe('profiles over IPC', () => {
  it('saves, lists, opens and deletes profiles in the main process store', async () => {
    const c = client();
    const saved = await c.save({ ...defaultProfile(), name: 'Garage NAS' }, null);
    expect((await c.list()).map((p) => p.name)).toEqual(['Garage NAS']);
    expect(await c.get(saved.id)).toMatchObject({ profile: { name: 'Garage NAS', hostname: 'alpine' }, lostSecrets: [] });
    await c.save({ ...defaultProfile(), name: 'Garage NAS', hostname: 'nas' }, saved.id);
    expect(await c.get(saved.id)).toMatchObject({ profile: { hostname: 'nas' } });
    await c.remove(saved.id);
    expect(await c.list()).toEqual([]);
  });

  it('turns a refusal into the sentence the wizard shows', async () => {
    await expect(client().get('missing-id')).rejects.toThrow(/\w+ .*\./);
  });

  it('says, in a page with no desktop app behind it, that nothing can be kept there', async () => {
    const none = ipcProfilesClient(null);
    await expect(none.list()).rejects.toThrow('Profiles and files are kept by the Cairn desktop app; this page runs without it, so nothing can be saved or opened here.');
    await expect(none.save({ ...defaultProfile(), name: 'Garage NAS' }, null)).rejects.toThrow(/desktop app/);
    await expect(none.openFile()).rejects.toThrow(/desktop app/);
  });
});

describe('answer files over IPC', () => {
  it('says where the file was saved, and nothing when the save dialog was cancelled', async () => {
    const saveTo = `${h.dir}/box.answers`;
    const chosen = await harness({ dialogs: scriptedDialogs({ save: saveTo }).dialogs });
    const cancelled = await harness({ dialogs: scriptedDialogs({ save: null }).dialogs });
    try {
      const via = (x: Harness) =>
        ipcProfilesClient(
          createClient(
            createBridge(
              (channel, payload) => dispatch(x.table, channel, payload, { sender: 'test', log: x.log }),
              () => () => {},
            ),
          ),
        );
      expect(await via(chosen).saveFile('box.answers', 'HOSTNAMEOPTS=box\n')).toBe(saveTo);
      expect(await readFile(saveTo, 'utf8')).toBe('HOSTNAMEOPTS=box\n');
      expect(await via(cancelled).saveFile('box.answers', 'x')).toBeNull();
    } finally {
      await chosen.cleanup();
      await cancelled.cleanup();
    }
  });
});
