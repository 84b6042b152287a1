import { randomUUID } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileSummary, StoredProfile } from '../../shared/api/profiles';
import { fail, idSchema, ok, type Result, type StoreProblem } from '../../shared/api/result';
import { loadProfile, PROFILE_SCHEMA_VERSION, type Profile } from '../../shared/profile';
import { sweepTempFiles } from './atomic-write';
import type { SecretStore } from '../secrets/secrets';
import { serial } from './serial';
import { moveAside, readVersioned, writeVersioned, type FileFormat } from './versioned-file';

// One file per profile, `<id>.json`, so renaming a profile never renames a file
// and one damaged file costs one profile. The profile inside carries its own
// format version, upgraded by shared/profile's loadProfile.

// `wifiKept` names the interfaces whose wifi passphrase is kept with the
// other secrets (encrypted by the system keyring) instead of in this file.
const envelope = z.object({ id: idSchema, updatedAt: z.string(), profile: z.unknown(), wifiKept: z.array(z.string()).optional(), diskKept: z.boolean().optional() });
type Envelope = z.infer<typeof envelope>;
const FORMAT: FileFormat<Envelope> = { what: 'profile', version: 1, schema: envelope };

const PROFILE_FILE = /^([a-z0-9][a-z0-9-]{0,63})\.json$/;

export interface ProfileStore {
  list(): Promise<{ profiles: ProfileSummary[]; problems: StoreProblem[] }>;
  get(id: string): Promise<Result<StoredProfile>>;
  /** Without an id the profile is stored as a new one. Names are unique, ignoring case. */
  save(profile: Profile, id?: string): Promise<Result<ProfileSummary>>;
  remove(id: string): Promise<Result<{ id: string }>>;
  duplicate(id: string, name?: string): Promise<Result<ProfileSummary>>;
  /** The name → id mapping: which stored profile has this name. */
  idOfName(name: string): Promise<string | null>;
}

const summaryOf = (s: StoredProfile): ProfileSummary => ({
  id: s.id,
  name: s.profile.name,
  hostname: s.profile.hostname,
  updatedAt: s.updatedAt,
  migratedFrom: s.migratedFrom,
});

/** "The wifi passphrase", "The disk passphrase", or both, for the sentences about secrets lost with a session. */
export const lostSecretsName = (paths: readonly string[]): string => {
  const disk = paths.includes('disk.passphrase');
  const wifi = paths.some((p) => p !== 'disk.passphrase');
  return disk && wifi ? 'The wifi and disk passphrases' : disk ? 'The disk passphrase' : 'The wifi passphrase';
};

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Where wifi passphrases are kept: a secret store of their own (profile id and interface as its key). */
export type ProfileSecrets = Pick<SecretStore, 'get' | 'set' | 'clear'>;

const wifiKey = (profileId: string, iface: string) => `${profileId}/${iface}`;
/** The LUKS passphrase's key: '#' is in no interface name, so it never meets a wifi key. */
const diskKey = (profileId: string) => `${profileId}/#disk`;
const DISK_LOST = '#disk';

