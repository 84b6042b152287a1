import { Diagnostics, type Diagnostic } from './diagnostics';
import { lexShell, type Comment, type ShellLine, type Word } from './shell-words';

export interface Assignment {
  name: string;
  value: string;
  /** Line where the assignment starts (1-based). */
  line: number;
  /** Marked by `export` anywhere in the file, which is what a child process like setup-disk sees. */
  exported: boolean;
}

export interface AnswerText {
  /** The last assignment of each variable (keyed in the order variables first appear). */
  assignments: Map<string, Assignment>;
  comments: Comment[];
  diagnostics: Diagnostic[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

const firstLine = (s: string) => {
  const line = s.split('\n')[0] ?? '';
  const short = line.length > 80 ? `${line.slice(0, 77)}…` : line;
  return line === s ? short : `${short} …`;
};

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * Reads the variable assignments of an answer file without running anything.
 * Only plain `NAME=value`, `export NAME=value` and `export NAME` are taken;
 * every other line is reported (with why it was ignored) and dropped whole.
 */
export function toAssignments(input: string): AnswerText {
  const d = new Diagnostics();
  let text = input;
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    d.add(
      1,
      'warning',
      'The file starts with a byte-order mark (BOM): /bin/sh would treat the first line as a command and ignore it. Cairn removed the mark; save the file as UTF-8 without BOM.',
    );
  }
  if (text.includes('\r\n')) {
    const line = text.slice(0, text.indexOf('\r\n')).split('\n').length;
    text = text.replaceAll('\r\n', '\n');
    d.add(
      line,
      'warning',
      'The file has Windows (CRLF) line endings. setup-alpine would keep a carriage return at the end of every value (like "none\\r is not a block device") and misconfigure the box. Cairn read it with Unix line endings; save it with LF endings before using it with setup-alpine.',
    );
  }

  const lexed = lexShell(text);
  const assignments = new Map<string, Assignment>();
  const exports = new Set<string>();

  const assign = (w: Word, line: number, exported: boolean) => {
    const m = ASSIGNMENT.exec(w.bare);
    const name = m?.[1] ?? '';
    if (w.expansions.length > 0) {
      d.add(
        line,
        'error',
        `${name} uses ${unique(w.expansions).join(' and ')}. Cairn never runs or expands anything from an answer file, so this assignment was ignored; write the value literally.`,
        name,
      );
      return;
    }
    const previous = assignments.get(name);
    if (previous !== undefined) {
      d.add(line, 'warning', `${name} is set again here (first on line ${previous.line}); the last value counts, as when setup-alpine reads the file.`, name);
    }
    assignments.set(name, { name, value: w.text.slice(name.length + 1), line, exported });
    if (exported) exports.add(name);
  };

  const isAssignment = (w: Word) => ASSIGNMENT.test(w.bare);

  for (const l of lexed.lines) readLine(l);

  function readLine(l: ShellLine): void {
    const shown = firstLine(l.source.trim());
    if (l.operators.length > 0) {
      const ops = unique(l.operators).join(' ');
      const doc = l.hereDocument === null ? '' : ` (and its here-document, lines ${l.hereDocument.from}–${l.hereDocument.to})`;
      d.add(l.line, 'error', `This line uses shell syntax (${ops}) that Cairn does not run; the whole line${doc} was ignored: ${shown}`);
      return;
    }
    const [first, ...rest] = l.words;
    if (first === undefined) return;
    if (first.text === 'export' && first.bare === 'export') {
      for (const w of rest) {
        if (isAssignment(w)) assign(w, l.line, true);
        else if (NAME.test(w.text) && w.expansions.length === 0) exports.add(w.text);
        else d.add(l.line, 'error', `"export ${w.text}" is not a variable Cairn can read; it was ignored.`);
      }
      return;
    }
    if (l.words.every(isAssignment)) {
      for (const w of l.words) assign(w, l.line, false);
      return;
    }
    const command = l.words.find((w) => !isAssignment(w));
    d.add(l.line, 'error', `This line runs a command (${command?.text ?? ''}); Cairn never runs commands from an answer file, so the line was ignored: ${shown}`);
  }

  if (lexed.unterminated !== null) {
    const { line, quote } = lexed.unterminated;
    d.add(
      line,
      'error',
      `A ${quote} quote opened on this line is never closed, so /bin/sh would fail to read the file. Cairn ignored everything from this line on; close the quote.`,
    );
  }
  for (const a of assignments.values()) a.exported = exports.has(a.name);
  return { assignments, comments: lexed.comments, diagnostics: d.list };
}
