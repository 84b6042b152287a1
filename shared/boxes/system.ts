export interface Memory {
  totalKib: number;
  /** What the kernel estimates new programs can use (MemAvailable). */
  availableKib: number;
  swapTotalKib: number;
  swapFreeKib: number;
}

/** /proc/meminfo (`MemTotal:  2048 kB`); null without MemTotal. */
export function parseMeminfo(lines: readonly string[]): Memory | null {
  const kib = new Map<string, number>();
  for (const line of lines) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?: kB)?$/.exec(line.trim());
    if (m !== null) kib.set(m[1] ?? '', Number(m[2]));
  }
  const total = kib.get('MemTotal');
  if (total === undefined) return null;
  // Kernels before 3.14 have no MemAvailable; free + buffers + cache is what free(1) showed then.
  const available = kib.get('MemAvailable') ?? (kib.get('MemFree') ?? 0) + (kib.get('Buffers') ?? 0) + (kib.get('Cached') ?? 0);
  return { totalKib: total, availableKib: available, swapTotalKib: kib.get('SwapTotal') ?? 0, swapFreeKib: kib.get('SwapFree') ?? 0 };
}

export interface Filesystem {
  source: string;
  mountpoint: string;
  sizeKib: number;
  usedKib: number;
  availableKib: number;
  usedPercent: number;
}

/** `df -P -k`: a header, then one filesystem a line (a long source name may wrap onto the next line). */
export function parseDf(lines: readonly string[]): Filesystem[] {
  const out: Filesystem[] = [];
  let pending = '';
  for (const line of lines) {
    if (/^Filesystem\s/.test(line)) continue;
    const joined = pending === '' ? line : `${pending} ${line.trim()}`;
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(.+)$/.exec(joined);
    if (m === null) {
      pending = /^\S+$/.test(line.trim()) ? line.trim() : '';
      continue;
    }
    pending = '';
    out.push({
      source: m[1] ?? '',
      sizeKib: Number(m[2]),
      usedKib: Number(m[3]),
      availableKib: Number(m[4]),
      usedPercent: Number(m[5]),
      mountpoint: m[6] ?? '',
    });
  }
  return out;
}

export interface Mount {
  source: string;
  mountpoint: string;
  type: string;
}

/** /proc/mounts; octal escapes (`\040` for a space) in paths are decoded. */
export function parseMounts(lines: readonly string[]): Mount[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  const out: Mount[] = [];
  for (const line of lines) {
    const [source, mountpoint, type] = line.trim().split(/\s+/);
    if (source === undefined || mountpoint === undefined || type === undefined) continue;
    out.push({ source: unescape(source), mountpoint: unescape(mountpoint), type });
  }
  return out;
}

export type Storage = 'installed' | 'diskless' | 'data' | 'unknown';

const RAM = new Set(['tmpfs', 'ramfs', 'rootfs']);

/**
 * How the box keeps its system: `installed` (root on a disk: changes stay),
 * `diskless` (root in RAM: only `lbu commit` keeps changes), `data` (root in
 * RAM, /var on a disk: setup-disk -m data), `unknown` without /proc/mounts.
 * The last mount of / is the one in use.
 */
export function storageOf(mounts: readonly Mount[]): Storage {
  const root = mounts.filter((m) => m.mountpoint === '/').at(-1);
  if (root === undefined) return 'unknown';
  if (!RAM.has(root.type)) return 'installed';
  const varMount = mounts.filter((m) => m.mountpoint === '/var').at(-1);
  return varMount !== undefined && varMount.source.startsWith('/dev/') ? 'data' : 'diskless';
}

/** /proc/uptime: seconds since boot (the first number). */
export function parseUptime(lines: readonly string[]): number | null {
  const m = /^(\d+(?:\.\d+)?)\s/.exec(`${lines[0] ?? ''} `);
  return m === null ? null : Math.floor(Number(m[1]));
}

export interface Load {
  one: number;
  five: number;
  fifteen: number;
}

/** /proc/loadavg: the 1, 5 and 15 minute load averages. */
export function parseLoadavg(lines: readonly string[]): Load | null {
  const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\b/.exec(lines[0] ?? '');
  return m === null ? null : { one: Number(m[1]), five: Number(m[2]), fifteen: Number(m[3]) };
}

/** The zone names that all mean UTC, so `UTC` in a profile matches a box linked to Etc/UTC. */
const UTC_ALIASES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);

export const sameZone = (a: string, b: string): boolean => a === b || (UTC_ALIASES.has(a) && UTC_ALIASES.has(b));

/** What the time-zone section prints for an /etc/localtime that is a plain file, not a link. */
export const LOCALTIME_FILE = 'localtime-is-a-file';

/**
 * The zone from `readlink /etc/localtime`: the path after `zoneinfo/`
 * (setup-timezone links /etc/zoneinfo/ZONE, or /usr/share/zoneinfo/ZONE
 * with -i). No /etc/localtime means UTC (musl's default); a copied file or
 * a link elsewhere cannot be named: null.
 */
export function parseTimezone(lines: readonly string[]): string | null {
  const line = lines.find((l) => l.trim() !== '')?.trim();
  if (line === undefined) return 'UTC';
  if (line === LOCALTIME_FILE) return null;
  const m = /zoneinfo\/(?:posix\/|right\/)?(.+)$/.exec(line);
  return m === null ? null : (m[1] ?? null);
}
