import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, type CliRun } from './cli-process.test-support';

// `npx cairn` in a fresh clone, right after `npm ci` and without `npm run
// build`: the "prepare" script bundles the CLI at install. The clone is of
// this repository's committed HEAD (git clone --local), so work not yet
// committed is not in it. The install is offline (npm's cache), as CI has
// just filled it with its own `npm ci`. Slow: a whole install.

const INSTALL_TIMEOUT_MS = 20 * 60_000;

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((done, failed) => {
    const child = spawn(command, args, { cwd, env, timeout: INSTALL_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', failed);
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end();
  });
}

/** Why this machine cannot run the test, or null when it can. */
function missing(): string | null {
  if (!existsSync(join(REPO, '.git'))) return `${REPO} is not a git checkout, so there is nothing to clone`;
  for (const tool of ['git', 'npm', 'npx']) {
    const found = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (found.status !== 0) return `${tool} is not on PATH (${found.error?.message ?? found.stderr.trim()})`;
  }
  return null;
}

describe('a fresh clone', () => {
  it('runs npx cairn --help and --version right after npm ci, with no build step', { timeout: INSTALL_TIMEOUT_MS + 60_000 }, async (context) => {
    const why = missing();
    if (why !== null) {
      const reason = `Cannot test the install from a clone: ${why}.`;
      console.log(reason);
      // In CI a machine that cannot run it is a broken machine, not a pass.
      if (process.env.CI === 'true') throw new Error(reason);
      context.skip(reason);
      return;
    }
    const uncommitted = spawnSync('git', ['status', '--porcelain', '--', 'package.json', 'package-lock.json', 'bin', 'scripts', 'cli'], {
      cwd: REPO,
      encoding: 'utf8',
    }).stdout.trim();
    if (uncommitted !== '') console.log(`Note: the clone holds only committed work; these changes are not in it:\n${uncommitted}`);

    const dir = await mkdtemp(join(tmpdir(), 'cairn-clone-'));
    try {
      const clone = join(dir, 'cairn');
      const cloned = await run('git', ['clone', '--quiet', '--local', REPO, clone], dir);
      expect(cloned.stderr).toBe('');
      expect(cloned.status).toBe(0);

      // As .ci/run installs: no Electron binary (none can be downloaded, and no test needs it).
      const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
      const installed = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone, env);
      if (installed.status !== 0) console.log(installed.stdout, installed.stderr);
      expect(installed.status).toBe(0);

      // --no: never fetch a registry package of the same name when the project's own bin is not found.
      const help = await run('npx', ['--no', '--', 'cairn', '--help'], clone, env);
      expect(help.stderr).toBe('');
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^Usage: cairn COMMAND/);
      for (const command of ['push', 'facts', 'services', 'packages', 'lbu']) expect(help.stdout).toContain(`  ${command} `);

      const version = await run('npx', ['--no', '--', 'cairn', '--version'], clone, env);
      expect(version).toMatchObject({ status: 0, stdout: expect.stringMatching(/^cairn \d+\.\d+\.\d+/) });
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });
});
