import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import SSHConfig, { LineType, type Line } from 'ssh-config';
import { targetSchema, type JumpHost, type SkippedHost } from '../../shared/api/targets';
import { parseHop, type HopSpec } from '../../shared/targets/jump-spec';
import { inlineIncludes } from './ssh-config-include';
import type { TargetDraft } from './targets';

// Turns the Host entries of an OpenSSH client config (with its Include files)
// into target drafts. Only single, literal host aliases become targets, with
// their ProxyJump hosts resolved as ssh resolves them; patterns and
// ProxyCommand are reported as skipped with the reason, never silently dropped.

export interface SshConfigSource {
  /** Usually ~/.ssh/config. */
  path: string;
  homeDir: string;
  /** The user ssh would log in as when the config names none. */
  localUser: string;
}

export interface SshConfigImport {
  drafts: TargetDraft[];
  skipped: SkippedHost[];
}

const IMPORT_TAG = 'ssh-config';
const isPattern = (alias: string) => /[*?!]/.test(alias);

const valuesOf = (line: Line): string[] => {
  if (line.type !== LineType.DIRECTIVE) return [];
  return typeof line.value === 'string' ? [line.value] : line.value.map((v) => v.val);
};

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function expandPath(raw: string, homeDir: string, host: string, user: string): string {
  const tokens = raw.replace(/%([%dhru])/g, (_m, t: string) => (t === '%' ? '%' : t === 'd' ? homeDir : t === 'h' ? host : user));
  if (tokens === '~') return homeDir;
  if (tokens.startsWith('~/')) return join(homeDir, tokens.slice(2));
  return isAbsolute(tokens) ? tokens : join(homeDir, '.ssh', tokens);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

type Config = ReturnType<typeof SSHConfig.parse>;

/** One ProxyJump entry, `[user@]host[:port]` (an IPv6 address in brackets), with an alias resolved through the config. */
function hopOf(spec: HopSpec, config: Config, localUser: string): JumpHost {
  const c = config.compute(spec.host, { ignoreCase: true, matchExec: false });
  return { host: single(c.hostname) ?? spec.host, port: spec.port ?? Number(single(c.port) ?? '22'), user: spec.user ?? single(c.user) ?? localUser };
}

/**
 * The jump hosts of an alias in order: ssh goes through each ProxyJump entry,
 * and an entry that is itself an alias with a ProxyJump is reached through
 * that first. Null when one cannot be read.
 */
function jumpsOf(alias: string, config: Config, localUser: string, depth = 0): JumpHost[] | null {
  const value = single(config.compute(alias, { ignoreCase: true, matchExec: false }).proxyjump);
  if (value === undefined || value.toLowerCase() === 'none') return [];
  if (depth > 4) return null;
  const hops: JumpHost[] = [];
  for (const entry of value.split(',')) {
    const spec = parseHop(entry);
    const before = spec === null ? null : jumpsOf(spec.host, config, localUser, depth + 1);
    if (spec === null || before === null) return null;
    hops.push(...before, hopOf(spec, config, localUser));
  }
  return hops;
}

export async function readSshConfig(source: SshConfigSource): Promise<SshConfigImport> {
  const text = await inlineIncludes(await readFile(source.path, 'utf8'), source.homeDir);
  const config = SSHConfig.parse(text);
  const drafts: TargetDraft[] = [];
  const skipped: SkippedHost[] = [];
  const seen = new Set<string>();

  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE) continue;
    const param = line.param.toLowerCase();
    if (param !== 'host') continue;
    for (const alias of valuesOf(line)) {
      if (isPattern(alias)) {
        skipped.push({ host: alias, reason: 'This is a pattern that matches many hosts, not one machine.' });
        continue;
      }
      if (seen.has(alias)) continue;
      seen.add(alias);
      // matchExec off: importing must never run the `Match exec` commands of a config.
      const c = config.compute(alias, { ignoreCase: true, matchExec: false });
      if (c.proxycommand !== undefined) {
        skipped.push({ host: alias, reason: 'It is reached through a ProxyCommand, which Cairn does not run; use ProxyJump instead.' });
        continue;
      }
      const jump = jumpsOf(alias, config, source.localUser);
      if (jump === null) {
        skipped.push({ host: alias, reason: 'Its ProxyJump could not be read: write it as [user@]host[:port], separated by commas.' });
        continue;
      }
      const host = single(c.hostname) ?? alias;
      const user = single(c.user) ?? source.localUser;
      const portText = single(c.port) ?? '22';
      const keys = list(c.identityfile).map((k) => expandPath(k, source.homeDir, host, user));
      let keyPath: string | undefined;
      for (const k of keys) if (keyPath === undefined && (await exists(k))) keyPath = k;
      keyPath ??= keys[0];
      const draft = {
        name: alias,
        host,
        port: /^\d+$/.test(portText) ? Number(portText) : Number.NaN,
        user,
        auth: keyPath === undefined ? ('agent' as const) : ('key' as const),
        ...(keyPath === undefined ? {} : { keyPath }),
        ...(jump.length === 0 ? {} : { jump }),
        tags: [IMPORT_TAG],
      };
      const checked = targetSchema.safeParse({ ...draft, id: 'import-check' });
      if (!checked.success) {
        skipped.push({ host: alias, reason: checked.error.issues[0]?.message ?? 'Its settings are not usable.' });
        continue;
      }
      const { id: _id, ...valid } = checked.data;
      drafts.push(valid);
    }
  }
  return { drafts, skipped };
}
