import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The packaged app's `cairn` command. The obvious launcher, the app's binary
// run as plain Node (ELECTRON_RUN_AS_NODE=1), is what the RunAsNode fuse
// switches off (build/electron-builder.yml), because any local program could
// then use Cairn's signed binary as a Node interpreter. So the wrapper
// (build/cairn-cli.sh, .cmd) starts the app itself with `--cli` first, and
// main.ts, before any window, lock or menu exists, runs the bundled CLI in
// its own process and exits with the CLI's status.

export const CLI_SWITCH = '--cli';

/**
 * The CLI's arguments when the app was started as the CLI, else null. `--cli`
 * counts only as the first argument, so a file or URL handed to the desktop
 * app never turns it into the CLI. A packaged app's argv is [binary, ...];
 * under `electron main.cjs ...` (process.defaultApp) the script comes first.
 */
export function cliArguments(argv: readonly string[], defaultApp: boolean): string[] | null {
  const args = argv.slice(defaultApp ? 2 : 1);
  return args[0] === CLI_SWITCH ? args.slice(1) : null;
}

/**
 * dist/cli/cairn.mjs beside dist/electron/. In a package it is taken from
 * app.asar.unpacked (asarUnpack in build/electron-builder.yml): an ES module
 * inside app.asar is read by Electron's patched loader or not, depending on
 * the release (electron/electron#38957), while the unpacked copy is a plain file.
 */
export function bundledCliPath(mainDir: string): string {
  return join(mainDir, '..', 'cli', 'cairn.mjs').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * Runs the CLI bundle as `node cairn.mjs ...args` would: it reads
 * process.argv, answers, and sets process.exitCode before its top-level
 * await settles, which is when the import resolves. Returns that status.
 */
export async function runBundledCli(bundle: string, args: readonly string[]): Promise<number> {
  process.argv = [process.argv[0] ?? process.execPath, bundle, ...args];
  await import(pathToFileURL(bundle).href);
  const code = Number(process.exitCode ?? 0);
  return Number.isInteger(code) ? code : 1;
}
