import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

// The main process's log file. Every line passes through redaction: secret
// values the secrets service has seen are replaced, and so are object fields
// whose name says they hold one. Error stacks go here, never to the window.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Log {
  readonly file: string;
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** From now on this value is written as [redacted] wherever it appears. */
  redact(secret: string): void;
}

export interface LogOptions {
  file: string;
  /** Lines below this level are not written. */
  level?: LogLevel;
  /** A file larger than this at start is renamed to `<file>.1` (one generation kept). */
  rotateBytes?: number;
  /** Mirrors each line, e.g. to stderr in development. */
  echo?: (line: string) => void;
  now?: () => Date;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|^value$/i;
export const REDACTED = '[redacted]';

function describe(detail: unknown, seen = new WeakSet<object>()): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    const cause = detail.cause === undefined ? '' : `\n  caused by: ${describe(detail.cause, seen)}`;
    return `${detail.stack ?? `${detail.name}: ${detail.message}`}${typeof code === 'string' ? ` [${code}]` : ''}${cause}`;
  }
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail, (key, value: unknown) => {
      if (key !== '' && SECRET_KEY.test(key) && value !== null && value !== undefined) return REDACTED;
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[circular]';
        seen.add(value);
      }
      return value;
    });
  } catch {
    return String(detail);
  }
}

export function createLog(options: LogOptions): Log {
  const { file } = options;
  const minimum = LEVELS[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const secrets = new Set<string>();
  mkdirSync(dirname(file), { recursive: true });
  try {
    if (statSync(file).size > (options.rotateBytes ?? 5 * 1024 * 1024)) renameSync(file, `${file}.1`);
  } catch {
    // No log yet: nothing to rotate.
  }

  const scrub = (text: string): string => {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return out;
  };

  const write = (level: LogLevel, message: string, detail?: unknown) => {
    if (LEVELS[level] < minimum) return;
    const extra = describe(detail);
    const line = scrub(`${now().toISOString()} ${level.toUpperCase()} ${message}${extra === '' ? '' : ` ${extra}`}`);
    try {
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // A log that cannot be written must not take the app down with it.
    }
    options.echo?.(line);
  };

  return {
    file,
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    // Kept even after the secret is cleared: an old value may still sit in an error somewhere.
    redact: (secret) => {
      if (secret !== '') secrets.add(secret);
    },
  };
}
