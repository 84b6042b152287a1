import { parse, render } from '../shared/answerfile';
import { fullNameNeedsStep, plan } from '../shared/plan';
import { errorsOf, type Profile } from '../shared/profile';
import { parseArgs, type ArgSpec, type ParsedArgs } from './args';
import { findCommand } from './find-command';
import { formatPlan } from './format-plan';
import { CliError, checkProfileFile, displayName, problemLine, readText, requireValidProfile, type CliIo } from './inputs';
import { overlayCommand } from './overlay-command';

export type { CliIo } from './inputs';

export const USAGE = `Usage: cairn COMMAND [OPTIONS] FILE

Commands:
  render PROFILE.json      Print the setup-alpine answer file for a profile.
  parse ANSWERFILE         Print the profile read from an answer file as JSON;
                           problems found go to stderr as FILE:LINE: severity: message.
  validate PROFILE.json    List the profile's problems (path: message).
  plan PROFILE.json [--doas] [--reboot]
                           List the steps an install runs on a box, with their commands.
                           --doas    log in as a user that runs commands through doas
                           --reboot  reboot the box at the end
  overlay PROFILE.json --out DIR [--key KEY] [--replace]
                           Write DIR/HOSTNAME.apkovl.tar.gz, a headless boot overlay: the box
                           comes up on the network with an SSH server and a host key made for
                           it. The last line printed is that key's SHA256: fingerprint.
                           --key      also let this public key (or a private key's .pub) in as root
                           --replace  remove other overlays in DIR (the boot takes the first found)
  find SUBNET --fingerprint SHA256:... [--port N]
                           Search SUBNET (one of this computer's networks, at most 1024
                           addresses) for the SSH server presenting that host key, seen
                           before any login; print its address.
  help                     Show this help.

A FILE of - reads standard input.
Exit status: 0 done (find: found), 1 the file has errors (find: not found),
2 wrong usage or a file that cannot be read.
`;

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
  run: (io: CliIo, file: string, options: ReadonlySet<string>, parsed: ParsedArgs) => Promise<number>;
}

const ONE_FILE: ArgSpec = { noun: 'file', count: 1 };

const COMMANDS: Record<string, Command> = {
  render: {
    args: ONE_FILE,
    run: async (io, file) => {
      const profile = await requireValidProfile(io, file);
      io.stdout(render(profile));
      const skipped = extras(profile);
      if (skipped.length > 0)
        io.stderr(`note: setup-alpine ignores the CAIRN_* lines (${skipped.join(', ')}); "cairn plan" lists the commands that apply them.\n`);
      return 0;
    },
  },
  parse: {
    args: ONE_FILE,
    run: async (io, file) => {
      const { profile, diagnostics } = parse(await readText(io, file));
      for (const d of diagnostics)
        io.stderr(`${displayName(file)}:${d.line > 0 ? `${d.line}:` : ''} ${d.severity}: ${d.message}\n`);
      io.stdout(`${JSON.stringify(profile, null, 2)}\n`);
      return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    },
  },
  validate: {
    args: ONE_FILE,
    run: async (io, file) => {
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
    run: async (io, file, options) => {
      const profile = await requireValidProfile(io, file);
      const steps = plan(profile, { privilege: options.has('--doas') ? 'doas' : 'root' }, { reboot: options.has('--reboot') });
      io.stdout(formatPlan(steps));
      return 0;
    },
  },
  overlay: {
    args: { ...ONE_FILE, flags: ['--replace'], values: ['--out', '--key'], required: ['--out'] },
    run: (io, _file, _options, parsed) => overlayCommand(io, parsed),
  },
  find: {
    args: { noun: 'subnet', count: 1, values: ['--fingerprint', '--port'], required: ['--fingerprint'] },
    run: (io, _file, _options, parsed) => findCommand(io, parsed),
  },
};

function usageError(io: CliIo, message: string): number {
  io.stderr(`${message}\n\n${USAGE}`);
  return 2;
}

/** Runs one cairn command line; returns the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageError(io, 'Give a command.');
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) return usageError(io, `"${name}" is not a cairn command.`);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parseArgs(name, rest, command.args);
  if (typeof parsed === 'string') return usageError(io, parsed);
  try {
    return await command.run(io, parsed.positional[0] ?? '-', parsed.flags, parsed);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`cairn ${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. Please report this.\n`);
    return 1;
  }
}
