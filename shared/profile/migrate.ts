import { z } from 'zod';
import { defaultProfile } from './defaults';
import { PROFILE_SCHEMA_VERSION, profileSchema, type NetworkInterface, type Profile } from './schema';

/**
 * Version 1 (Cairn's first profile files) wrote the keymap as one string,
 * an interface's IPv4 as `dhcp` + "address/prefix", packages as one
 * space-separated string, and had neither RAID nor a wpa_supplicant path.
 */
const v1Schema = z
  .object({
    schemaVersion: z.literal(1),
    keymap: z.string(),
    interfaces: z.array(z.object({ name: z.string(), dhcp: z.boolean(), address: z.string().optional(), gateway: z.string().optional() })),
    packages: z.string(),
    disk: z.object({ disks: z.array(z.string()) }).loose(),
  })
  .loose();

function migrateV1(v1: z.infer<typeof v1Schema>): unknown {
  const [layout = '', variant = layout] = v1.keymap.trim().split(/\s+/);
  const interfaces: NetworkInterface[] = v1.interfaces.map((i) => {
    const [address = '', prefix] = (i.address ?? '').split('/');
    return {
      name: i.name,
      auto: true,
      ipv4: i.dhcp ? { mode: 'dhcp' } : { mode: 'static', address, prefix: prefix === undefined ? null : Number(prefix), gateway: i.gateway ?? '' },
      ipv6: { mode: 'none' },
      wifi: null,
      extraOptions: { inet: [], inet6: [] },
    };
  });
  const base = defaultProfile();
  return {
    ...base,
    ...v1,
    schemaVersion: 2,
    keymap: v1.keymap === 'none' || layout === '' ? null : { layout, variant },
    interfaces,
    wifiConfigFile: null,
    ipForwarding: false,
    packages: v1.packages.split(/\s+/).filter(Boolean),
    disk: { ...base.disk, ...v1.disk, raid: v1.disk.disks.length > 1 },
  };
}

/** Version 2 had no kept ifupdown options, setup-user -u, setup-timezone -i/-k, setup-disk -v or BOOT_SIZE. */
const v2Schema = z
  .object({
    schemaVersion: z.literal(2),
    interfaces: z.array(z.object({}).loose()),
    user: z.object({}).loose().nullable(),
    disk: z.object({}).loose(),
  })
  .loose();

function migrateV2(v2: z.infer<typeof v2Schema>): unknown {
  return {
    ...v2,
    schemaVersion: 3,
    interfaces: v2.interfaces.map((i) => ({ ...i, extraOptions: { inet: [], inet6: [] } })),
    user: v2.user === null ? null : { ...v2.user, unlock: 'auto' },
    timezoneMode: 'copy',
    disk: { ...v2.disk, bootMb: null, verbose: false },
  };
}

export type Loaded = { ok: true; profile: Profile; migratedFrom: number | null } | { ok: false; message: string };

/** Reads a profile file's JSON of any known version and brings it to the current one. */
export function loadProfile(json: unknown): Loaded {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  let data = json;
  let migratedFrom: number | null = null;
  if (version === 1) {
    const v1 = v1Schema.safeParse(json);
    if (!v1.success) return { ok: false, message: 'This version 1 profile is damaged and cannot be upgraded.' };
    data = migrateV1(v1.data);
    migratedFrom = 1;
  }
  if (version === 1 || version === 2) {
    const v2 = v2Schema.safeParse(data);
    if (!v2.success) return { ok: false, message: 'This version 2 profile is damaged and cannot be upgraded.' };
    data = migrateV2(v2.data);
    migratedFrom ??= 2;
  } else if (typeof version === 'number' && version > PROFILE_SCHEMA_VERSION) {
    return { ok: false, message: `This profile was saved by a newer Cairn (format ${version}); update Cairn to open it.` };
  } else if (version !== PROFILE_SCHEMA_VERSION) {
    return { ok: false, message: 'This is not a Cairn profile (it has no format version).' };
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: `This profile is damaged: ${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}.` };
  }
  return { ok: true, profile: parsed.data, migratedFrom };
}
