import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateById, type Profile } from '../shared/profile';
import { buildCli, isolatedEnv, jsonLines, REPO } from './cli-process.test-support';

// The box commands' command lines: help, usage errors and refusals that come
// before any box is reached. No SSH server here; the integration tests
// (cairn-*.int.test.ts) reach real ones.

let dir: string;
let data: string;

function cairn(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/cairn.js', ...args], { cwd: REPO, input: '', encoding: 'utf8', env: isolatedEnv(dir, extraEnv) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'cairn-cli-args-'));
  data = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS = ['render', 'parse', 'validate', 'plan', 'overlay', 'find', 'push', 'facts', 'services', 'packages', 'lbu'];
const BOX_COMMANDS = ['push', 'facts', 'services', 'packages', 'lbu'];

describe('help', () => {
  it.each(COMMANDS)("%s --help prints that command's usage on stdout, the same as help %s", (command) => {
    const r = cairn([command, '--help']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(new RegExp(`^Usage: cairn ${command} `));
    expect(cairn(['help', command])).toEqual(r);
    expect(cairn([command, '-h']).stdout).toBe(r.stdout);
  });

  it.each(BOX_COMMANDS)('%s --help says how it logs in, trusts host keys and exits', (command) => {
    const { stdout } = cairn([command, '--help']);
    for (const words of [
      '--json',
      '--accept-new',
      '--key FILE',
      '--data DIR',
      'CAIRN_KEY_PASSPHRASE',
      'CAIRN_PASSWORD',
      'system keyring',
      '~/.ssh/known_hosts',
      'Exit status:',
      '130',
    ])
      expect(stdout).toContain(words);
  });

  it('lists every command and the exit statuses in the overview', () => {
    const { stdout } = cairn(['--help']);
    for (const command of [...COMMANDS, 'help']) expect(stdout).toContain(`  ${command} `);
    expect(stdout).toMatch(/^ {2}4 {4}host key: /m);
  });

  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(cairn(['--version'])).toEqual({ status: 0, stdout: `cairn ${version}\n`, stderr: '' });
  });

  it('names a help topic that is no command', () => {
    const r = cairn(['help', 'frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^"frobnicate" is not a cairn command\.\n\nUsage: cairn COMMAND/);
  });
});

describe("usage errors, with the command's help", () => {
  it.each([
    [['push', 'p.json'], 'cairn push takes a profile file and at least one target (got 1).'],
    [['facts'], 'cairn facts takes at least one target (none was given).'],
    [['services'], 'cairn services takes a target, then start, stop or restart and a service name (none was given).'],
    [['services', 'box', 'reload', 'crond'], 'cairn services: "reload" is not one of list, start, stop, restart.'],
    [['services', 'box', 'restart'], 'cairn services restart needs one service name.'],
    [['services', 'box', 'list', 'crond'], 'cairn services list takes nothing after it (got crond).'],
    [['packages', 'box', 'add'], 'cairn packages add needs the package names.'],
    [['packages', 'box', 'upgrade'], 'cairn packages: "upgrade" is not one of list, add, del.'],
    [['lbu', 'box', 'status', '-m', 'x'], 'cairn lbu: -m MESSAGE goes with commit.'],
    [['lbu', 'box', 'commit', 'now'], 'cairn lbu takes a target, then status or commit (got 3).'],
    [['facts', 'box', '--frob'], 'cairn facts has no option --frob.'],
    [['push', 'p.json', 'box', '--erase'], 'cairn push: --erase needs a value.'],
    [['facts', 'box', '--doas'], 'cairn facts has no option --doas.'],
  ])('%j', (args, message) => {
    const r = cairn(args);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr.startsWith(`${message}\n\nUsage: cairn ${args[0]} `)).toBe(true);
  });
});

describe('targets', () => {
  it('says which name is not a saved target, before reaching anything', () => {
    expect(cairn(['facts', 'garage', '--data', data])).toEqual({
      status: 2,
      stdout: '',
      stderr: '"garage" is neither a target saved in Cairn nor user@host[:port]. No target is saved in Cairn yet.\n',
    });
  });

  it('ends --json output with an error object', () => {
    const r = cairn(['facts', 'garage', '--data', data, '--json']);
    expect(r.status).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([{ type: 'error', message: expect.stringContaining('"garage" is neither'), exitCode: 2 }]);
  });

  it('asks for a key or the agent for user@host', () => {
    const r = cairn(['facts', 'root@192.0.2.1', '--data', data]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'root@192.0.2.1: give --key FILE (your private key), or start ssh-agent with your key loaded; the cairn command logs in to user@host targets with one of them.\n',
    );
  });

  it('refuses a port that is no port', () => {
    const r = cairn(['facts', 'root@192.0.2.1:70000', '--key', 'id', '--data', data]);
    expect(r).toMatchObject({ status: 2, stderr: 'root@192.0.2.1:70000: The port must be a whole number from 1 to 65535 (SSH uses 22).\n' });
  });
});

describe('cairn push before any box is reached', () => {
  const profileFile = (name: string, p: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(p));
    return path;
  };
  // 192.0.2.0/24 is documentation space: nothing answers there, and nothing may be sent.
  const target = () => ['root@192.0.2.1', '--key', join(dir, 'no-key'), '--data', data];

  it('stops at a profile with errors, exit 1', () => {
    const p = templateById('vm')?.make() as Profile;
    const r = cairn(['push', profileFile('bad.json', { ...p, hostname: 'bad host!' }), ...target()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^hostname: /m);
  });

  it('refuses a plan that erases a disk not named by --erase, exit 3, with the option to give', () => {
    const path = profileFile('vm.json', templateById('vm')?.make());
    const r = cairn(['push', path, ...target()]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('This plan erases /dev/vda on every target: add --erase /dev/vda to confirm that this disk may be erased. Nothing was sent to the boxes.\n');
    const wrong = cairn(['push', path, ...target(), '--erase', '/dev/vda,/dev/vdb']);
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toContain('This plan erases /dev/vda, but --erase names /dev/vda, /dev/vdb: name exactly the disks the plan erases (--erase /dev/vda).');
  });

  it('refuses --erase for a plan that erases nothing', () => {
    const p = templateById('diskless-iot')?.make() as Profile;
    const r = cairn(['push', profileFile('diskless.json', p), ...target(), '--erase', '/dev/sda', '--json']);
    expect(r.status).toBe(3);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.type)).toEqual(['plan', 'error', 'result']);
    expect(lines[1]).toMatchObject({ code: 'confirmation-mismatch', message: expect.stringContaining('leave --erase out'), exitCode: 3 });
  });
});
