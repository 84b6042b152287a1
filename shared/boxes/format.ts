import type { BoxFacts } from './facts';
import type { ServiceSummary } from './rc-status';

// A box's facts in words for people. The Boxes screen and `cairn facts` say the
// same things the same way, so both take their words from here.

/** What a value reads as when the box could not tell. */
export const UNKNOWN = 'Unknown';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A size in KiB as df and free count it, in the largest unit that keeps a number ≥ 1: "512 KiB", "1.5 GiB", "20 GiB". */
export function formatKib(kib: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "3 days 4 h", "5 h 12 min", "12 min", "40 s": the two largest units that matter. */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${hours} h` : plural(days, 'day');
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

export const formatBoxUptime = (seconds: BoxFacts['uptimeSeconds']): string => (seconds === null ? UNKNOWN : formatUptime(seconds));

export const formatAlpine = (version: BoxFacts['alpineVersion']): string => version ?? 'Not Alpine Linux';

export const formatKernel = (facts: Pick<BoxFacts, 'kernel' | 'arch'>): string =>
  facts.kernel === null ? UNKNOWN : `${facts.kernel}${facts.arch === null || facts.arch === '' ? '' : ` (${facts.arch})`}`;

/** In use is what is not available: the kernel's MemAvailable already counts reclaimable cache as free. */
export function formatMemory(memory: BoxFacts['memory']): string {
  if (memory === null) return UNKNOWN;
  return `${formatKib(memory.totalKib - memory.availableKib)} of ${formatKib(memory.totalKib)} in use`;
}

export function formatLoad(load: BoxFacts['load']): string {
  return load === null ? UNKNOWN : [load.one, load.five, load.fifteen].map((n) => n.toFixed(2)).join(', ');
}

/** The root filesystem's use (what fills up first on a small box), or the largest one when / is not listed. */
export function formatDisk(filesystems: BoxFacts['filesystems']): string {
  const root = filesystems.find((f) => f.mountpoint === '/') ?? [...filesystems].sort((a, b) => b.sizeKib - a.sizeKib)[0];
  if (root === undefined) return UNKNOWN;
  return `${root.usedPercent}% of ${formatKib(root.sizeKib)} used on ${root.mountpoint}`;
}

export const STORAGE_WORDS: Readonly<Record<BoxFacts['storage'], string>> = {
  installed: 'Installed on disk',
  diskless: 'Diskless (runs from RAM)',
  data: 'Data disk (system runs from RAM)',
  unknown: 'Unknown (no /proc/mounts to tell)',
};

/** What `lbu commit` would save, or why lbu cannot tell. */
export function formatLbu(lbu: BoxFacts['lbu']): string {
  if (lbu.uncommitted === null) return lbu.problem ?? UNKNOWN;
  return lbu.uncommitted === 0 ? 'None' : `${plural(lbu.uncommitted, 'change')} not saved`;
}

/** A box that never downloaded an index has "0 upgradable" only because it has nothing to compare with. */
export function formatUpgrades(upgrades: BoxFacts['upgrades']): string {
  if (upgrades.indexesMissing) return 'Not checked yet (no package index on the box)';
  return upgrades.count === 0 ? 'Up to date' : `${plural(upgrades.count, 'package')} to upgrade`;
}

/** "started, up 3 min" for a started service whose uptime OpenRC knows; otherwise its state as rc-status says it. */
export const formatServiceState = (s: Pick<ServiceSummary, 'state' | 'upSeconds'>): string =>
  s.state === 'started' && s.upSeconds !== null ? `started, up ${formatUptime(s.upSeconds)}` : s.state;
