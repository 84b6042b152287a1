import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';

// OpenSSH reads an `Include` as if the named files stood in its place. The
// ssh-config library parses one text and leaves Include alone, so the files
// are inlined here first. Globs are matched by hand: Node 20 has no fs glob,
// and Include patterns wildcard only the file name in practice (conf.d/*).

const MAX_DEPTH = 16;

/** `*` and `?` of one file name, as a regular expression. */
const nameMatcher = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** The files an Include names, sorted as OpenSSH's glob sorts them; a relative name is under ~/.ssh. */
async function filesOf(pattern: string, homeDir: string): Promise<string[]> {
  const expanded = pattern === '~' ? homeDir : pattern.startsWith('~/') ? join(homeDir, pattern.slice(2)) : pattern;
  const full = isAbsolute(expanded) ? expanded : join(homeDir, '.ssh', expanded);
  const name = basename(full);
  if (!/[*?]/.test(name)) return [full];
  const dir = dirname(full);
  const matches = nameMatcher(name);
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries
    .filter((e) => matches.test(e) && !e.startsWith('.'))
    .sort()
    .map((e) => join(dir, e));
}

/** Unquoted words of a directive's value, as ssh splits them. */
const words = (value: string) => [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');

/**
 * The config text with every Include replaced by the text of the files it
 * names (nested Includes too, up to 16 deep); a file that cannot be read is
 * left out, as ssh leaves it out.
 */
export async function inlineIncludes(text: string, homeDir: string, depth = 0): Promise<string> {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const include = /^\s*include\s*(?:=\s*|\s)(.+)$/i.exec(line);
    if (include === null || depth >= MAX_DEPTH) {
      out.push(line);
      continue;
    }
    out.push(`# ${line.trim()}`);
    for (const pattern of words(include[1] ?? '')) {
      for (const file of await filesOf(pattern, homeDir)) {
        const included = await readFile(file, 'utf8').catch(() => null);
        if (included !== null) out.push(await inlineIncludes(included, homeDir, depth + 1));
      }
    }
  }
  return out.join('\n');
}
