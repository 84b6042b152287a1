import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../services.test-support';
import { readSshConfig } from './ssh-config-import';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: home, cleanup } = await tempDir('cairn-home-'));
  await mkdir(join(home, '.ssh'));
  await writeFile(join(home, '.ssh', 'id_nas'), 'key');
});
afterEach(() => cleanup());

const CONFIG = `# my machines
Include ~/.ssh/conf.d/*

Host nas
  HostName 192.168.1.10
  Port 2222
  User admin
  IdentityFile ~/.ssh/id_missing
  IdentityFile ~/.ssh/id_nas

Host router gw
  HostName 192.168.1.1

Host *.lan !printer.lan
  User ops

Host bastioned
  HostName 10.9.0.4
  ProxyJump jump.example

Host badport
  Port ssh

Match host nas exec "touch ${'/tmp/cairn-import-must-not-run'}"
  User nobody

Host *
  User me
`;

describe('importing ~/.ssh/config', () => {
  it('turns each literal Host into a target, with HostName, Port, User and IdentityFile', async () => {
    const path = join(home, '.ssh', 'config');
    await writeFile(path, CONFIG);
    const { drafts } = await readSshConfig({ path, homeDir: home, localUser: 'jane' });
    expect(drafts).toEqual([
      { name: 'nas', host: '192.168.1.10', port: 2222, user: 'admin', auth: 'key', keyPath: join(home, '.ssh', 'id_nas'), tags: ['ssh-config'] },
      { name: 'router', host: '192.168.1.1', port: 22, user: 'me', auth: 'agent', tags: ['ssh-config'] },
      { name: 'gw', host: '192.168.1.1', port: 22, user: 'me', auth: 'agent', tags: ['ssh-config'] },
      { name: 'bastioned', host: '10.9.0.4', port: 22, user: 'me', auth: 'agent', jump: [{ host: 'jump.example', port: 22, user: 'me' }], tags: ['ssh-config'] },
    ]);
  });

  it('reports what it skipped and why, and never runs Match exec', async () => {
    const path = join(home, '.ssh', 'config');
    await writeFile(path, CONFIG);
    const { skipped } = await readSshConfig({ path, homeDir: home, localUser: 'jane' });
    expect(skipped).toEqual([
      { host: '*.lan', reason: 'This is a pattern that matches many hosts, not one machine.' },
      { host: '!printer.lan', reason: 'This is a pattern that matches many hosts, not one machine.' },
      { host: 'badport', reason: 'The port must be a whole number from 1 to 65535 (SSH uses 22).' },
      { host: '*', reason: 'This is a pattern that matches many hosts, not one machine.' },
    ]);
    await expect(import('node:fs/promises').then((fs) => fs.access('/tmp/cairn-import-must-not-run'))).rejects.toThrow();
  });

  it('uses the local user when the config names none, and keeps a named key that does not exist', async () => {
    const path = join(home, 'other-config');
    await writeFile(path, 'Host pi\n  HostName pi.local\n  IdentityFile %d/.ssh/id_%r_%h\n');
    const { drafts } = await readSshConfig({ path, homeDir: home, localUser: 'jane' });
    expect(drafts).toEqual([{ name: 'pi', host: 'pi.local', port: 22, user: 'jane', auth: 'key', keyPath: join(home, '.ssh', 'id_jane_pi.local'), tags: ['ssh-config'] }]);
  });
});

describe('jump hosts and included files', () => {
  it('reads the hosts of Include files (globs under ~/.ssh), in place', async () => {
    await mkdir(join(home, '.ssh', 'conf.d'));
    await writeFile(join(home, '.ssh', 'conf.d', 'pis.conf'), 'Host pi-1\n  HostName 10.0.0.21\n  User pi\n');
    await writeFile(join(home, '.ssh', 'conf.d', 'v6'), 'Host v6box\n  HostName 2001:db8::7\n  Port 2200\n');
    await writeFile(join(home, '.ssh', 'conf.d', '.hidden'), 'Host hidden\n');
    const path = join(home, '.ssh', 'config');
    await writeFile(path, 'Include conf.d/*\nHost *\n  User me\n');
    const { drafts } = await readSshConfig({ path, homeDir: home, localUser: 'jane' });
    expect(drafts.map((d) => [d.name, d.host, d.port, d.user])).toEqual([
      ['pi-1', '10.0.0.21', 22, 'pi'],
      ['v6box', '2001:db8::7', 2200, 'me'],
    ]);
  });

  it('resolves ProxyJump entries through their own aliases, hops of hops first', async () => {
    const path = join(home, '.ssh', 'config');
    await writeFile(
      path,
      [
        'Host outer',
        '  HostName gw.example.org',
        '  User ops',
        '  Port 2022',
        'Host inner',
        '  HostName 10.1.0.1',
        '  ProxyJump outer',
        'Host sensor',
        '  HostName 10.1.5.9',
        '  User root',
        '  ProxyJump inner,admin@[2001:db8::1]:2200',
        'Host direct',
        '  HostName 10.1.0.2',
        '  ProxyJump none',
        'Host piped',
        '  ProxyCommand nc %h %p',
        '',
      ].join('\n'),
    );
    const { drafts, skipped } = await readSshConfig({ path, homeDir: home, localUser: 'jane' });
    const sensor = drafts.find((d) => d.name === 'sensor');
    expect(sensor?.jump).toEqual([
      { host: 'gw.example.org', port: 2022, user: 'ops' },
      { host: '10.1.0.1', port: 22, user: 'jane' },
      { host: '2001:db8::1', port: 2200, user: 'admin' },
    ]);
    expect(drafts.find((d) => d.name === 'direct')?.jump).toBeUndefined();
    expect(skipped).toEqual([{ host: 'piped', reason: 'It is reached through a ProxyCommand, which Cairn does not run; use ProxyJump instead.' }]);
  });
});
