/**
 * The one quoting function. Every answer-file value and every remote command
 * argument passes through `quote`; nothing else builds shell text from data.
 *
 * POSIX single quotes keep everything literal except the single quote itself,
 * which is closed, escaped and reopened. NUL cannot exist in a shell word and
 * is rejected rather than silently dropped.
 */
export function quote(value: string): string {
  if (value.includes('\0')) throw new Error('A NUL character cannot be passed to a shell.');
  if (value !== '' && /^[A-Za-z0-9@%+=:,./_-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A piece of shell syntax written by Cairn itself (an operator, a redirection), never data. */
export interface ShellSyntax {
  readonly syntax: string;
}

const SYNTAX = new Set(['&&', '||', '|', ';', '>', '>>', '<', '2>&1', '2>', '&', '(', ')', '!']);

/** Marks a fixed operator; only the operators Cairn's plans need are allowed. */
export function op(syntax: string): ShellSyntax {
  if (!SYNTAX.has(syntax)) throw new Error(`"${syntax}" is not an allowed shell operator.`);
  return { syntax };
}

/** Builds one command line: data strings are quoted, operators pass as written. */
export function sh(...parts: ReadonlyArray<string | ShellSyntax>): string {
  return parts.map((p) => (typeof p === 'string' ? quote(p) : p.syntax)).join(' ');
}
