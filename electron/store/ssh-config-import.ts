import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import SSHConfig, { LineType, type Line } from 'ssh-config';
import { targetSchema, type SkippedHost } from '../../shared/api/targets';
import type { TargetDraft } from './targets';

// Turns the Host entries of an OpenSSH client config into target drafts. Only
// single, literal host aliases become targets; patterns, Include files and
// proxies are reported as skipped with the reason, never silently dropped.

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
  const tokens = raw.replace(/%([%dhru])/g, (_m, t: string) =>
    t === '%' ? '%' : t === 'd' ? homeDir : t === 'h' ? host : user,
  );
  if (tokens === '~') return homeDir;
  if (tokens.startsWith('~/')) return join(homeDir, tokens.slice(2));
  return isAbsolute(tokens) ? tokens : join(homeDir, '.ssh', tokens);
}

const exists = (path: string) => access(path).then(() => true, () => false);

export async function readSshConfig(source: SshConfigSource): Promise<SshConfigImport> {
  const text = await readFile(source.path, 'utf8');
  const config = SSHConfig.parse(text);
  const drafts: TargetDraft[] = [];
  const skipped: SkippedHost[] = [];
  const seen = new Set<string>();

  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE) continue;
    const param = line.param.toLowerCase();
    if (param === 'include') {
      skipped.push({ host: `Include ${valuesOf(line).join(' ')}`, reason: 'Cairn does not read included files; import their hosts by hand.' });
      continue;
    }
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
      if (c.proxyjump !== undefined || c.proxycommand !== undefined) {
        skipped.push({ host: alias, reason: 'It is reached through a proxy (ProxyJump or ProxyCommand), which Cairn cannot use yet.' });
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
