import { parse, render } from '../shared/answerfile';
import { fullNameNeedsStep, plan } from '../shared/plan';
import { errorsOf, type Profile } from '../shared/profile';
import { parseArgs, type ArgSpec, type ParsedArgs } from './args';
import { boxArgsProblem, factsCommand, lbuCommand, packagesCommand, servicesCommand } from './box-commands';
import { EXIT } from './exit-codes';
import { exportArgsProblem, exportCommand } from './export-command';
import { findCommand } from './find-command';
import { fleetCommand } from './fleet-command';
import { FLEET_ARGS, fleetArgsProblem, parallelProblem } from './fleet-options';
import { formatPlan } from './format-plan';
import { COMMAND_HELP, USAGE } from './help';
import { CliError, checkProfileFile, displayName, problemLine, readText, requireValidProfile, type CliIo } from './inputs';
import { OVERLAY_ARGS, overlayArgsProblem, overlayCommand } from './overlay-command';
import { pushCommand } from './push-command';
import { BOX_OPTIONS } from './remote';
import { cairnVersion } from './version';

export type { CliIo } from './inputs';
export { USAGE } from './help';

/** What the answer file carries only as CAIRN_* lines, which setup-alpine itself ignores. */
function extras(p: Profile): string[] {
  return [
    p.packages.length > 0 && 'extra packages',
    p.services.length > 0 && 'services',
    p.user !== null && fullNameNeedsStep(p.user.fullName) && "the user's full name",
    p.ipForwarding && 'IP forwarding',
  ].filter((e): e is string => e !== false);
}

interface Command {
  args: ArgSpec;
  run: (io: CliIo, parsed: ParsedArgs) => Promise<number>;
  /** Checks the arguments further than the spec can; a sentence when they are wrong. */
  check?: (parsed: ParsedArgs) => string | null;
  /** Takes --json: its failures end with an "error" object, its answers with a "result" one. */
  json?: boolean;
}

const ONE_FILE: ArgSpec = { noun: 'file', count: 1 };
const fileOf = (parsed: ParsedArgs) => parsed.positional[0] ?? '-';

/** A box command: the shared options, and the shape of what follows TARGET checked before anything is opened. */
const boxCommand = (name: string, spec: Omit<ArgSpec, 'noun'>, run: Command['run']): Command => ({
  args: { noun: 'target', ...spec, flags: [...BOX_OPTIONS.flags, ...(spec.flags ?? [])], values: [...BOX_OPTIONS.values, ...(spec.values ?? [])] },
  run,
  check: (parsed) => boxArgsProblem(name, parsed),
  json: true,
});

