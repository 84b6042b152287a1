import type { InstalledPackage } from '../electron/boxes';
import type { BoxFacts } from '../shared/boxes/facts';
import type { LbuChange } from '../shared/boxes/lbu';
import type { ServiceSummary } from '../shared/boxes/rc-status';

// The box commands' answers as text for people. The --json output carries the
// same values unformatted.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A size in KiB as df and free count it: "512 KiB", "1.5 GiB". */
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

/** "3 days 4 h", "5 h 12 min", "12 min", "40 s". */
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

const STORAGE: Record<BoxFacts['storage'], string> = {
  installed: 'installed on disk',
  diskless: 'diskless (runs from RAM)',
  data: 'data disk (system runs from RAM)',
  unknown: 'unknown (no /proc/mounts to tell)',
};

function lbuWords(facts: BoxFacts): string {
  const { lbu } = facts;
  const changes = lbu.uncommitted === null ? (lbu.problem ?? 'unknown') : lbu.uncommitted === 0 ? 'nothing unsaved' : `${plural(lbu.uncommitted, 'change')} not saved`;
  return lbu.media === null ? changes : `${changes} (medium ${lbu.media})`;
}

function diskWords(filesystems: BoxFacts['filesystems']): string {
  const root = filesystems.find((f) => f.mountpoint === '/') ?? [...filesystems].sort((a, b) => b.sizeKib - a.sizeKib)[0];
  return root === undefined ? 'unknown' : `${root.usedPercent}% of ${formatKib(root.sizeKib)} used on ${root.mountpoint}`;
}

/** One box's facts as aligned lines, under a heading naming the target. */
export function formatFacts(heading: string, facts: BoxFacts): string {
  const unknown = (v: string | null) => v ?? 'unknown';
  const rows: Array<[string, string]> = [
    ['Alpine', facts.alpineVersion ?? 'not Alpine Linux'],
    ['Hostname', facts.runningHostname !== null && facts.runningHostname !== facts.hostname ? `${unknown(facts.hostname)} (running as ${facts.runningHostname})` : unknown(facts.hostname)],
    ['Kernel', `${unknown(facts.kernel)}${facts.arch === null ? '' : ` (${facts.arch})`}`],
    ['Storage', STORAGE[facts.storage]],
    ['Unsaved (lbu)', lbuWords(facts)],
    ['Uptime', facts.uptimeSeconds === null ? 'unknown' : formatUptime(facts.uptimeSeconds)],
    ['Load', facts.load === null ? 'unknown' : [facts.load.one, facts.load.five, facts.load.fifteen].map((n) => n.toFixed(2)).join(', ')],
    ['Memory', facts.memory === null ? 'unknown' : `${formatKib(facts.memory.totalKib - facts.memory.availableKib)} of ${formatKib(facts.memory.totalKib)} in use`],
    ['Disk', diskWords(facts.filesystems)],
    ['Timezone', unknown(facts.timezone)],
    ['Upgrades', facts.upgrades.indexesMissing ? 'not checked yet (no package index on the box)' : facts.upgrades.count === 0 ? 'up to date' : `${plural(facts.upgrades.count, 'package')} to upgrade`],
    ['Packages', facts.world.length === 0 ? 'none asked for' : facts.world.join(' ')],
    ...Object.entries(facts.runlevels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([level, services]): [string, string] => [`Runlevel ${level}`, services.join(' ')]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${heading}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

/** A table of the box's services: name, state, runlevels. */
export function formatServices(services: readonly ServiceSummary[]): string {
  if (services.length === 0) return 'No services in /etc/init.d.\n';
  const width = Math.max(...services.map((s) => s.name.length));
  const stateWidth = Math.max(...services.map((s) => s.state.length));
  return services
    .map((s) => {
      const up = s.upSeconds === null ? '' : ` for ${formatUptime(s.upSeconds)}`;
      const levels = s.runlevels.length === 0 ? '-' : s.runlevels.join(',');
      return `${s.name.padEnd(width)}  ${s.state.padEnd(stateWidth)}  ${levels}${up}\n`;
    })
    .join('');
}

/** One package a line, name and version; those the box asked for (in /etc/apk/world) marked with *. */
export function formatPackages(packages: readonly InstalledPackage[]): string {
  if (packages.length === 0) return 'No packages installed.\n';
  const width = Math.max(...packages.map((p) => p.name.length));
  return packages.map((p) => `${p.inWorld ? '*' : ' '} ${p.name.padEnd(width)}  ${p.version}\n`).join('');
}

const LBU_MARK: Record<LbuChange['kind'], string> = { added: 'A', updated: 'U', deleted: 'D' };

/** As `lbu status` prints them: A, U or D and the path. */
export function formatLbuChanges(changes: readonly LbuChange[]): string {
  if (changes.length === 0) return 'Nothing to save: lbu has no changes.\n';
  return changes.map((c) => `${LBU_MARK[c.kind]} ${c.path}\n`).join('');
}
