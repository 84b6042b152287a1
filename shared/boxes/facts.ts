import { op } from '../shell';
import { indexesMissing, parseApkVersionUpgradable, parseRepositories, parseWorld, type Repository } from './apk';
import { lbuProblem, parseLbuConf, parseLbuStatus } from './lbu';
import { CONFIG_SECTIONS, parseConfig, type BoxConfig } from './facts-config';
import { parseRunlevelLinks } from './rc-status';
import { summaryOf, type ReceiptSummary } from './receipt';
import { sectioned, splitSections, type Parts, type Section } from './sections';
import {
  LOCALTIME_FILE,
  parseDf,
  parseLoadavg,
  parseMeminfo,
  parseMounts,
  parseTimezone,
  parseUptime,
  storageOf,
  type Filesystem,
  type Load,
  type Memory,
  type Storage,
} from './system';

/** What the overview cards show, read in one command; a field the box could not answer is null. */
export interface BoxFacts {
  /** /etc/alpine-release; null when the box is not Alpine. */
  alpineVersion: string | null;
  /** The configured name (/etc/hostname), what the profile sets. */
  hostname: string | null;
  /** The name the kernel uses now (`uname -n`); differs from `hostname` until the hostname service restarts. */
  runningHostname: string | null;
  kernel: string | null;
  arch: string | null;
  /** Changes at every boot: tells a box that came back from one that never went down. */
  bootId: string | null;
  uptimeSeconds: number | null;
  load: Load | null;
  memory: Memory | null;
  filesystems: Filesystem[];
  storage: Storage;
  lbu: {
    media: string | null;
    backupDir: string | null;
    /** Changes `lbu commit` would save; null when lbu could not tell (see problem). */
    uncommitted: number | null;
    /** Why uncommitted is null, in words; null when it is known. */
    problem: string | null;
  };
  upgrades: {
    /** Packages with a newer version in the downloaded indexes. */
    count: number;
    /** No index was ever downloaded (no `apk update`, no network): the count says nothing. */
    indexesMissing: boolean;
  };
  /** IANA zone; null when /etc/localtime cannot be named. */
  timezone: string | null;
  /** Package names in /etc/apk/world. */
  world: string[];
  repositories: Repository[];
  /** runlevel → services linked in /etc/runlevels. */
  runlevels: Record<string, string[]>;
  /** Who made the box and when, from the receipt Cairn left in /etc/cairn; null without one. */
  receipt: ReceiptSummary | null;
}

const quiet = (...parts: string[]): Parts => [...parts, op('2>'), '/dev/null'];
const merged = (...parts: string[]): Parts => [...parts, op('2>&1')];

const SECTIONS: Section[] = [
  { name: 'release', parts: quiet('cat', '/etc/alpine-release') },
  { name: 'hostname', parts: quiet('cat', '/etc/hostname') },
  { name: 'node', parts: ['uname', '-n'] },
  { name: 'kernel', parts: ['uname', '-r'] },
  { name: 'arch', parts: ['uname', '-m'] },
  { name: 'boot-id', parts: quiet('cat', '/proc/sys/kernel/random/boot_id') },
  { name: 'uptime', parts: quiet('cat', '/proc/uptime') },
  { name: 'loadavg', parts: quiet('cat', '/proc/loadavg') },
  { name: 'meminfo', parts: quiet('cat', '/proc/meminfo') },
  { name: 'df', parts: quiet('df', '-P', '-k') },
  { name: 'mounts', parts: quiet('cat', '/proc/mounts') },
  { name: 'lbu-conf', parts: quiet('cat', '/etc/lbu/lbu.conf') },
  { name: 'lbu-status', parts: merged('lbu', 'status') },
  { name: 'upgrades', parts: merged('apk', 'version', '-l', '<') },
  { name: 'world', parts: quiet('cat', '/etc/apk/world') },
  { name: 'repositories', parts: quiet('cat', '/etc/apk/repositories') },
  {
    name: 'timezone',
    parts: [...quiet('readlink', '/etc/localtime'), op('||'), op('('), 'test', '-e', '/etc/localtime', op('&&'), 'echo', LOCALTIME_FILE, op(')')],
  },
  { name: 'runlevels', parts: quiet('find', '/etc/runlevels', '-mindepth', '2', '-maxdepth', '2') },
  ...CONFIG_SECTIONS,
];

/** The one command `gatherFacts` runs: every section after its marker, failures of one never stopping the rest. */
export const FACTS_COMMAND: Parts = sectioned(SECTIONS);

const firstLine = (lines: readonly string[] | undefined): string | null => {
  const line = lines?.find((l) => l.trim() !== '')?.trim();
  return line === undefined ? null : line;
};

function lbuFacts(conf: string[], status: string[]): BoxFacts['lbu'] {
  const { media, backupDir } = parseLbuConf(conf.join('\n'));
  const text = status.join('\n');
  const problem = lbuProblem(text);
  if (problem === 'missing') return { media, backupDir, uncommitted: null, problem: 'lbu is not installed on this box.' };
  if (problem === 'not-configured')
    return { media, backupDir, uncommitted: null, problem: 'lbu has no media to save to: set LBU_MEDIA in /etc/lbu/lbu.conf (setup-lbu) to use it.' };
  const other = status.find((l) => l.trim() !== '' && !/^[AUD] /.test(l));
  if (other !== undefined) return { media, backupDir, uncommitted: null, problem: `lbu status failed: ${other.trim()}` };
  return { media, backupDir, uncommitted: parseLbuStatus(text).length, problem: null };
}

/** Reads the output of FACTS_COMMAND; null when it was cut short (no end marker). */
export function parseFacts(stdout: string): BoxFacts | null {
  return parseReading(stdout)?.facts ?? null;
}

/**
 * The facts and the configuration drift compares, from one FACTS_COMMAND
 * output; null when it was cut short. The configuration can hold secrets
 * (a wifi passphrase): it stays in the main process.
 */
export function parseReading(stdout: string): { facts: BoxFacts; config: BoxConfig } | null {
  const s = splitSections(stdout);
  if (s === null) return null;
  const config = parseConfig(s);
  return { facts: factsOf(s, config), config };
}

function factsOf(s: ReadonlyMap<string, string[]>, config: BoxConfig): BoxFacts {
  const lines = (name: string) => s.get(name) ?? [];
  const upgrades = lines('upgrades').join('\n');
  return {
    alpineVersion: firstLine(lines('release')),
    hostname: firstLine(lines('hostname')),
    runningHostname: firstLine(lines('node')),
    kernel: firstLine(lines('kernel')),
    arch: firstLine(lines('arch')),
    bootId: firstLine(lines('boot-id')),
    uptimeSeconds: parseUptime(lines('uptime')),
    load: parseLoadavg(lines('loadavg')),
    memory: parseMeminfo(lines('meminfo')),
    filesystems: parseDf(lines('df')),
    storage: storageOf(parseMounts(lines('mounts'))),
    lbu: lbuFacts(lines('lbu-conf'), lines('lbu-status')),
    upgrades: { count: parseApkVersionUpgradable(upgrades).length, indexesMissing: indexesMissing(upgrades) },
    timezone: parseTimezone(lines('timezone')),
    world: parseWorld(lines('world').join('\n')),
    repositories: parseRepositories(lines('repositories').join('\n')),
    runlevels: parseRunlevelLinks(lines('runlevels')),
    receipt: config.receipt === null ? null : summaryOf(config.receipt),
  };
}