const COMMANDS: Record<string, Command> = {
  render: {
    args: ONE_FILE,
    run: async (io, parsed) => {
      const profile = await requireValidProfile(io, fileOf(parsed));
      io.stdout(render(profile));
      const skipped = extras(profile);
      if (skipped.length > 0) io.stderr(`note: setup-alpine ignores the CAIRN_* lines (${skipped.join(', ')}); "cairn plan" lists the commands that apply them.\n`);
      return 0;
    },
  },
  parse: {
    args: ONE_FILE,
    run: async (io, parsed) => {
      const file = fileOf(parsed);
      const { profile, diagnostics } = parse(await readText(io, file));
      for (const d of diagnostics) io.stderr(`${displayName(file)}:${d.line > 0 ? `${d.line}:` : ''} ${d.severity}: ${d.message}\n`);
      io.stdout(`${JSON.stringify(profile, null, 2)}\n`);
      return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    },
  },
  validate: {
    args: ONE_FILE,
    run: async (io, parsed) => {
      const file = fileOf(parsed);
      const { problems } = await checkProfileFile(io, file);
      for (const p of problems) io.stdout(problemLine(p));
      const errors = errorsOf(problems).length;
      const warnings = problems.length - errors;
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
      if (errors > 0) {
        io.stdout(`${displayName(file)}: ${count(errors, 'error')}${warnings > 0 ? `, ${count(warnings, 'warning')}` : ''}\n`);
        return 1;
      }
      io.stdout(`${displayName(file)}: valid${warnings > 0 ? ` (${count(warnings, 'warning')})` : ''}\n`);
      return 0;
    },
  },
  plan: {
    args: { ...ONE_FILE, flags: ['--doas', '--reboot'] },
    run: async (io, parsed) => {
      const profile = await requireValidProfile(io, fileOf(parsed));
      const steps = plan(profile, { privilege: parsed.flags.has('--doas') ? 'doas' : 'root' }, { reboot: parsed.flags.has('--reboot') });
      io.stdout(formatPlan(steps));
      return 0;
    },
  },
  overlay: {
    args: OVERLAY_ARGS,
    run: overlayCommand,
    check: overlayArgsProblem,
  },
  find: {
    args: { noun: 'subnet', count: 1, values: ['--fingerprint', '--port'], required: ['--fingerprint'] },
    run: findCommand,
  },
  export: {
    args: {
      noun: 'argument',
      count: { min: 2, max: 2 },
      expects: 'a format (ansible) and a profile file',
      flags: ['--force'],
      values: ['--out', '--batch', '--hostname', '--ipv4-pool', '--data'],
      required: ['--out'],
    },
    run: exportCommand,
    check: exportArgsProblem,
  },
  push: {
    ...boxCommand('push', { count: { min: 2 }, expects: 'a profile file and at least one target', flags: ['--reboot'], values: ['--parallel'], lists: ['--erase'] }, pushCommand),
    check: (parsed) => parallelProblem('push', parsed),
  },
  fleet: { ...boxCommand('fleet', FLEET_ARGS, fleetCommand), check: fleetArgsProblem },
  facts: boxCommand('facts', { count: { min: 1 }, expects: 'at least one target' }, factsCommand),
  services: boxCommand('services', { count: { min: 1, max: 3 }, expects: 'a target, then start, stop or restart and a service name' }, servicesCommand),
  packages: boxCommand('packages', { count: { min: 1, max: 102 }, expects: 'a target, then add or del and package names' }, packagesCommand),
  lbu: boxCommand('lbu', { count: { min: 1, max: 2 }, expects: 'a target, then status or commit', values: ['-m', '--message'] }, lbuCommand),
};

function usageError(io: CliIo, message: string, help = USAGE): number {
  io.stderr(`${message}\n\n${help}`);
  return EXIT.usage;
}

/** --help or -h among the arguments, before a `--` that ends the options. */
const asksForHelp = (args: readonly string[]) => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/** Runs one cairn command line; returns the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageError(io, 'Give a command.');
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`cairn ${cairnVersion()}\n`);
    return EXIT.done;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0];
    if (topic !== undefined && !Object.hasOwn(COMMAND_HELP, topic)) return usageError(io, `"${topic}" is not a cairn command.`);
    io.stdout(topic === undefined ? USAGE : (COMMAND_HELP[topic] ?? USAGE));
    return EXIT.done;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) return usageError(io, `"${name}" is not a cairn command.`);
  const help = COMMAND_HELP[name] ?? USAGE;
  if (asksForHelp(rest)) {
    io.stdout(help);
    return EXIT.done;
  }
  const parsed = parseArgs(name, rest, command.args);
  if (typeof parsed === 'string') return usageError(io, parsed, help);
  const problem = command.check?.(parsed) ?? null;
  if (problem !== null) return usageError(io, problem, help);
  const json = command.json === true && parsed.flags.has('--json');
  const finish = (exitCode: number) => {
    if (json) io.stdout(`${JSON.stringify({ type: 'result', ok: exitCode === EXIT.done, exitCode })}\n`);
    return exitCode;
  };
  try {
    return finish(await command.run(io, parsed));
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      if (json) io.stdout(`${JSON.stringify({ type: 'error', ...(error.code === undefined ? {} : { code: error.code }), message: error.message, exitCode: error.exitCode })}\n`);
      return error.exitCode;
    }
    const message = `cairn ${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. Please report this.`;
    io.stderr(`${message}\n`);
    if (json) io.stdout(`${JSON.stringify({ type: 'error', code: 'internal', message, exitCode: EXIT.failed })}\n`);
    return EXIT.failed;
  }
}
