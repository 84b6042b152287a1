export interface LbuChange {
  kind: 'added' | 'updated' | 'deleted';
  /** Relative to /, as lbu prints it (`etc/hostname`). */
  path: string;
}

const KINDS = { A: 'added', U: 'updated', D: 'deleted' } as const;

/**
 * What an lbu subcommand printed instead of doing its work. lbu prints its
 * usage (and exits 0 for `status`) when neither LBU_MEDIA nor LBU_BACKUPDIR
 * tells it where the overlay lives; a missing lbu is a shell error.
 */
export function lbuProblem(output: string): 'not-configured' | 'missing' | null {
  if (/^\s*usage: \S*lbu /m.test(output)) return 'not-configured';
  if (/lbu: (not found|command not found)/.test(output)) return 'missing';
  return null;
}

/** `lbu status`: `A path`, `U path`, `D path`, one change a line. */
export function parseLbuStatus(stdout: string): LbuChange[] {
  const out: LbuChange[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^([AUD]) (.+)$/.exec(line);
    if (m === null) continue;
    out.push({ kind: KINDS[m[1] as keyof typeof KINDS], path: m[2] ?? '' });
  }
  return out;
}

/**
 * Files `lbu diff` shows: it runs `diff -ruN a b` between the last commit (a)
 * and what a commit would save now (b). Each file has `--- a/PATH` and
 * `+++ b/PATH` headers (GNU diff adds a tab and a date); a deleted file's new
 * side, and an added file's old side, is /dev/null.
 */
export function parseLbuDiffFiles(stdout: string): string[] {
  const files: string[] = [];
  let old: string | null = null;
  // Lines left in the current hunk: a removed line "-- x" reads "--- x" and must not pass for a header.
  let left = { old: 0, new: 0 };
  for (const line of stdout.split('\n')) {
    if (left.old > 0 || left.new > 0) {
      if (line.startsWith('\\')) continue;
      if (line.startsWith('-')) left.old--;
      else if (line.startsWith('+')) left.new--;
      else {
        left.old--;
        left.new--;
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk !== null) {
      left = { old: Number(hunk[1] ?? 1), new: Number(hunk[2] ?? 1) };
      continue;
    }
    const header = /^(---|\+\+\+) (?:([ab])\/)?([^\t]+)/.exec(line);
    if (header === null) continue;
    const [, mark, side, path = ''] = header;
    if (mark === '---') {
      old = side === 'a' ? path : null;
      continue;
    }
    const file = side === 'b' ? path : old;
    if (file !== null && !files.includes(file)) files.push(file);
    old = null;
  }
  return files;
}

export interface LbuBackup {
  /** The file name, as `lbu revert` takes it. */
  file: string;
  hostname: string;
  /** The stamp in the name: `YYYYMMDDhhmmss` (UTC) from lbu itself. */
  stamp: string;
  /** The stamp as an ISO date when it is one; null otherwise. */
  date: string | null;
  /** The cipher of an encrypted overlay (`aes-256-cbc`); null when plain. */
  cipher: string | null;
}

function stampDate(stamp: string): string | null {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(stamp);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== (mo ?? 1) - 1 ? null : date.toISOString();
}

/**
 * `lbu list-backup`: the older overlays kept beside the current one. lbu
 * renames `HOST.apkovl.tar.gz` to `HOST.STAMP.tar.gz` (plus the cipher
 * suffix when encrypted) before each commit; an `.apkovl` before `.tar.gz`
 * is accepted too.
 */
export function parseLbuListBackup(stdout: string): LbuBackup[] {
  const out: LbuBackup[] = [];
  for (const line of stdout.split('\n')) {
    const file = line.trim();
    const m = /^(.+)\.(\d+)(?:\.apkovl)?\.tar\.gz(?:\.([A-Za-z0-9-]+))?$/.exec(file);
    if (m === null) continue;
    const [, hostname = '', stamp = '', cipher] = m;
    out.push({ file, hostname, stamp, date: stampDate(stamp), cipher: cipher ?? null });
  }
  return out.sort((a, b) => b.stamp.localeCompare(a.stamp, undefined, { numeric: true }));
}

export interface LbuConf {
  media: string | null;
  backupDir: string | null;
}

/** LBU_MEDIA and LBU_BACKUPDIR from /etc/lbu/lbu.conf (a shell file: plain assignments only, commented ones ignored). */
export function parseLbuConf(text: string): LbuConf {
  const value = (name: string): string | null => {
    let found: string | null = null;
    for (const line of text.split('\n')) {
      const m = new RegExp(`^\\s*(?:export\\s+)?${name}=(?:"([^"]*)"|'([^']*)'|(\\S*))\\s*$`).exec(line);
      if (m !== null) found = m[1] ?? m[2] ?? m[3] ?? '';
    }
    return found === '' ? null : found;
  };
  return { media: value('LBU_MEDIA'), backupDir: value('LBU_BACKUPDIR') };
}
