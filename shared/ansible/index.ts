import { expandBatch, type Batch, type BatchProblem } from '../batch/batch';
import type { Profile } from '../profile';
import { validate } from '../profile/validate';
import { answerFile } from './answers';
import { plainJump, type BoxConnection, type ExportBox } from './boxes';
import { commentLines } from './comment';
import { GROUP, groupVarsYaml, hostVarsYaml, inventoryIni, splitVars } from './inventory';
import { knownHostsFile, knownHostsName, type TrustedKey } from './known-hosts';
import { sitePlaybook } from './playbook';
import { unsupported } from './unsupported';

export type { BoxConnection, ExportBox } from './boxes';
export type { TrustedKey } from './known-hosts';

export interface AnsibleOptions {
  /** One profile, many boxes: each row becomes a box with its own values (the rules of shared/batch). */
  batch?: Batch | null;
  /** How to reach each box, in row order (or the one box without a batch); null or missing: by its hostname, as root. */
  connections?: ReadonlyArray<BoxConnection | null>;
  /** The host keys Cairn trusts; those of the boxes and their jump hosts go into known_hosts. */
  knownHosts?: readonly TrustedKey[];
}

export interface ExportFile {
  content: string;
  mode: number;
}

export type AnsibleExport = { ok: true; files: Map<string, ExportFile>; boxes: string[]; notExpressed: string[] } | { ok: false; problems: BatchProblem[] };

/** Every file is its owner's only: the answer files and host_vars say how to reach and install the boxes. */
const PRIVATE = 0o600;

const HOSTNAME_ALIAS = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

function boxesOf(profile: Profile, options: AnsibleOptions): { ok: true; boxes: ExportBox[] } | { ok: false; problems: BatchProblem[] } {
  const connectionAt = (n: number) => options.connections?.[n] ?? null;
  if (options.batch === undefined || options.batch === null) {
    const errors = validate(profile).filter((p) => p.severity === 'error');
    if (errors.length > 0) return { ok: false, problems: errors.map((e) => ({ row: null, column: 'profile', message: `${e.path}: ${e.message}` })) };
    return { ok: true, boxes: [{ alias: profile.hostname, row: null, profile, connection: connectionAt(0) }] };
  }
  const expanded = expandBatch(profile, options.batch);
  if (!expanded.ok) return expanded;
  return { ok: true, boxes: expanded.boxes.map((b, n) => ({ alias: b.profile.hostname, row: b.row, profile: b.profile, connection: connectionAt(n) })) };
}

/** Inventory names that are file names too (host_vars/NAME.yml): the hostname, else one made from the row. */
function withSafeAliases(boxes: readonly ExportBox[]): ExportBox[] {
  const seen = new Set<string>();
  return boxes.map((b, n) => {
    let alias = HOSTNAME_ALIAS.test(b.alias) && b.alias.length <= 253 ? b.alias : `box-${b.row ?? n + 1}`;
    while (seen.has(alias.toLowerCase())) alias = `${alias}-${n + 1}`;
    seen.add(alias.toLowerCase());
    return { ...b, alias };
  });
}

/** The keys of the boxes' own addresses and their jump hosts, and no others Cairn happens to know. */
function keysFor(boxes: readonly ExportBox[], keys: readonly TrustedKey[]): TrustedKey[] {
  const names = new Set(
    boxes.flatMap((b) => {
      const hop = plainJump(b.connection);
      return [knownHostsName(b.connection?.host ?? b.profile.hostname, b.connection?.port ?? 22), ...(hop === null ? [] : [knownHostsName(hop.host, hop.port)])];
    }),
  );
  return keys.filter((k) => names.has(knownHostsName(k.host, k.port)));
}

/**
 * The files that bring boxes to the profile with Ansible: inventory.ini,
 * site.yml, group_vars/, host_vars/, files/answers-HOST (for a new box) and
 * known_hosts, each path with its content and mode. Pure: the caller reads
 * the stores and writes the folder. No secret is written: password hashes
 * and wifi passphrases become ansible-vault variables.
 */
export function ansibleExport(profile: Profile, options: AnsibleOptions = {}): AnsibleExport {
  const found = boxesOf(profile, options);
  if (!found.ok) return found;
  const boxes = withSafeAliases(found.boxes);
  const keys = keysFor(boxes, options.knownHosts ?? []);
  const notExpressed = unsupported(boxes, keys);
  const { group, hosts } = splitVars(boxes);
  const files = new Map<string, ExportFile>();
  const add = (path: string, content: string) => files.set(path, { content, mode: PRIVATE });
  add('inventory.ini', inventoryIni(boxes, profile.name));
  add('site.yml', sitePlaybook(boxes, profile.name, notExpressed));
  add(`group_vars/${GROUP}.yml`, groupVarsYaml(group, profile.name));
  for (const b of boxes) {
    add(`host_vars/${b.alias}.yml`, hostVarsYaml(b, hosts.get(b.alias) ?? {}));
    add(`files/answers-${b.alias}`, answerFile(b.profile));
  }
  add('known_hosts', knownHostsFile(keys, commentLines(["The host keys Cairn trusts for these boxes (and their jump hosts), from Cairn's known_hosts."])));
  return { ok: true, files, boxes: boxes.map((b) => b.alias), notExpressed };
}