export function createProfileStore(dir: string, now: () => Date = () => new Date(), secrets?: ProfileSecrets): ProfileStore {
  const exclusive = serial();
  const ready = mkdir(dir, { recursive: true, mode: 0o700 }).then(() => sweepTempFiles(dir));
  const fileOf = (id: string) => join(dir, `${id}.json`);

  const read = async (id: string): Promise<Result<StoredProfile>> => {
    await ready;
    if (!idSchema.safeParse(id).success) return fail('invalid-input', 'This profile id was not made by Cairn.', 'id');
    const path = fileOf(id);
    const outcome = await readVersioned(path, FORMAT, now());
    if (outcome.state === 'missing') return fail('not-found', 'This profile no longer exists; it may have been removed.');
    if (outcome.state === 'corrupt') return fail('corrupt-store', outcome.problem.message);
    if (outcome.state === 'newer') return fail('newer-format', outcome.problem.message);
    const { data } = outcome;
    if (data.id !== id) {
      return fail('corrupt-store', (await moveAside(path, 'profile', `it names the profile ${data.id}`, now())).message);
    }
    const version = (data.profile as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > PROFILE_SCHEMA_VERSION) {
      return fail('newer-format', `The profile file ${id}.json was saved by a newer Cairn (profile format ${version}); update Cairn to open it. It was left untouched.`);
    }
    const loaded = loadProfile(data.profile);
    if (!loaded.ok) return fail('corrupt-store', (await moveAside(path, 'profile', loaded.message.replace(/\.$/, ''), now())).message);
    // The passphrases come back from the secret store; one it no longer has (kept for a session that ended) is named, never guessed.
    const lostSecrets: string[] = [];
    const interfaces = await Promise.all(
      loaded.profile.interfaces.map(async (i, n) => {
        if (i.wifi === null || !(data.wifiKept ?? []).includes(i.name)) return i;
        const passphrase = (await secrets?.get(wifiKey(id, i.name), 'passphrase')) ?? null;
        if (passphrase === null) lostSecrets.push(`interfaces.${n}.wifi.passphrase`);
        return { ...i, wifi: { ...i.wifi, passphrase: passphrase ?? '' } };
      }),
    );
    let disk = loaded.profile.disk;
    if (data.diskKept === true) {
      const passphrase = (await secrets?.get(diskKey(id), 'passphrase')) ?? null;
      if (passphrase === null) lostSecrets.push('disk.passphrase');
      disk = { ...disk, passphrase: passphrase ?? '' };
    }
    const profile = { ...loaded.profile, interfaces, disk };
    return ok({ id, updatedAt: data.updatedAt, migratedFrom: loaded.migratedFrom, profile, ...(lostSecrets.length === 0 ? {} : { lostSecrets }) });
  };

  const list = async () => {
    await ready;
    const profiles: ProfileSummary[] = [];
    const problems: StoreProblem[] = [];
    for (const name of (await readdir(dir)).sort()) {
      const id = PROFILE_FILE.exec(name)?.[1];
      if (id === undefined) continue;
      const r = await read(id);
      if (r.ok) profiles.push(summaryOf(r.value));
      else if (r.error.code !== 'not-found') problems.push({ file: name, message: r.error.message });
    }
    profiles.sort((a, b) => a.name.localeCompare(b.name));
    return { profiles, problems };
  };

  /** `stillLost`: interfaces whose passphrase was lost and is still empty: they stay lost, not become open networks. */
  const write = async (id: string, profile: Profile, stillLost: ReadonlySet<string> = new Set()): Promise<ProfileSummary> => {
    const updatedAt = now().toISOString();
    if (secrets === undefined) {
      await writeVersioned(fileOf(id), FORMAT, { id, updatedAt, profile });
      return { id, name: profile.name, hostname: profile.hostname, updatedAt, migratedFrom: null };
    }
    // Wifi passphrases go to the secret store first, so the file never holds one.
    const wifiKept: string[] = [];
    for (const i of profile.interfaces) {
      if (i.wifi !== null && i.wifi.passphrase === '' && stillLost.has(i.name)) wifiKept.push(i.name);
      else if (i.wifi === null || i.wifi.passphrase === '') await secrets.clear(wifiKey(id, i.name), 'passphrase');
      else {
        await secrets.set(wifiKey(id, i.name), 'passphrase', i.wifi.passphrase);
        wifiKept.push(i.name);
      }
    }
    // So does the disk passphrase; one that was lost and is still empty stays lost.
    let diskKept = profile.disk.passphrase !== '' || stillLost.has(DISK_LOST);
    if (profile.disk.passphrase !== '') await secrets.set(diskKey(id), 'passphrase', profile.disk.passphrase);
    else if (!diskKept) await secrets.clear(diskKey(id), 'passphrase');
    diskKept &&= profile.disk.encrypt || profile.disk.passphrase !== '';
    const stripped = {
      ...profile,
      interfaces: profile.interfaces.map((i) => (i.wifi === null ? i : { ...i, wifi: { ...i.wifi, passphrase: '' } })),
      disk: { ...profile.disk, passphrase: '' },
    };
    await writeVersioned(fileOf(id), FORMAT, { id, updatedAt, profile: stripped, ...(wifiKept.length === 0 ? {} : { wifiKept }), ...(diskKept ? { diskKept } : {}) });
    return { id, name: profile.name, hostname: profile.hostname, updatedAt, migratedFrom: null };
  };

  const nameTaken = async (name: string, exceptId?: string) => (await list()).profiles.some((p) => p.id !== exceptId && sameName(p.name, name));

  const save = (profile: Profile, id?: string) =>
    exclusive(async (): Promise<Result<ProfileSummary>> => {
      if (profile.name.trim() === '') return fail('invalid-input', 'Give the profile a name before saving it.', 'profile.name');
      const lost = new Set<string>();
      if (id !== undefined) {
        const existing = await read(id);
        if (!existing.ok) return existing;
        for (const path of existing.value.lostSecrets ?? []) {
          if (path === 'disk.passphrase') {
            lost.add(DISK_LOST);
            continue;
          }
          const name = existing.value.profile.interfaces[Number(path.split('.')[1])]?.name;
          if (name !== undefined) lost.add(name);
        }
      }
      if (await nameTaken(profile.name, id)) {
        return fail('invalid-input', `A profile named "${profile.name.trim()}" already exists; choose another name.`, 'profile.name');
      }
      return ok(await write(id ?? randomUUID(), profile, lost));
    });

  const remove = (id: string) =>
    exclusive(async (): Promise<Result<{ id: string }>> => {
      await ready;
      if (!idSchema.safeParse(id).success) return fail('invalid-input', 'This profile id was not made by Cairn.', 'id');
      const gone = await read(id);
      if (gone.ok) for (const i of gone.value.profile.interfaces) await secrets?.clear(wifiKey(id, i.name), 'passphrase');
      await secrets?.clear(diskKey(id), 'passphrase');
      try {
        await unlink(fileOf(id));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fail('not-found', 'This profile no longer exists; it may have been removed.');
        throw e;
      }
      return ok({ id });
    });

  const duplicate = (id: string, name?: string) =>
    exclusive(async (): Promise<Result<ProfileSummary>> => {
      const source = await read(id);
      if (!source.ok) return source;
      // A copy made without the lost passphrase would install an open network without a word.
      if (source.value.lostSecrets !== undefined)
        return fail(
          'secrets-unavailable',
          `${lostSecretsName(source.value.lostSecrets)} of “${source.value.profile.name}” was kept only until Cairn last closed: open it, enter it again and save before copying it.`,
          'id',
        );
      const taken = (await list()).profiles.map((p) => p.name);
      let copyName = name?.trim() ?? `${source.value.profile.name} (copy)`;
      if (name !== undefined && taken.some((t) => sameName(t, copyName))) {
        return fail('invalid-input', `A profile named "${copyName}" already exists; choose another name.`, 'name');
      }
      for (let n = 2; taken.some((t) => sameName(t, copyName)); n++) copyName = `${source.value.profile.name} (copy ${n})`;
      return ok(await write(randomUUID(), { ...source.value.profile, name: copyName }));
    });

  const idOfName = async (name: string) => (await list()).profiles.find((p) => sameName(p.name, name))?.id ?? null;

  return { list, get: read, save, remove, duplicate, idOfName };
}
