import type { InstalledPackage } from '../electron/boxes/packages';
import type { BoxFacts } from '../shared/boxes/facts';
import type { LbuChange } from '../shared/boxes/lbu';
import type { ServiceSummary } from '../shared/boxes/rc-status';
import {
  formatAlpine,
  formatBoxUptime,
  formatDisk,
  formatKernel,
  formatLbu,
  formatLoad,
  formatMemory,
  formatServiceState,
  formatUpgrades,
  STORAGE_WORDS,
  UNKNOWN,
} from '../shared/boxes/format';

// The box commands' answers as text for people. The --json output carries the
// same values unformatted.

/** The CLI also names the lbu medium, which the Boxes screen shows elsewhere. */
const lbuWords = (lbu: BoxFacts['lbu']): string => (lbu.media === null ? formatLbu(lbu) : `${formatLbu(lbu)} (medium ${lbu.media})`);

/** One box's facts as aligned lines, under a heading naming the target. */
export function formatFacts(heading: string, facts: BoxFacts): string {
  const unknown = (v: string | null) => v ?? UNKNOWN;
  const rows: Array<[string, string]> = [
    ['Alpine', formatAlpine(facts.alpineVersion)],
    [
      'Hostname',
      facts.runningHostname !== null && facts.runningHostname !== facts.hostname ? `${unknown(facts.hostname)} (running as ${facts.runningHostname})` : unknown(facts.hostname),
    ],
    ['Kernel', formatKernel(facts)],
    ['Storage', STORAGE_WORDS[facts.storage]],
    ['Unsaved (lbu)', lbuWords(facts.lbu)],
    ['Uptime', formatBoxUptime(facts.uptimeSeconds)],
    ['Load', formatLoad(facts.load)],
    ['Memory', formatMemory(facts.memory)],
    ['Disk', formatDisk(facts.filesystems)],
    ['Timezone', unknown(facts.timezone)],
    ['Upgrades', formatUpgrades(facts.upgrades)],
    ['Packages', facts.world.length === 0 ? 'None asked for' : facts.world.join(' ')],
    ...Object.entries(facts.runlevels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([level, services]): [string, string] => [`Runlevel ${level}`, services.join(' ')]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${heading}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

/** A table of the box's services: name, state (with how long a started one has been up), runlevels. */
export function formatServices(services: readonly ServiceSummary[]): string {
  if (services.length === 0) return 'No services in /etc/init.d.\n';
  const width = Math.max(...services.map((s) => s.name.length));
  const stateWidth = Math.max(...services.map((s) => formatServiceState(s).length));
  return services.map((s) => `${s.name.padEnd(width)}  ${formatServiceState(s).padEnd(stateWidth)}  ${s.runlevels.length === 0 ? '-' : s.runlevels.join(',')}\n`).join('');
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
