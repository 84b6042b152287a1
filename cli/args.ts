/** How one command reads its command line. */
export interface ArgSpec {
  /** What the positional arguments are called, for messages ("file", "subnet"). */
  noun: string;
  /** Positional arguments: exactly this many. */
  count: number;
  /** Options that stand alone (`--doas`). */
  flags?: readonly string[];
  /** Options that take the next argument (`--out DIR`) or `--out=DIR`. */
  values?: readonly string[];
  /** Options that must be given. */
  required?: readonly string[];
}

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

const isOption = (arg: string): boolean => arg.startsWith('-') && arg !== '-';

/** The arguments, or a sentence saying what is wrong with them. */
export function parseArgs(command: string, args: readonly string[], spec: ArgSpec): ParsedArgs | string {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map() };
  const unknown: string[] = [];
  for (let n = 0; n < args.length; n++) {
    const arg = args[n] ?? '';
    if (!isOption(arg)) {
      parsed.positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (spec.values?.includes(name)) {
      const value = inline ?? args[++n];
      if (value === undefined || value === '') return `cairn ${command}: ${name} needs a value.`;
      parsed.values.set(name, value);
    } else if (spec.flags?.includes(name) && inline === undefined) parsed.flags.add(name);
    else unknown.push(arg);
  }
  if (unknown.length > 0) return `cairn ${command} has no option ${unknown.join(', ')}.`;
  const missing = (spec.required ?? []).filter((r) => !parsed.values.has(r));
  if (missing.length > 0) return `cairn ${command} needs ${missing.join(' and ')}.`;
  if (parsed.positional.length !== spec.count) {
    const got = parsed.positional.length === 0 ? 'none was given' : `got ${parsed.positional.length}`;
    return `cairn ${command} takes exactly one ${spec.noun} (${got})${spec.noun === 'file' ? '; use - for standard input' : ''}.`;
  }
  return parsed;
}
