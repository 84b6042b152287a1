import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Target } from '../../shared/api/targets';
import { emptyRow } from '../../shared/batch/row';
import { tempDir } from '../services.test-support';
import type { SshConfigSource } from '../store/ssh-config-import';
import { rowTargets } from './batch-targets';

// A batch row's target cell as the app's batch and `cairn fleet` read it,
// with a ~/.ssh/config of a temporary home, never the tester's.

let home: string;
let cleanup: () => Promise<void>;
let source: SshConfigSource;
beforeEach(async () => {
  ({ dir: home, cleanup } = await tempDir('cairn-batch-home-'));
  await mkdir(join(home, '.ssh', 'conf.d'), { recursive: true });
  await writeFile(join(home, '.ssh', 'id_rack'), 'key');
  source = { path: join(home, '.ssh', 'config'), homeDir: home, localUser: 'jane' };
});
afterEach(() => cleanup());

const rows = (...targets: string[]) => targets.map((target) => ({ ...emptyRow(), target }));
const saved: Target[] = [{ id: 'target-1', name: 'Garage', host: '192.168.1.5', port: 22, user: 'root', auth: 'agent', tags: [] }];

const CONFIG = `Include conf.d/*
Host *
  User ops
`;
const RACK = `Host rack1
  HostName 10.0.0.11
  Port 2222
  IdentityFile ~/.ssh/id_rack
  ProxyJump admin@gw.example:2022

Host legacy
  ProxyCommand nc %h %p
`;

describe('a batch row naming its box', () => {
  it('takes a saved target by name (any case) and user@host[:port] as a new target, without reading the SSH config', async () => {
    // No config file at all: these rows do not need one.
    const { targets, problems } = await rowTargets(rows('garage', 'root@192.168.1.7:2200'), saved, source);
    expect(problems).toEqual([]);
    expect(targets).toEqual([{ saved: saved[0] }, { draft: { name: 'root@192.168.1.7:2200', host: '192.168.1.7', port: 2200, user: 'root', auth: 'agent', tags: ['batch'] } }]);
  });

  it('resolves a Host alias of ~/.ssh/config, through its Include, as ssh would log in', async () => {
    await writeFile(source.path, CONFIG);
    await writeFile(join(home, '.ssh', 'conf.d', 'rack'), RACK);
    const { targets, problems } = await rowTargets(rows('RACK1'), saved, source);
    expect(problems).toEqual([]);
    expect(targets).toEqual([
      {
        draft: {
          name: 'rack1',
          host: '10.0.0.11',
          port: 2222,
          user: 'ops',
          auth: 'key',
          keyPath: join(home, '.ssh', 'id_rack'),
          jump: [{ host: 'gw.example', port: 2022, user: 'admin' }],
          tags: ['batch', 'ssh-config'],
        },
      },
    ]);
  });

  it('names an unknown name with its row, saying where it looked', async () => {
    await writeFile(source.path, CONFIG);
    const { problems } = await rowTargets(rows('garage', 'nowhere'), saved, source);
    expect(problems).toEqual([
      {
        row: 3,
        column: 'target',
        message:
          'No saved target is named “nowhere”, and ~/.ssh/config has no Host nowhere: write its name as Targets lists it, user@host[:port], or a Host alias from ~/.ssh/config.',
      },
    ]);
  });

  it('names an alias Cairn cannot use with the reason, and a missing config as having no aliases', async () => {
    await writeFile(source.path, CONFIG);
    await writeFile(join(home, '.ssh', 'conf.d', 'rack'), RACK);
    expect((await rowTargets(rows('legacy'), saved, source)).problems).toEqual([
      { row: 2, column: 'target', message: '“legacy” in ~/.ssh/config cannot be used: It is reached through a ProxyCommand, which Cairn does not run; use ProxyJump instead.' },
    ]);
    // Outside the home folder the path is shown whole.
    const missing = { ...source, homeDir: join(home, '.ssh', 'conf.d') };
    expect((await rowTargets(rows('rack1'), saved, { ...missing, path: join(home, 'no-such-config') })).problems[0]?.message).toContain(
      `${join(home, 'no-such-config')} has no Host rack1`,
    );
  });

  it('without an SSH config to look in, asks for a saved name or user@host', async () => {
    expect((await rowTargets(rows('rack1'), saved)).problems).toEqual([
      { row: 2, column: 'target', message: 'No saved target is named “rack1”: write its name as Targets lists it, or user@host[:port].' },
    ]);
  });

  it('refuses two rows that reach the same box under different names', async () => {
    const { problems } = await rowTargets(rows('Garage', 'root@192.168.1.5', 'root@10.0.0.9', 'root@10.0.0.9:22'), saved, source);
    expect(problems).toEqual([
      { row: 3, column: 'target', message: 'Row 2 (Garage) reaches the same box; name each box once.' },
      { row: 5, column: 'target', message: 'Row 4 (root@10.0.0.9) reaches the same box; name each box once.' },
    ]);
  });
});
