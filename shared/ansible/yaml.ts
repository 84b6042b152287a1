// A small YAML writer for the export, so that no value has to be trusted to
// look harmless. Ansible templates every string it reads (a `{{ … }}` in a
// profile value would run on the controller) and a line break or quote in a
// plain scalar would start new YAML: so every string from a profile is
// written double-quoted with every awkward character escaped, and tagged
// `!unsafe`, which tells Ansible never to template it. Only text Cairn itself
// writes (task names, module arguments, Jinja expressions) goes through `t`.

/** Text Cairn wrote itself: emitted as it is meant (Jinja in it is evaluated), never profile data. */
export interface Trusted {
  readonly trusted: string;
  /** An ansible-lint rule that cannot apply here, written as `# noqa: RULE` after the value (the reason lives with the caller). */
  readonly noqa?: string;
}

export const t = (text: string, noqa?: string): Trusted => (noqa === undefined ? { trusted: text } : { trusted: text, noqa });

/** A plain JS string is data from a profile or a target: always `!unsafe "…"`. */
export type Yaml = string | number | boolean | null | Trusted | readonly Yaml[] | { readonly [key: string]: Yaml };

const isTrusted = (v: unknown): v is Trusted => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { trusted?: unknown }).trusted === 'string';

/** Longest line before a quoted scalar is folded (ansible-lint's yamllint allows 160). */
const WIDTH = 150;

/**
 * One character as a YAML 1.1 double-quoted scalar holds it. Besides `"` and
 * `\`, escaped: C0/C1 controls and DEL, the characters YAML 1.1 reads as line
 * breaks (U+0085, U+2028, U+2029), the byte-order mark, non-characters and
 * lone surrogates (which UTF-8 cannot carry). Everything else is kept, so a
 * name like Zoë stays readable.
 */
function escapeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '"') return '\\"';
  if (ch === '\\') return '\\\\';
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff))
    return `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}

/** The escaped pieces of a string, one per character (a surrogate pair stays one piece). */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    const pair = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    out.push(pair ? text.slice(i, i + 2) : escapeChar(text.charAt(i)));
    if (pair) i++;
  }
  return out;
}

/**
 * A double-quoted scalar, folded over several lines when long: each line but
 * the last ends in an escaped line break (`\`), which YAML drops together
 * with the next line's indentation. A piece that starts a continuation line
 * with a space is written `\x20`, since leading spaces there are dropped too.
 */
export function quoted(text: string, column: number, indent: number): string {
  const lines: string[][] = [[]];
  let room = Math.max(40, WIDTH - column - 1);
  const width = (line: readonly string[]) => line.reduce((n, p) => n + p.length, 0);
  for (const p of pieces(text)) {
    const line = lines[lines.length - 1] ?? [];
    if (width(line) + p.length > room) {
      // Break after the last space when there is one not too far back, so words stay whole.
      const space = line.lastIndexOf(' ');
      const moved = space > line.length / 2 ? line.splice(space + 1) : [];
      lines.push(moved);
      room = Math.max(40, WIDTH - indent - 2);
    }
    (lines[lines.length - 1] ?? []).push(p);
  }
  const pad = ' '.repeat(indent);
  const texts = lines.map((line, n) => (n > 0 && line[0] === ' ' ? ['\\x20', ...line.slice(1)] : line).join(''));
  return `"${texts.join(`\\\n${pad}`)}"`;
}

/** Text Cairn wrote, plain when YAML reads it back as that same string, else double-quoted. */
function trustedScalar(text: string, column: number, indent: number): string {
  const plain = /^[A-Za-z/][A-Za-z0-9 ,.()/_+=-]*$/.test(text) && !/ $/.test(text) && !/^(y|n|yes|no|on|off|true|false|null|~)$/i.test(text);
  return plain ? text : quoted(text, column, indent);
}

function scalar(v: Yaml, column: number, indent: number): string | null {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('Only finite numbers can be written to YAML.');
    return String(v);
  }
  if (typeof v === 'string') return `!unsafe ${quoted(v, column + 8, indent)}`;
  if (isTrusted(v)) return `${trustedScalar(v.trusted, column, indent)}${v.noqa === undefined ? '' : `  # noqa: ${v.noqa}`}`;
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (!Array.isArray(v) && Object.keys(v).length === 0) return '{}';
  return null;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function block(v: Yaml, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v as readonly Yaml[]) {
      const one = scalar(item, indent + 2, indent + 2);
      if (one !== null) out.push(`${pad}- ${one}`);
      else {
        // The first key of a map item shares the dash's line.
        const inner: string[] = [];
        block(item, indent + 2, inner);
        out.push(`${pad}- ${(inner[0] ?? '').slice(indent + 2)}`, ...inner.slice(1));
      }
    }
    return;
  }
  for (const [key, value] of Object.entries(v as { readonly [key: string]: Yaml })) {
    if (!KEY.test(key)) throw new Error(`"${key}" cannot be a YAML key in the export.`);
    const one = scalar(value, indent + key.length + 2, indent + 2);
    if (one !== null) out.push(`${pad}${key}: ${one}`);
    else {
      out.push(`${pad}${key}:`);
      block(value, indent + 2, out);
    }
  }
}

/** A YAML document: the comment lines (already made safe), `---`, then the value in block style. */
export function yamlDocument(value: Yaml, comment: readonly string[] = []): string {
  const out: string[] = [...comment, '---'];
  const one = scalar(value, 0, 2);
  if (one !== null) out.push(one);
  else block(value, 0, out);
  return `${out.join('\n')}\n`;
}
