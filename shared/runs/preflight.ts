/**
 * What Cairn reads on a box before it runs anything there. The script is
 * fixed text (no data in it), runs under BusyBox ash or any POSIX sh, reads
 * only, and prints one `key=value` line per fact; a fact it cannot read
 * (no /proc or /sys in a chroot, no doas) is left out or empty.
 */
const FACT_LINES = [
  `r() { printf '%s=%s\\n' "$1" "$2"; }`,
  `r release "$(cat /etc/alpine-release 2>/dev/null)"`,
  `r arch "$(uname -m 2>/dev/null)"`,
  `r uid "$(id -u 2>/dev/null)"`,
  `r doas "$(command -v doas 2>/dev/null)"`,
  // -n: fail instead of asking for a password nobody can type.
  `if [ "$(id -u)" != 0 ] && command -v doas >/dev/null 2>&1 && doas -n true </dev/null >/dev/null 2>&1; then r doas-nopass yes; fi`,
  `r setup-alpine "$(command -v setup-alpine 2>/dev/null)"`,
  `r alpine-conf "$(apk info -v alpine-conf 2>/dev/null | head -n 1)"`,
  `[ -r /proc/meminfo ] && r mem-kb "$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"`,
  `if [ -d /sys/block ]; then r disks "$(ls /sys/block | tr '\\n' ' ')"; elif [ -r /proc/partitions ]; then r disks "$(awk 'NR > 2 && $4 != "" { print $4 }' /proc/partitions | tr '\\n' ' ')"; fi`,
  `if [ -d /sys/class/net ]; then r interfaces "$(ls /sys/class/net | tr '\\n' ' ')"; else r interfaces "$(ip -o link show 2>/dev/null | awk -F': ' '{ print $2 }' | sed 's/@.*//' | tr '\\n' ' ')"; fi`,
  `[ -r /proc/mounts ] && r root-mount "$(awk '$2 == "/" { print $1, $3 }' /proc/mounts | tail -n 1)"`,
  `[ -e /.modloop ] && r modloop yes`,
  `for d in /media/*/apks; do if [ -d "$d" ]; then r boot-media "$d"; break; fi; done`,
  `[ -d /media ] && r media "$(ls /media | tr '\\n' ' ')"`,
];

/** The read-only facts, then `more` lines (which may report with `r KEY VALUE`); always exits 0. */
export const preflightScriptThen = (more: readonly string[]): string => [...FACT_LINES, ...more, 'exit 0'].join('\n');

export const PREFLIGHT_SCRIPT = preflightScriptThen([]);

/** How the box was booted: from RAM (the ISO, diskless) or from an installed disk. */
export type BootKind = 'ram' | 'disk' | 'unknown';

export interface PreflightFacts {
  /** /etc/alpine-release; null when it is not Alpine. */
  alpineRelease: string | null;
  arch: string | null;
  uid: number | null;
  doas: boolean;
  /** doas runs without asking for a password (only read when not root). */
  doasNoPassword: boolean;
  setupAlpine: string | null;
  /** Version of the alpine-conf package ("3.22.0-r0"), null when unreadable. */
  alpineConf: string | null;
  memTotalKb: number | null;
  /** Whole block devices ("sda", "vda", "nvme0n1"); null when the box did not say. */
  disks: string[] | null;
  interfaces: string[] | null;
  boot: BootKind;
  /** What / is mounted from ("/dev/sda3 ext4"), when known. */
  rootMount: string | null;
  /** The folders in /media (storage setup-lbu can save to); null when unknown (older runs too). */
  media?: string[] | null;
}

const words = (value: string | undefined): string[] | null => (value === undefined ? null : value.split(/\s+/).filter((w) => w !== ''));

/** Partitions and pseudo devices are not disks one installs to. */
const isDisk = (name: string) => !/^(?:loop|ram|zram|sr|fd|dm-)\d/.test(name) && !/^(?:[shv]d[a-z]+\d+|.+\dp\d+)$/.test(name);

function bootKind(rootMount: string | null, modloop: boolean, media: boolean): BootKind {
  const [device = '', type = ''] = rootMount?.split(' ') ?? [];
  if (modloop || media || ['tmpfs', 'ramfs', 'rootfs'].includes(type)) return 'ram';
  if (device.startsWith('/dev/')) return 'disk';
  return 'unknown';
}

export function parsePreflight(stdout: string): PreflightFacts {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const text = (key: string) => {
    const v = values.get(key);
    return v === undefined || v === '' ? null : v;
  };
  const uid = text('uid');
  const mem = text('mem-kb');
  const conf = text('alpine-conf');
  const interfaces = words(values.get('interfaces'));
  const rootMount = text('root-mount');
  return {
    alpineRelease: text('release'),
    arch: text('arch'),
    uid: uid !== null && /^\d+$/.test(uid) ? Number(uid) : null,
    doas: text('doas') !== null,
    doasNoPassword: text('doas-nopass') === 'yes',
    setupAlpine: text('setup-alpine'),
    alpineConf: conf === null ? null : conf.replace(/^alpine-conf-/, ''),
    memTotalKb: mem !== null && /^\d+$/.test(mem) ? Number(mem) : null,
    disks: words(values.get('disks'))?.filter(isDisk) ?? null,
    // An empty answer means the box could not list them, not that it has none.
    interfaces: interfaces && interfaces.length > 0 ? interfaces : null,
    boot: bootKind(rootMount, text('modloop') === 'yes', text('boot-media') !== null),
    rootMount,
    media: words(values.get('media')),
  };
}
