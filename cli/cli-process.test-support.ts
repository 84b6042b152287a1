import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// The cairn command as a person or a script runs it: `node bin/cairn.js`, a
// process of its own, its output and exit status read from outside.

export const REPO = resolve(import.meta.dirname, '..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Bundles the CLI from the sources as they are now (bin/cairn.js only builds a missing bundle). */
export function buildCli(): void {
  const build = spawnSync(process.execPath, ['scripts/build-node.mjs', '--cli'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0 || build.stderr !== '') throw new Error(`The CLI did not build: ${build.stderr}`);
}

/**
 * An environment with nothing of the tester's in it: a HOME of its own (no
 * ~/.ssh/known_hosts or config of the person running the tests) and no SSH
 * agent, plus what the test adds.
 */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { SSH_AUTH_SOCK: _agent, CAIRN_KEY_PASSPHRASE: _passphrase, CAIRN_PASSWORD: _password, XDG_CONFIG_HOME: _config, ...rest } = process.env;
  return { ...rest, HOME: home, ...extra };
}

export function cairn(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, ['bin/cairn.js', ...args], { cwd: REPO, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', failed);
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** stdout of a --json run: every line one JSON object with a type. */
export function jsonLines(stdout: string): Array<{ type: string } & Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);
}
