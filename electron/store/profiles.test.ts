import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultProfile, PROFILE_SCHEMA_VERSION, templateById, type Profile } from '../../shared/profile';
import { createLog } from '../log';
import { createSecretStore } from '../secrets/secrets';
import { fakeSafeStorage, tempDir } from '../services.test-support';
import { createProfileStore, type ProfileStore } from './profiles';

let dir: string;
let cleanup: () => Promise<void>;
let store: ProfileStore;
const fixedNow = () => new Date('2026-03-01T10:00:00.000Z');

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  store = createProfileStore(dir, fixedNow);
});
afterEach(() => cleanup());

const named = (name: string, hostname = 'box'): Profile => ({ ...defaultProfile(), name, hostname });

async function saved(profile: Profile): Promise<string> {
  const r = await store.save(profile);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

describe('the profile store', () => {
  it('keeps each profile in its own file and finds it by name', async () => {
    const id = await saved(named('Garage', 'garage'));
    expect(await readdir(dir)).toEqual([`${id}.json`]);
    expect(await store.get(id)).toEqual({ ok: true, value: { id, updatedAt: '2026-03-01T10:00:00.000Z', migratedFrom: null, profile: named('Garage', 'garage') } });
    expect(await store.idOfName(' garage ')).toBe(id);
    expect(await store.list()).toEqual({
      profiles: [{ id, name: 'Garage', hostname: 'garage', updatedAt: '2026-03-01T10:00:00.000Z', migratedFrom: null }],
      problems: [],
    });
  });

  it('renames in place, keeping the id and the file', async () => {
    const id = await saved(named('Garage'));
    expect(await store.save(named('Workshop'), id)).toMatchObject({ ok: true, value: { id, name: 'Workshop' } });
    expect(await readdir(dir)).toEqual([`${id}.json`]);
  });

  it('refuses a second profile with the same name, naming the field', async () => {
    await saved(named('Garage'));
    expect(await store.save(named('GARAGE'))).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'profile.name', message: 'A profile named "GARAGE" already exists; choose another name.' },
    });
    expect(await store.save(named('  '))).toMatchObject({ ok: false, error: { field: 'profile.name' } });
  });

  it('duplicates under a free "(copy)" name', async () => {
    const id = await saved(named('Router'));
    const first = await store.duplicate(id);
    const second = await store.duplicate(id);
    expect([first.ok && first.value.name, second.ok && second.value.name]).toEqual(['Router (copy)', 'Router (copy 2)']);
    expect(await store.duplicate(id, 'Router')).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'name' } });
    expect(new Set((await store.list()).profiles.map((p) => p.name))).toEqual(new Set(['Router', 'Router (copy)', 'Router (copy 2)']));
  });

  it('says not-found for a removed profile', async () => {
    const id = await saved(named('Old'));
    expect(await store.remove(id)).toEqual({ ok: true, value: { id } });
    expect(await store.get(id)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await store.remove(id)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await store.save(named('Old'), id)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('moves a damaged file aside, reports it in words and keeps listing the others', async () => {
    const good = await saved(named('Good'));
    await writeFile(join(dir, 'broken-1.json'), '{"storeVersion":1,"id":"broken-1","updatedAt":"x","profile":{"schemaVersion":2,"name":');
    const listed = await store.list();
    expect(listed.profiles.map((p) => p.id)).toEqual([good]);
    expect(listed.problems).toEqual([
      {
        file: 'broken-1.json',
        message:
          'The profile file broken-1.json was damaged (it is not valid JSON), so Cairn moved it aside to broken-1.json.corrupt-2026-03-01T10-00-00-000Z and carried on without it.',
      },
    ]);
    expect((await readdir(dir)).sort()).toEqual([`${good}.json`, 'broken-1.json.corrupt-2026-03-01T10-00-00-000Z'].sort());
    expect(await readFile(join(dir, 'broken-1.json.corrupt-2026-03-01T10-00-00-000Z'), 'utf8')).toContain('"name":');
  });

  it('moves aside a file whose profile is damaged, saying which field', async () => {
    await writeFile(join(dir, 'bad-field.json'), JSON.stringify({ storeVersion: 1, id: 'bad-field', updatedAt: 'x', profile: { ...defaultProfile(), hostname: 7 } }));
    expect(await store.get('bad-field')).toEqual({
      ok: false,
      error: { code: 'corrupt-store', message: expect.stringMatching(/was damaged \(This profile is damaged: hostname: .*\), so Cairn moved it aside/) },
    });
  });

  it('upgrades a profile saved in format 1 when reading, and writes the current format on the next save', async () => {
    const v1 = {
      schemaVersion: 1,
      name: 'Old router',
      hostname: 'gw',
      keymap: 'us us',
      packages: 'nftables',
      interfaces: [{ name: 'eth0', dhcp: true }],
      disk: { mode: 'sys', disks: ['/dev/sda'] },
    };
    await writeFile(join(dir, 'legacy-1.json'), JSON.stringify({ storeVersion: 1, id: 'legacy-1', updatedAt: '2024-01-01T00:00:00.000Z', profile: v1 }));
    const loaded = await store.get('legacy-1');
    expect(loaded).toMatchObject({
      ok: true,
      value: { migratedFrom: 1, profile: { schemaVersion: PROFILE_SCHEMA_VERSION, keymap: { layout: 'us', variant: 'us' }, packages: ['nftables'] } },
    });
    expect(JSON.parse(await readFile(join(dir, 'legacy-1.json'), 'utf8')).profile.schemaVersion).toBe(1);
    if (!loaded.ok) return;
    await store.save(loaded.value.profile, 'legacy-1');
    expect(JSON.parse(await readFile(join(dir, 'legacy-1.json'), 'utf8'))).toMatchObject({ storeVersion: 1, profile: { schemaVersion: PROFILE_SCHEMA_VERSION } });
  });

  it('leaves a profile from a newer Cairn untouched and says to update', async () => {
    const body = JSON.stringify({ storeVersion: 1, id: 'future-1', updatedAt: 'x', profile: { ...templateById('vm')?.make(), schemaVersion: 9 } });
    await writeFile(join(dir, 'future-1.json'), body);
    expect(await store.list()).toMatchObject({ profiles: [], problems: [{ file: 'future-1.json', message: expect.stringMatching(/newer Cairn .* update Cairn/) }] });
    expect(await readFile(join(dir, 'future-1.json'), 'utf8')).toBe(body);
  });
});

describe('wifi passphrases', () => {
  const log = () => createLog({ file: join(dir, 'main.log') });
  const withWifi = (passphrase: string): Profile => {
    const p = named('Sensor', 'sensor');
    return { ...p, interfaces: [{ ...p.interfaces[0]!, name: 'wlan0', wifi: { ssid: 'Home', passphrase } }] };
  };

  it('are kept with the other secrets, never in the profile file, and come back when it is opened', async () => {
    const secretsFile = join(dir, 'profile-secrets.json');
    const secrets = createSecretStore({ file: secretsFile, safeStorage: fakeSafeStorage(), log: log() });
    const kept = createProfileStore(join(dir, 'kept'), fixedNow, secrets);
    const r = await kept.save(withWifi('correct horse battery'));
    if (!r.ok) throw new Error(r.error.message);
    const [file] = await readdir(join(dir, 'kept'));
    expect(await readFile(join(dir, 'kept', file ?? ''), 'utf8')).not.toContain('correct horse');
    expect(await readFile(secretsFile, 'utf8')).not.toContain('correct horse');
    expect(await kept.get(r.value.id)).toMatchObject({ ok: true, value: { profile: { interfaces: [{ wifi: { ssid: 'Home', passphrase: 'correct horse battery' } }] } } });
    expect((await kept.get(r.value.id)).ok && (await kept.get(r.value.id))).not.toHaveProperty('value.lostSecrets');

    // A copy has its own; removing the profile forgets its passphrase.
    const copy = await kept.duplicate(r.value.id);
    if (!copy.ok) throw new Error(copy.error.message);
    expect(await kept.remove(r.value.id)).toEqual({ ok: true, value: { id: r.value.id } });
    expect(await secrets.get(`${r.value.id}/wlan0`, 'passphrase')).toBeNull();
    expect(await kept.get(copy.value.id)).toMatchObject({ ok: true, value: { profile: { interfaces: [{ wifi: { passphrase: 'correct horse battery' } }] } } });
  });

  it('kept for the session only, are named as lost after a restart instead of coming back empty unsaid', async () => {
    const file = join(dir, 'profile-secrets.json');
    const before = createProfileStore(join(dir, 'session'), fixedNow, createSecretStore({ file, safeStorage: fakeSafeStorage({ available: false }), log: log() }));
    const r = await before.save(withWifi('correct horse battery'));
    if (!r.ok) throw new Error(r.error.message);
    const after = createProfileStore(join(dir, 'session'), fixedNow, createSecretStore({ file, safeStorage: fakeSafeStorage({ available: false }), log: log() }));
    expect(await after.get(r.value.id)).toMatchObject({
      ok: true,
      value: { profile: { interfaces: [{ wifi: { ssid: 'Home', passphrase: '' } }] }, lostSecrets: ['interfaces.0.wifi.passphrase'] },
    });
    // Saved again (renamed) with the passphrase still empty, it stays lost: never quietly an open network.
    expect((await after.save({ ...withWifi(''), name: 'Sensor 2' }, r.value.id)).ok).toBe(true);
    expect(await after.get(r.value.id)).toMatchObject({ ok: true, value: { lostSecrets: ['interfaces.0.wifi.passphrase'] } });
    expect(await after.duplicate(r.value.id)).toMatchObject({
      ok: false,
      error: { code: 'secrets-unavailable', message: expect.stringMatching(/^The wifi passphrase of .*enter it again and save before copying it/) },
    });
    // Entered again, it is kept once more.
    expect((await after.save(withWifi('new horse'), r.value.id)).ok).toBe(true);
    expect(await after.get(r.value.id)).toMatchObject({ ok: true, value: { profile: { interfaces: [{ wifi: { passphrase: 'new horse' } }] } } });
    expect(await after.get(r.value.id)).not.toHaveProperty('value.lostSecrets');
  });
});

describe('the disk (LUKS) passphrase', () => {
  const log = () => createLog({ file: join(dir, 'main.log') });
  const encrypted = (passphrase: string): Profile => {
    const p = named('Vault', 'vault');
    return { ...p, disk: { ...p.disk, disks: ['/dev/sda'], encrypt: true, passphrase } };
  };

  it('is kept with the other secrets, never in the profile file, and comes back when it is opened', async () => {
    const secretsFile = join(dir, 'profile-secrets.json');
    const kept = createProfileStore(join(dir, 'kept'), fixedNow, createSecretStore({ file: secretsFile, safeStorage: fakeSafeStorage(), log: log() }));
    const r = await kept.save(encrypted('open sesame 42'));
    if (!r.ok) throw new Error(r.error.message);
    const [file] = await readdir(join(dir, 'kept'));
    expect(await readFile(join(dir, 'kept', file ?? ''), 'utf8')).not.toContain('open sesame');
    expect(await readFile(secretsFile, 'utf8')).not.toContain('open sesame');
    expect(await kept.get(r.value.id)).toMatchObject({ ok: true, value: { profile: { disk: { encrypt: true, passphrase: 'open sesame 42' } } } });
    // Cleared with the passphrase field, it is forgotten.
    expect((await kept.save(encrypted(''), r.value.id)).ok).toBe(true);
    expect(await kept.get(r.value.id)).toMatchObject({ ok: true, value: { profile: { disk: { passphrase: '' } } } });
    expect(await kept.get(r.value.id)).not.toHaveProperty('value.lostSecrets');
  });

  it('kept for the session only, is named as lost after a restart, and stays lost until entered again', async () => {
    const file = join(dir, 'profile-secrets.json');
    const session = () => createProfileStore(join(dir, 'session'), fixedNow, createSecretStore({ file, safeStorage: fakeSafeStorage({ available: false }), log: log() }));
    const r = await session().save(encrypted('open sesame 42'));
    if (!r.ok) throw new Error(r.error.message);
    const after = session();
    expect(await after.get(r.value.id)).toMatchObject({ ok: true, value: { profile: { disk: { passphrase: '' } }, lostSecrets: ['disk.passphrase'] } });
    expect((await after.save({ ...encrypted(''), name: 'Vault 2' }, r.value.id)).ok).toBe(true);
    expect(await after.get(r.value.id)).toMatchObject({ ok: true, value: { lostSecrets: ['disk.passphrase'] } });
    expect(await after.duplicate(r.value.id)).toMatchObject({ ok: false, error: { code: 'secrets-unavailable', message: expect.stringMatching(/^The disk passphrase of/) } });
    expect((await after.save(encrypted('new sesame'), r.value.id)).ok).toBe(true);
    expect(await after.get(r.value.id)).not.toHaveProperty('value.lostSecrets');
  });
});
