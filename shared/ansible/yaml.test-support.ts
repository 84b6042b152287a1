// Reads back what yaml.ts writes, by the rules of YAML 1.1 double-quoted
// scalars, so tests can compare values with what went in. The integration
// tests do the same with Ansible's own loader.

const SIMPLE: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ', '/': '/', N: '\u0085', L: '\u2028', P: '\u2029' };

/** The value of the double-quoted scalar starting at `text[start]` (the opening quote), and where it ends. */
export function readQuoted(text: string, start: number): { value: string; end: number } {
  if (text[start] !== '"') throw new Error(`No double-quoted scalar at ${start}.`);
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') return { value, end: i + 1 };
    if (c === '\n') throw new Error('A bare line break inside a quoted scalar folds it: yaml.ts never writes one.');
    if (c !== '\\') {
      value += c;
      continue;
    }
    const e = text.charAt(++i);
    if (e === '\n') {
      // An escaped line break: dropped, with the next line's leading white space.
      while (text[i + 1] === ' ' || text[i + 1] === '\t') i++;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = { x: 2, u: 4, U: 8 }[e];
      value += String.fromCodePoint(Number.parseInt(text.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else if (e in SIMPLE) value += SIMPLE[e];
    else throw new Error(`Unknown escape \\${e}.`);
  }
  throw new Error('Unterminated double-quoted scalar.');
}

/** Every `!unsafe "…"` value of a document, in order. */
export function unsafeValues(doc: string): string[] {
  const out: string[] = [];
  let at = doc.indexOf('!unsafe "');
  while (at !== -1) {
    const { value, end } = readQuoted(doc, at + '!unsafe '.length);
    out.push(value);
    at = doc.indexOf('!unsafe "', end);
  }
  return out;
}
