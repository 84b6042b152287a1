/** How one command reads its command line. */
export interface ArgSpec {
  /** What the positional arguments are called, for messages ("file", "subnet"). */
  noun: string;
  /** Positional arguments: exactly this many, or from `min` to `max` (no upper bound when left out). */
  count: number | { min: number; max?: number };
  /** The positional arguments a command with a range takes, for messages ("a profile file and at least one target"). */
  expects?: string;
  /** Options that stand alone (`--doas`). */
  flags?: readonly string[];
  /** Options that take the next argument (`--out DIR`) or `--out=DIR`. */
  values?: readonly string[];
  /** Value options that may be given more than once, each value kept (`--erase A --erase B`). */
  lists?: readonly string[];
  /** Options that must be given. */
  required?: readonly string[];
}

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
  /** Every value of the `lists` options, in order. */
  lists: Map<string, string[]>;
}

const isOption = (arg: string): boolean => arg.startsWith('-') && arg !== '-';

function positionalProblem(command: string, spec: ArgSpec, got: number): string | null {
  const gotText = got === 0 ? 'none was given' : `got ${got}`;
  if (typeof spec.count === 'number') {
    if (got === spec.count) return null;
    return `cairn ${command} takes exactly one ${spec.noun} (${gotText})${spec.noun === 'file' ? '; use - for standard input' : ''}.`;
  }
  const { min, max = Infinity } = spec.count;
  if (got >= min && got <= max) return null;
  return `cairn ${command} takes ${spec.expects ?? `at least ${min} ${spec.noun}s`} (${gotText}).`;
}

/** The arguments, or a sentence saying what is wrong with them. */
export function parseArgs(command: string, args: readonly string[], spec: ArgSpec): ParsedArgs | string {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), values: new Map(), lists: new Map() };
  const unknown: string[] = [];
  let optionsEnded = false;
  for (let n = 0; n < args.length; n++) {
    const arg = args[n] ?? '';
    if (optionsEnded || !isOption(arg)) {
      parsed.positional.push(arg);
      continue;
    }
    // As in most commands, `--` ends the options: what follows is positional even when it starts with -.
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const [name = '', inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (spec.values?.includes(name) || spec.lists?.includes(name)) {
      const value = inline ?? args[++n];
      if (value === undefined || value === '') return `cairn ${command}: ${name} needs a value.`;
      if (spec.lists?.includes(name)) parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
      else parsed.values.set(name, value);
    } else if (spec.flags?.includes(name) && inline === undefined) parsed.flags.add(name);
    else unknown.push(arg);
  }
  if (unknown.length > 0) return `cairn ${command} has no option ${unknown.join(', ')}.`;
  const missing = (spec.required ?? []).filter((r) => !parsed.values.has(r));
  if (missing.length > 0) return `cairn ${command} needs ${missing.join(' and ')}.`;
  return positionalProblem(command, spec, parsed.positional.length) ?? parsed;
}

/** A whole-number option from `min` to `max`: null when it is left out or fits, else the sentence naming it and what it is for. */
export function wholeNumberProblem(command: string, parsed: ParsedArgs, name: string, range: { min: number; max: number }, what: string): string | null {
  const text = parsed.values.get(name);
  if (text === undefined) return null;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (n >= range.min && n <= range.max) return null;
  return `cairn ${command}: ${name} takes a whole number from ${range.min} to ${range.max}, ${what} (got "${text}").`;
}
