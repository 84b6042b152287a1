import { afterEach, describe, expect, it } from 'vitest';
import { defaultProfile, type Profile } from '../../shared/profile';
import { dispatch } from '../ipc';
import { createHandlers } from '../ipc/handlers';
import { createServices } from '../services';
import { fakeSafeStorage, harness, scriptedDialogs, type Harness } from '../services.test-support';

// Without a keyring a wifi passphrase lives for the session only. After a
// restart the profile comes back without it: an install would then set up
// an open network, so it is refused, saying how to fix it.
let h: Harness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

describe('a profile whose wifi passphrase was lost with the session', () => {
  it('is refused for an install, naming what to enter again, before any box is asked', async () => {
    h = await harness({ safeStorage: fakeSafeStorage({ available: false }) });
    const base = defaultProfile();
    const profile: Profile = {
      ...base,
      name: 'Sensor',
      disk: { ...base.disk, mode: 'none', disks: [] },
      interfaces: [{ ...base.interfaces[0]!, name: 'wlan0', wifi: { ssid: 'Home', passphrase: 'correct horse' } }],
    };
    const saved = await h.services.profiles.save(profile);
    const target = await h.services.targets.save({ name: 'pi', host: '127.0.0.1', port: 1, user: 'root', auth: 'agent', tags: [] });
    if (!saved.ok || !target.ok) throw new Error('seeding failed');

    // Cairn starts again over the same folder: the session's secrets are gone.
    const again = await createServices({
      userData: h.dir,
      safeStorage: fakeSafeStorage({ available: false }),
      dialogs: scriptedDialogs({}).dialogs,
      sshConfig: { path: `${h.dir}/no-ssh-config`, homeDir: h.dir, localUser: 'tester' },
      app: { name: 'Cairn', version: '0.1.0' },
    });
    const table = createHandlers(again.services);
    const opened = await dispatch(table, 'profiles:get', { id: saved.value.id }, { sender: 'test', log: again.log });
    expect(opened).toMatchObject({ ok: true, value: { lostSecrets: ['interfaces.0.wifi.passphrase'], profile: { interfaces: [{ wifi: { passphrase: '' } }] } } });
    const started = await dispatch(table, 'runs:start', { profileId: saved.value.id, targetIds: [target.value.id] }, { sender: 'test', log: again.log });
    expect(started).toMatchObject({
      ok: false,
      error: { code: 'secrets-unavailable', message: expect.stringMatching(/^The wifi passphrase of .*enter it again \(Network step\) and save/) },
    });
  });
});

describe('an encrypted disk without its passphrase', () => {
  it('is refused for an install before any box is asked, saying where to enter it', async () => {
    h = await harness();
    const base = defaultProfile();
    const profile: Profile = { ...base, name: 'Vault', disk: { ...base.disk, mode: 'sys', disks: ['/dev/sda'], encrypt: true, passphrase: '' } };
    const saved = await h.services.profiles.save(profile);
    const target = await h.services.targets.save({ name: 'pc', host: '127.0.0.1', port: 1, user: 'root', auth: 'agent', tags: [] });
    if (!saved.ok || !target.ok) throw new Error('seeding failed');
    const table = createHandlers(h.services);
    const started = await dispatch(table, 'runs:start', { profileId: saved.value.id, targetIds: [target.value.id], confirmErase: ['/dev/sda'] }, { sender: 'test', log: h.log });
    expect(started).toMatchObject({ ok: false, error: { code: 'invalid-profile', field: 'profileId', message: expect.stringContaining('enter it in the Disk step') } });
  });
});
