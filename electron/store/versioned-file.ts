import { readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { StoreProblem } from '../../shared/api/result';
import { writeFileAtomic } from './atomic-write';

/** How one kind of store file is read: its current version, schema and upgrades. */
export interface FileFormat<T> {
  /** What the file holds, for messages: "target list". */
  what: string;
  version: number;
  /** The current version's content (without `storeVersion`). */
  schema: z.ZodType<T>;
  /** `migrations[n]` turns version n content into version n + 1 content. */
  migrations?: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>>;
}

export type ReadOutcome<T> =
  | { state: 'ok'; data: T; migratedFrom: number | null }
  | { state: 'missing' }
  /** Moved aside to `<name>.corrupt-<time>`; the problem says so in words. */
  | { state: 'corrupt'; problem: StoreProblem }
  /** Written by a newer Cairn: left untouched. */
  | { state: 'newer'; problem: StoreProblem };

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/** Renames a damaged file out of the way (never deletes it) and says where it went. */
export async function moveAside(path: string, what: string, reason: string, now = new Date()): Promise<StoreProblem> {
  const aside = `${path}.corrupt-${stamp(now)}`;
  await rename(path, aside);
  return {
    file: basename(path),
    message: `The ${what} file ${basename(path)} was damaged (${reason}), so Cairn moved it aside to ${basename(aside)} and carried on without it.`,
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unknown problem';
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
}

export async function readVersioned<T>(path: string, format: FileFormat<T>, now?: Date): Promise<ReadOutcome<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw e;
  }
  const corrupt = async (reason: string) => ({ state: 'corrupt' as const, problem: await moveAside(path, format.what, reason, now) });

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return corrupt(text.trim() === '' ? 'it is empty' : 'it is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return corrupt('it is not a Cairn store file');
  const { storeVersion, ...content } = json as Record<string, unknown>;
  if (typeof storeVersion !== 'number' || !Number.isInteger(storeVersion) || storeVersion < 1) {
    return corrupt('it has no format version');
  }
  if (storeVersion > format.version) {
    return {
      state: 'newer',
      problem: {
        file: basename(path),
        message: `The ${format.what} file ${basename(path)} was saved by a newer Cairn (format ${storeVersion}); update Cairn to use it. It was left untouched.`,
      },
    };
  }
  let data: Record<string, unknown> = content;
  for (let v = storeVersion; v < format.version; v++) {
    const up = format.migrations?.[v];
    if (up === undefined) return corrupt(`format ${storeVersion} cannot be upgraded`);
    try {
      data = up(data);
    } catch {
      return corrupt(`its contents do not fit format ${v}, so it cannot be upgraded`);
    }
  }
  const parsed = format.schema.safeParse(data);
  if (!parsed.success) return corrupt(firstIssue(parsed.error));
  return { state: 'ok', data: parsed.data, migratedFrom: storeVersion === format.version ? null : storeVersion };
}

export async function writeVersioned<T>(path: string, format: FileFormat<T>, data: T): Promise<void> {
  const body = { storeVersion: format.version, ...(data as Record<string, unknown>) };
  await writeFileAtomic(path, `${JSON.stringify(body, null, 2)}\n`);
}
