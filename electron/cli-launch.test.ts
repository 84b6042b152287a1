import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundledCliPath, cliArguments, runBundledCli } from './cli-launch';

describe('starting the app as the cairn command', () => {
  it('takes the arguments after --cli when it is the first one, packaged or not', () => {
    expect(cliArguments(['/opt/Cairn/cairn', '--cli', 'render', 'box.json'], false)).toEqual(['render', 'box.json']);
    expect(cliArguments(['/usr/lib/electron/electron', 'dist/electron/main.cjs', '--cli', 'plan', '-'], true)).toEqual(['plan', '-']);
    expect(cliArguments(['/opt/Cairn/cairn', '--cli'], false)).toEqual([]);
  });

  it('stays the desktop app otherwise, even when --cli comes later', () => {
    expect(cliArguments(['/opt/Cairn/cairn'], false)).toBeNull();
    expect(cliArguments(['/opt/Cairn/cairn', 'box.answers', '--cli'], false)).toBeNull();
    expect(cliArguments(['/usr/lib/electron/electron', 'dist/electron/main.cjs'], true)).toBeNull();
    // Under `electron main.cjs`, the script is not the first argument.
    expect(cliArguments(['/usr/lib/electron/electron', '--cli', 'x'], true)).toBeNull();
  });

  it('finds the CLI bundle beside main, unpacked from app.asar in a package', () => {
    expect(bundledCliPath('/work/cairn/dist/electron')).toBe('/work/cairn/dist/cli/cairn.mjs');
    expect(bundledCliPath('/opt/Cairn/resources/app.asar/dist/electron')).toBe('/opt/Cairn/resources/app.asar.unpacked/dist/cli/cairn.mjs');
  });

  it('runs a bundle with the arguments in process.argv and returns the status it set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-cli-launch-'));
    const [argv, exitCode] = [process.argv, process.exitCode];
    try {
      const bundle = join(dir, 'cairn.mjs');
      await writeFile(
        bundle,
        'await new Promise((r) => setTimeout(r, 10));\nglobalThis.cairnLaunchSaw = process.argv.slice(2);\nprocess.exitCode = process.argv.includes("--fail") ? 3 : 0;\n',
      );
      expect(await runBundledCli(bundle, ['render', '--fail'])).toBe(3);
      expect((globalThis as { cairnLaunchSaw?: unknown }).cairnLaunchSaw).toEqual(['render', '--fail']);
    } finally {
      process.argv = argv;
      process.exitCode = exitCode;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('build/cairn-cli.sh', () => {
  const script = join(__dirname, '..', 'build', 'cairn-cli.sh');

  it('starts the app binary beside resources/ with --cli and every argument, also through a link on PATH', async () => {
    // An installed Linux layout: /opt/Cairn/cairn and /opt/Cairn/resources/cairn-cli.sh. The
    // binary is a stand-in that prints what it was given (no Electron binary exists here).
    const dir = await mkdtemp(join(tmpdir(), 'cairn-cli-sh-'));
    try {
      await mkdir(join(dir, 'opt', 'Cairn', 'resources'), { recursive: true });
      await mkdir(join(dir, 'bin'));
      await copyFile(script, join(dir, 'opt', 'Cairn', 'resources', 'cairn-cli.sh'));
      await chmod(join(dir, 'opt', 'Cairn', 'resources', 'cairn-cli.sh'), 0o755);
      await writeFile(join(dir, 'opt', 'Cairn', 'cairn'), '#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\nexit 4\n', { mode: 0o755 });
      await symlink(join('..', 'opt', 'Cairn', 'resources', 'cairn-cli.sh'), join(dir, 'bin', 'cairn'));

      const failure = await promisify(execFile)(join(dir, 'bin', 'cairn'), ['render', 'my box.json', '--json']).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 4, stdout: '[--cli][render][my box.json][--json]' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says where it looked when no app is beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cairn-cli-sh-'));
    try {
      await copyFile(script, join(dir, 'cairn-cli.sh'));
      const failure = await promisify(execFile)('sh', [join(dir, 'cairn-cli.sh'), 'render']).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('the Cairn app is not beside') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
