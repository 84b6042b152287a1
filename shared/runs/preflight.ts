/**
 * What Cairn reads on a box before it runs anything there. The script is
 * fixed text (no data in it), runs under BusyBox ash or any POSIX sh, reads
 * only, and prints one `key=value` line per fact; a fact it cannot read
 * (no /proc or /sys in a chroot, no doas) is left out or empty.
 * Files and folders are read with the shell's own `read` and globs rather
 * than cat, awk, ls and tr: a fleet runs this on every box at once, and
 * each process is paid on every box (about 18 fewer here).
 */
const FACT_LINES = [
  `r() { printf '%s=%s\\n' "$1" "$2"; }`,
  // The entries of a folder, space-separated, as `ls | tr` printed them.
  `names() { v=; for e in "$1"/*; do [ -e "$e" ] && v="$v\${e##*/} "; done; }`,
  // Where a program is on PATH, as command -v prints it, without the subshell "$(command -v …)" costs.
  `where() { v=; o=$IFS; IFS=:; for d in $PATH; do [ -f "$d/$1" ] && [ -x "$d/$1" ] && { v=$d/$1; break; }; done; IFS=$o; }`,
  `v=; [ -r /etc/alpine-release ] && read -r v < /etc/alpine-release; r release "$v"`,
  `r arch "$(uname -m 2>/dev/null)"`,
  `uid=$(id -u 2>/dev/null); r uid "$uid"`,
  `where doas; doas=$v; r doas "$doas"`,
  // -n: fail instead of asking for a password nobody can type.
  `if [ "$uid" != 0 ] && [ -n "$doas" ] && doas -n true </dev/null >/dev/null 2>&1; then r doas-nopass yes; fi`,
  `where setup-alpine; r setup-alpine "$v"`,
  // From apk's database with one awk: apk itself loads every index (and is a shell script on the test target).
  `if [ -r /lib/apk/db/installed ]; then r alpine-conf "$(awk '/^P:/ { p = substr($0, 3) } /^V:/ && p == "alpine-conf" { print "alpine-conf-" substr($0, 3); exit }' /lib/apk/db/installed)"; else r alpine-conf "$(apk info -v alpine-conf 2>/dev/null | head -n 1)"; fi`,
  `if [ -r /proc/meminfo ]; then v=; while read -r k n _; do [ "$k" = MemTotal: ] && { v=$n; break; }; done < /proc/meminfo; r mem-kb "$v"; fi`,
  `if [ -d /sys/block ]; then names /sys/block; r disks "$v"; elif [ -r /proc/partitions ]; then r disks "$(awk 'NR > 2 && $4 != "" { print $4 }' /proc/partitions | tr '\\n' ' ')"; fi`,
  `if [ -d /sys/class/net ]; then names /sys/class/net; r interfaces "$v"; else r interfaces "$(ip -o link show 2>/dev/null | awk -F': ' '{ print $2 }' | sed 's/@.*//' | tr '\\n' ' ')"; fi`,
  `if [ -r /proc/mounts ]; then v=; while read -r dev on fs _; do [ "$on" = / ] && v="$dev $fs"; done < /proc/mounts; r root-mount "$v"; fi`,
  `[ -e /.modloop ] && r modloop yes`,
  `for d in /media/*/apks; do if [ -d "$d" ]; then r boot-media "$d"; break; fi; done`,
  `if [ -d /media ]; then names /media; r media "$v"; fi`,
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
