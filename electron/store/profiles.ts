import { randomUUID } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileSummary, StoredProfile } from '../../shared/api/profiles';
import { fail, idSchema, ok, type Result, type StoreProblem } from '../../shared/api/result';
import { loadProfile, PROFILE_SCHEMA_VERSION, type Profile } from '../../shared/profile';
import { sweepTempFiles } from './atomic-write';
import { serial } from './serial';
import { moveAside, readVersioned, writeVersioned, type FileFormat } from './versioned-file';

// One file per profile, `<id>.json`, so renaming a profile never renames a file
// and one damaged file costs one profile. The profile inside carries its own
// format version, upgraded by shared/profile's loadProfile.

const envelope = z.object({ id: idSchema, updatedAt: z.string(), profile: z.unknown() });
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

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createProfileStore(dir: string, now: () => Date = () => new Date()): ProfileStore {
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
    return ok({ id, updatedAt: data.updatedAt, migratedFrom: loaded.migratedFrom, profile: loaded.profile });
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

  const write = async (id: string, profile: Profile): Promise<ProfileSummary> => {
    const updatedAt = now().toISOString();
    await writeVersioned(fileOf(id), FORMAT, { id, updatedAt, profile });
    return { id, name: profile.name, hostname: profile.hostname, updatedAt, migratedFrom: null };
  };

  const nameTaken = async (name: string, exceptId?: string) =>
    (await list()).profiles.some((p) => p.id !== exceptId && sameName(p.name, name));

  const save = (profile: Profile, id?: string) =>
    exclusive(async (): Promise<Result<ProfileSummary>> => {
      if (profile.name.trim() === '') return fail('invalid-input', 'Give the profile a name before saving it.', 'profile.name');
      if (id !== undefined) {
        const existing = await read(id);
        if (!existing.ok) return existing;
      }
      if (await nameTaken(profile.name, id)) {
        return fail('invalid-input', `A profile named "${profile.name.trim()}" already exists; choose another name.`, 'profile.name');
      }
      return ok(await write(id ?? randomUUID(), profile));
    });

  const remove = (id: string) =>
    exclusive(async (): Promise<Result<{ id: string }>> => {
      await ready;
      if (!idSchema.safeParse(id).success) return fail('invalid-input', 'This profile id was not made by Cairn.', 'id');
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
