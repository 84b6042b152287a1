import { op, type ShellSyntax } from '../shell';

export type Parts = ReadonlyArray<string | ShellSyntax>;

/** Starts every marker line; no tool Cairn reads prints it at the start of a line. */
export const SECTION_PREFIX = '::cairn::';

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Prints one marker line. The leading newline ends the last line of the
 * section before when that output lacked one (/etc/hostname written without
 * a newline), so a marker always starts its own line.
 */
export function marker(name: string): Parts {
  if (!NAME.test(name)) throw new Error(`"${name}" is not a section name.`);
  return ['printf', '\\n%s\\n', `${SECTION_PREFIX}${name}`];
}

export interface Section {
  name: string;
  /** The command printing this section; its failure never stops the next one. */
  parts: Parts;
}

/**
 * One command line running every section in turn, each after its marker, and
 * a final `end` marker: output cut short (a dropped connection, a killed
 * shell) is told apart from a section that printed nothing.
 */
export function sectioned(sections: readonly Section[]): Parts {
  const parts: Array<string | ShellSyntax> = [];
  for (const s of sections) parts.push(...marker(s.name), op(';'), ...s.parts, op(';'));
  parts.push(...marker('end'));
  return parts;
}

/**
 * Splits sectioned output into the lines of each section (trailing blank
 * lines dropped); null when the end marker is missing.
 */
export function splitSections(stdout: string): Map<string, string[]> | null {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  let ended = false;
  for (const line of stdout.replaceAll('\r\n', '\n').split('\n')) {
    if (line.startsWith(SECTION_PREFIX) && NAME.test(line.slice(SECTION_PREFIX.length))) {
      const name = line.slice(SECTION_PREFIX.length);
      if (name === 'end') {
        ended = true;
        break;
      }
      current = [];
      sections.set(name, current);
      continue;
    }
    current?.push(line);
  }
  if (!ended) return null;
  for (const lines of sections.values()) while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return sections;
}
