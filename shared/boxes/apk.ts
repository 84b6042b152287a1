/** One package as `apk info -v` names it: `name-version-rRELEASE`. */
export interface PackageVersion {
  name: string;
  /** The version with its release, as apk compares it (`1.36.1-r29`). */
  version: string;
}

/**
 * Splits `name-version` where apk does: a version starts with a digit and
 * holds no dash except before its `-rN` release. The name is matched
 * greedily, so it keeps its own dashes and digits (`font-misc-75dpi-1.0.4-r0`,
 * `lua5.4-5.4.6-r1`, `py3-setuptools-70.3.0-r0`).
 */
export function splitPackageVersion(s: string): PackageVersion | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9+._-]*)-(\d[^-\s]*(?:-r\d+)?)$/.exec(s.trim());
  return m === null ? null : { name: m[1] ?? '', version: m[2] ?? '' };
}

const infoLine = (line: string): PackageVersion | null => (/^(WARNING|ERROR|NOTE):/.test(line.trim()) ? null : splitPackageVersion(line));

/** `apk info -v`: one installed package a line. */
export function parseApkInfo(stdout: string): PackageVersion[] {
  return stdout
    .split('\n')
    .map(infoLine)
    .filter((p): p is PackageVersion => p !== null);
}

export interface Upgradable {
  name: string;
  installed: string;
  available: string;
  /** The repository tag (`@edge`) the newer version comes from; null for untagged repositories. */
  tag: string | null;
}

/**
 * `apk version -l '<'`: a header (`Installed: ... Available:`), then
 * `name-version <padding> < available [@tag]`. Messages (`WARNING: ...` when
 * the indexes were never downloaded) may be mixed in and are skipped.
 */
export function parseApkVersionUpgradable(stdout: string): Upgradable[] {
  const out: Upgradable[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+<\s+(\S+)(?:\s+(@\S+))?\s*$/.exec(line);
    if (m === null) continue;
    const pkg = infoLine(m[1] ?? '');
    if (pkg === null) continue;
    out.push({ name: pkg.name, installed: pkg.version, available: m[2] ?? '', tag: m[3] ?? null });
  }
  return out;
}

/** True when apk said it has no downloaded index to compare with (no `apk update` yet, or no network). */
export const indexesMissing = (output: string): boolean => /WARNING: .*(opening from cache|No such file or directory|fetch)/i.test(output);

/** The package names of /etc/apk/world (`name`, `name@tag`, `name>=1.2`); `!name` (forbidden) lines are left out. */
export function parseWorld(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\s+/)) {
    if (raw === '' || raw.startsWith('!')) continue;
    const name = raw.split(/[@<>=~]/)[0] ?? '';
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

export interface Repository {
  url: string;
  /** `@edge` style tag the line is pinned to; null for an untagged repository. */
  tag: string | null;
}

/** /etc/apk/repositories: one repository a line, `#` comments, optional `@tag` before the URL. */
export function parseRepositories(text: string): Repository[] {
  const out: Repository[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [first = '', second] = t.split(/\s+/);
    if (first.startsWith('@') && second !== undefined) out.push({ tag: first, url: second });
    else out.push({ tag: null, url: first });
  }
  return out;
}

/** The "OK: ..." summary apk prints last, if any. */
export function apkSummary(stdout: string): string | null {
  const lines = stdout.split('\n').filter((l) => l.startsWith('OK:'));
  return lines.at(-1)?.trim() ?? null;
}
