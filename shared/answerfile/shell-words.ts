/**
 * A reader for the small part of /bin/sh that answer files use: words with
 * single, double and backslash quoting, comments, and line structure. It only
 * reads; it notes every expansion, substitution and operator so the caller
 * can refuse them, and it never evaluates anything.
 */

export interface Word {
  /** The word after quote removal. */
  text: string;
  /** Leading characters that were neither quoted nor escaped (decides `NAME=`). */
  bare: string;
  /** Expansions found (command substitution, variables, ...): the word cannot be taken literally. */
  expansions: string[];
}

export interface ShellLine {
  line: number;
  words: Word[];
  operators: string[];
  /** The line's source text, for messages. */
  source: string;
  /** Lines of a here-document (`<<EOF` … `EOF`) that belong to this line. */
  hereDocument: { from: number; to: number } | null;
}

export interface Comment {
  line: number;
  /** Everything after the `#`. */
  text: string;
}

export interface Lexed {
  lines: ShellLine[];
  comments: Comment[];
  /** Set when a quote is never closed: reading stopped at that line. */
  unterminated: { line: number; quote: string } | null;
}

const OPERATORS = new Set([';', '&', '|', '<', '>', '(', ')']);
const BLANK = new Set([' ', '\t']);
const NAME_START = /[A-Za-z_]/;
const SPECIAL_PARAM = /[0-9@*#?$!-]/;

class Unterminated extends Error {
  constructor(
    readonly quote: string,
    readonly line: number,
  ) {
    super(quote);
  }
}

export function lexShell(src: string): Lexed {
  let i = 0;
  let line = 1;
  const lines: ShellLine[] = [];
  const comments: Comment[] = [];

  /** Skips to the character closing `open` (nesting), returning it; the text is not interpreted. */
  function skipBalanced(open: string, close: string, quoteName: string): void {
    const startLine = line;
    let depth = 1;
    while (i < src.length) {
      const c = src[i++];
      if (c === '\n') line++;
      else if (c === '\\') {
        if (src[i] === '\n') line++;
        i++;
      } else if (c === open && open !== close) depth++;
      else if (c === close && --depth === 0) return;
    }
    throw new Unterminated(quoteName, startLine);
  }

  /** Reads `$…` at src[i] === '$'; returns the expansion's name, or null when the `$` is literal. */
  function dollar(inDouble: boolean): string | null {
    const next = src[i + 1] ?? '';
    if (next === '(') {
      i += 2;
      const arithmetic = src[i] === '(';
      skipBalanced('(', ')', '$(');
      return arithmetic ? 'arithmetic expansion $((…))' : 'command substitution $(…)';
    }
    if (next === '{') {
      i += 2;
      skipBalanced('{', '}', '${');
      return 'parameter expansion ${…}';
    }
    if (next === "'" && !inDouble) {
      i += 2;
      const startLine = line;
      while (i < src.length && src[i] !== "'") {
        if (src[i] === '\\') i++;
        if (src[i] === '\n') line++;
        i++;
      }
      if (i >= src.length) throw new Unterminated("$'", startLine);
      i++;
      return "$'…' quoting";
    }
    if (NAME_START.test(next)) {
      i++;
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) ?? [''];
      i += m[0].length;
      return `variable expansion $${m[0]}`;
    }
    if (SPECIAL_PARAM.test(next) && next !== '') {
      i += 2;
      return `variable expansion $${next}`;
    }
    return null;
  }

  function readWord(): Word {
    let text = '';
    let bare = '';
    let allBare = true;
    const expansions: string[] = [];
    const literal = (s: string, quoted: boolean) => {
      text += s;
      if (quoted) allBare = false;
      else if (allBare) bare += s;
    };
    while (i < src.length) {
      const c = src[i] ?? '';
      if (BLANK.has(c) || c === '\n' || OPERATORS.has(c)) break;
      if (c === '\\') {
        if (src[i + 1] === '\n') {
          i += 2;
          line++;
        } else if (i + 1 < src.length) {
          literal(src[i + 1] ?? '', true);
          i += 2;
        } else {
          literal('\\', false);
          i++;
        }
      } else if (c === "'") {
        const startLine = line;
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new Unterminated("'", startLine);
        const body = src.slice(i + 1, end);
        line += body.split('\n').length - 1;
        literal(body, true);
        i = end + 1;
      } else if (c === '"') {
        readDouble(literal, expansions);
      } else if (c === '`') {
        i++;
        skipBalanced('`', '`', '`');
        expansions.push('command substitution `…`');
        allBare = false;
      } else if (c === '$') {
        const e = dollar(false);
        if (e === null) {
          literal('$', false);
          i++;
        } else {
          expansions.push(e);
          allBare = false;
        }
      } else if (c === '~' && allBare && (text === '' || /^[A-Za-z_][A-Za-z0-9_]*=(.*:)?$/.test(text))) {
        expansions.push('tilde expansion ~');
        literal('~', false);
        allBare = false;
        i++;
      } else {
        literal(c, false);
        i++;
      }
    }
    return { text, bare, expansions };
  }

  function readDouble(literal: (s: string, quoted: boolean) => void, expansions: string[]): void {
    const startLine = line;
    i++;
    for (;;) {
      if (i >= src.length) throw new Unterminated('"', startLine);
      const c = src[i] ?? '';
      if (c === '"') {
        i++;
        literal('', true);
        return;
      }
      if (c === '\\') {
        const next = src[i + 1] ?? '';
        if (next === '\n') {
          line++;
          i += 2;
        } else if ('$`"\\'.includes(next) && next !== '') {
          literal(next, true);
          i += 2;
        } else {
          literal('\\', true);
          i++;
        }
      } else if (c === '`') {
        i++;
        skipBalanced('`', '`', '`');
        expansions.push('command substitution `…`');
      } else if (c === '$') {
        const e = dollar(true);
        if (e === null) {
          literal('$', true);
          i++;
        } else expansions.push(e);
      } else {
        if (c === '\n') line++;
        literal(c, true);
        i++;
      }
    }
  }

  /** A here-document's body is data for its command, never assignments: skip it whole. */
  function skipHereDocument(source: string): { from: number; to: number } | null {
    const m = /<<(-?)\s*(['"]?)([A-Za-z0-9_]+)\2/.exec(source);
    if (m === null) return null;
    const from = line;
    while (i < src.length) {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      const text = src.slice(i, stop);
      i = stop + 1;
      line++;
      if ((m[1] === '-' ? text.replace(/^\t+/, '') : text) === m[3]) break;
    }
    return { from, to: line - 1 };
  }

  try {
    while (i < src.length) {
      const startLine = line;
      const startIndex = i;
      const words: Word[] = [];
      const operators: string[] = [];
      while (i < src.length && src[i] !== '\n') {
        const c = src[i] ?? '';
        if (BLANK.has(c)) i++;
        else if (c === '#') {
          const end = src.indexOf('\n', i);
          const stop = end < 0 ? src.length : end;
          if (words.length === 0 && operators.length === 0) comments.push({ line, text: src.slice(i + 1, stop) });
          i = stop;
        } else if (OPERATORS.has(c)) {
          operators.push(c);
          i++;
        } else words.push(readWord());
      }
      const source = src.slice(startIndex, i);
      i++;
      line++;
      const hereDocument = operators.filter((o) => o === '<').length >= 2 ? skipHereDocument(source) : null;
      if (words.length > 0 || operators.length > 0) lines.push({ line: startLine, words, operators, source, hereDocument });
    }
  } catch (e) {
    if (!(e instanceof Unterminated)) throw e;
    return { lines, comments, unterminated: { line: e.line, quote: e.quote } };
  }
  return { lines, comments, unterminated: null };
}
