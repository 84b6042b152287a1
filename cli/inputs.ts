import type { ErrorCode } from '../shared/api/result';
import { PROFILE_SCHEMA_VERSION, errorsOf, loadProfile, validate, type Problem, type Profile } from '../shared/profile';

/** A failure the user can fix, with the exit status it ends with (and, from a service, its error code). */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The file's text; `-` means standard input. */
  readFile: (path: string) => Promise<string>;
  /** The environment the box commands read (HOME, XDG_CONFIG_HOME, SSH_AUTH_SOCK, CAIRN_*); none when left out. */
  env?: NodeJS.ProcessEnv;
  /** Calls `handler` on Ctrl-C until the returned function is called; left out, Ctrl-C is not caught. */
  onInterrupt?: (handler: () => void) => () => void;
}

export const displayName = (file: string): string => (file === '-' ? '<stdin>' : file);

const REASONS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
};

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && REASONS[code] !== undefined) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

export async function readText(io: CliIo, file: string): Promise<string> {
  try {
    return await io.readFile(file);
  } catch (error) {
    throw new CliError(2, `Cannot read ${displayName(file)}: ${reason(error)}. Check the path and that you may read it.`);
  }
}

async function readJson(io: CliIo, file: string): Promise<unknown> {
  const text = await readText(io, file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw new CliError(2, `${displayName(file)} is not valid JSON${detail}. Give a profile file saved by Cairn.`);
  }
}

export const problemLine = (p: Problem): string => `${p.path === '' ? '(profile)' : p.path}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}\n`;

export interface CheckedProfile {
  profile: Profile | null;
  problems: Problem[];
}

/**
 * Reads a profile file of any known format and validates it. A current-format
 * file that fails the schema is validated as it is, so every damaged field is
 * listed rather than only the first.
 */
export async function checkProfileFile(io: CliIo, file: string): Promise<CheckedProfile> {
  const json = await readJson(io, file);
  const loaded = loadProfile(json);
  if (!loaded.ok) {
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    const problems = version === PROFILE_SCHEMA_VERSION ? validate(json) : [];
    return { profile: null, problems: problems.length > 0 ? problems : [{ path: '', message: loaded.message, severity: 'error' }] };
  }
  if (loaded.migratedFrom !== null)
    io.stderr(`${displayName(file)}: read as profile format ${loaded.migratedFrom} and upgraded; save it again with Cairn to keep the new format.\n`);
  return { profile: loaded.profile, problems: validate(loaded.profile) };
}

/** The profile for commands that need a valid one: problems go to stderr, errors stop with exit 1. */
export async function requireValidProfile(io: CliIo, file: string): Promise<Profile> {
  const { profile, problems } = await checkProfileFile(io, file);
  for (const p of problems) io.stderr(problemLine(p));
  const errors = errorsOf(problems).length;
  if (profile === null || errors > 0)
    throw new CliError(1, `${displayName(file)} has ${errors} error${errors === 1 ? '' : 's'}; fix ${errors === 1 ? 'it' : 'them'} (cairn validate lists them) and run again.`);
  return profile;
}
