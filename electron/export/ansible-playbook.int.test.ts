import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_BODY, ROOT_HASH, piProfile, threeRows } from '../../shared/ansible/fixtures.test-support';
import { emptyRow } from '../../shared/batch/row';
import { defaultProfile, type Profile } from '../../shared/profile';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { createKnownHostsStore } from '../store/known-hosts';
import { createTargetStore } from '../store/targets';
import { exportAnsible, type AnsibleExportDeps } from './ansible-export';

// The export as Ansible itself reads it: Debian's ansible-playbook and
// ansible-lint (apt-get install ansible ansible-lint, see
// .ci/install-test-hosts.sh), and the real SSH target with the real
// setup-alpine for the install of a new box.

let scratch = '';
const run = (command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) =>
  new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? scratch,
      // Nothing of the tester's: a home of its own, no ssh config, no lingering master connections, no colours.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: join(scratch, 'home'),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_SSH_ARGS: '-F /dev/null -o ControlMaster=no',
        ANSIBLE_LOCAL_TEMP: join(scratch, 'ansible-tmp'),
        ...options.env,
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });

/** Stores in a data folder of their own: what the app or `cairn --data` would read. */
function emptyStores(name: string): AnsibleExportDeps & { targets: ReturnType<typeof createTargetStore>; knownHosts: ReturnType<typeof createKnownHostsStore> } {
  const data = join(scratch, name);
  mkdirSync(data, { recursive: true });
  return { targets: createTargetStore(join(data, 'targets.json')), knownHosts: createKnownHostsStore(join(data, 'known_hosts')) };
}

async function exportTo(folder: string, profile: Profile, batch: ReturnType<typeof threeRows> | null, deps: AnsibleExportDeps = emptyStores(`data-${folder.split('/').at(-1)}`)) {
  const done = await exportAnsible(deps, { profile, batch, folder, replace: false, replaceHint: '' });
  if (!done.ok) throw new Error(done.error.message);
  return done.value;
}

/** A realistic fleet whose free text tries to be YAML, Jinja and shell. */
const hostilePis = (): Profile => ({
  ...piProfile(),
  name: `Pis "{{ lookup('pipe', 'touch /tmp/pwned') }}" $(reboot)`,
  user: { ...piProfile().user!, fullName: "Jane {{ 7 * 7 }} O'Brien", sshKeys: [`ssh-ed25519 ${KEY_BODY} jane {{ 7 * 7 }} $(id) "x"`] },
});

/** A box installed to disk: the router template, with the finishing setup-disk play. */
const routers = (): Profile => {
  const p = defaultProfile();
  return {
    ...p,
    name: 'Routers',
    hostname: 'router',
    disk: { ...p.disk, disks: ['/dev/sda'] },
    ipForwarding: true,
    packages: ['nftables', 'dnsmasq'],
    services: [
      { name: 'nftables', runlevel: 'default' },
      { name: 'dnsmasq', runlevel: 'default' },
    ],
    rootPasswordHash: ROOT_HASH,
  };
};

/** The three rows, each reached by its address (the second is a saved target in the fixtures). */
const rowsByAddress = () => ({ ...threeRows(), rows: threeRows().rows.map((r, n) => (n === 1 ? { ...r, target: 'root@10.0.0.6' } : r)) });

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cairn-ansible-'));
  mkdirSync(join(scratch, 'home'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The same rows for boxes on DHCP: no addresses to hand out. */
const rowsOnDhcp = () => ({ ...rowsByAddress(), ipv4Pool: '', rows: rowsByAddress().rows.map((r) => ({ ...r, ipv4: '' })) });

describe.each([
  ['a diskless fleet of Pis, hostile text included', 'pis', hostilePis, rowsByAddress],
  ['routers installed to disk', 'routers', routers, rowsOnDhcp],
])('the export of %s with a 3-row batch', (_what, name, profile, rows) => {
  let dir = '';
  beforeAll(async () => {
    dir = join(scratch, name);
    const done = await exportTo(dir, profile(), rows());
    expect(done.boxes).toHaveLength(3);
  });

  it('passes ansible-playbook --syntax-check', async () => {
    const r = await run('ansible-playbook', ['--syntax-check', '-i', join(dir, 'inventory.ini'), join(dir, 'site.yml')]);
    expect(r.out).toContain(`playbook: ${join(dir, 'site.yml')}`);
    expect(r.code).toBe(0);
  });

  it('passes ansible-lint offline with the production profile, every file of the folder included', async () => {
    // Exactly: cd DIR && ansible-lint --offline --profile production --nocolor site.yml (then the whole folder).
    const lint = await run('ansible-lint', ['--offline', '--profile', 'production', '--nocolor', 'site.yml'], { cwd: dir });
    expect(lint.out).toMatch(/Passed with production profile: 0 failure\(s\), 0 warning\(s\) on 1 files/);
    expect(lint.code).toBe(0);
    const all = await run('ansible-lint', ['--offline', '--profile', 'production', '--nocolor'], { cwd: dir });
    expect(all.out).toMatch(/Passed with production profile: 0 failure\(s\), 0 warning\(s\) on \d+ files/);
    expect(all.code).toBe(0);
  }, 120_000);

  it('lists every box with its target in the inventory Ansible reads, each with its own values', async () => {
    const r = await run('ansible-inventory', ['-i', join(dir, 'inventory.ini'), '--list']);
    expect(r.code).toBe(0);
    const inventory = JSON.parse(r.out.slice(r.out.indexOf('{'))) as { _meta: { hostvars: Record<string, Record<string, unknown>> }; cairn_boxes: { hosts: string[] } };
    expect(inventory.cairn_boxes.hosts).toEqual(['pi-01', 'pi-02', 'shed']);
    const shed = inventory._meta.hostvars.shed ?? {};
    // Profile values arrive marked unsafe: Ansible never templates them.
    expect(shed).toMatchObject({ ansible_host: '10.0.0.7', ansible_port: 2222, ansible_user: 'root', cairn_hostname: { __ansible_unsafe: 'shed' }, cairn_install: false });
    expect(shed.cairn_packages).toContainEqual({ __ansible_unsafe: 'htop' });
  });
});

describe('values as Ansible templates them', () => {
  it('keeps {{ }} in profile text literal: nothing of a profile is ever evaluated', async () => {
    const dir = join(scratch, 'templating');
    await exportTo(dir, hostilePis(), rowsByAddress());
    const r = await run(
      'ansible',
      ['-i', join(dir, 'inventory.ini'), 'shed', '-m', 'ansible.builtin.debug', '-a', 'msg={{ [cairn_user.full_name] + cairn_user.ssh_keys + [cairn_hostname] }}'],
      {
        env: { ANSIBLE_LOAD_CALLBACK_PLUGINS: '1', ANSIBLE_STDOUT_CALLBACK: 'json' },
      },
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out.slice(r.out.indexOf('{'))) as { plays: Array<{ tasks: Array<{ hosts: Record<string, { msg: string[] }> }> }> };
    expect(result.plays[0]?.tasks[0]?.hosts.shed?.msg).toEqual(["Jane {{ 7 * 7 }} O'Brien", `ssh-ed25519 ${KEY_BODY} jane {{ 7 * 7 }} $(id) "x"`, 'shed']);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });
});

describe('a new box installed by the playbook, over the real SSH target', () => {
  let box: TestTarget;
  let dir = '';
  const onBox = (path: string) => join(box.root ?? '', path);
  const ansibleOn = (args: readonly string[]) => run('ansible', ['-i', join(dir, 'inventory.ini'), 'pi-01', '-e', 'ansible_become=false', ...args]);

  beforeAll(async () => {
    box = await startOpenSshTarget();
    const stores = emptyStores('data-target');
    // The target as Cairn keeps it, and the host key Cairn trusts for it.
    const saved = await stores.targets.save({ name: 'greenhouse', host: box.host, port: box.port, user: box.user, auth: 'key', keyPath: box.privateKeyPath, tags: [] });
    if (!saved.ok) throw new Error(saved.error.message);
    const [keyType = '', key = ''] = box.hostPublicKey.split(' ');
    await stores.knownHosts.add(box.host, box.port, keyType, key);
    dir = join(scratch, 'target-export');
    const p = piProfile();
    // No LBU medium or apk cache: the chroot has no /media to save to.
    const profile: Profile = { ...p, user: { ...p.user!, passwordHash: null }, rootPasswordHash: null, diskless: { lbuMedia: null, apkCacheDir: null } };
    await exportTo(dir, profile, { hostname: 'pi-{nn}', ipv4Pool: '', rows: [{ ...emptyRow(), target: 'greenhouse' }] }, stores);
  }, 120_000);
  afterAll(() => box?.stop());

  it('reaches the box with the host key Cairn trusts, strictly', async () => {
    const r = await ansibleOn(['-m', 'ansible.builtin.raw', '-a', 'cat /etc/alpine-release']);
    expect(r.out).toMatch(/pi-01 \| CHANGED \| rc=0 >>\n3\.20\.3/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('uploads the answer file with the vault passphrase in front, runs the real setup-alpine, and removes the file', async () => {
    // The install play alone (the managed play needs Python, which the chroot has not): site.yml's first play.
    const site = readFileSync(join(dir, 'site.yml'), 'utf8');
    const [head = '', first = ''] = site.split('\n- name: ');
    writeFileSync(join(dir, 'install-only.yml'), `${head}\n- name: ${first}`);
    const secret = "it's #1 $(touch /root/pwned)";
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ cairn_wifi_passphrase_0: secret }));
    const without = await run('ansible-playbook', ['-i', join(dir, 'inventory.ini'), join(dir, 'install-only.yml'), '-e', 'ansible_become=false', '-e', 'cairn_install=true']);
    expect(without.out).toContain('cairn_wifi_passphrase_0 is not set: add it with ansible-vault to host_vars/pi-01.yml');
    expect(without.code).not.toBe(0);
    expect(existsSync(onBox('root/cairn-answers'))).toBe(false);

    const r = await run('ansible-playbook', [
      '-i',
      join(dir, 'inventory.ini'),
      join(dir, 'install-only.yml'),
      '-e',
      'ansible_become=false',
      '-e',
      'cairn_install=true',
      '-e',
      `@${join(dir, 'vault.json')}`,
    ]);
    expect(r.out).toMatch(/pi-01 +: ok=\d+ +changed=3 +unreachable=0 +failed=0/);
    expect(r.out).not.toContain(secret);
    expect(r.code).toBe(0);
    expect(readFileSync(onBox('etc/hostname'), 'utf8')).toBe('pi-01\n');
    const interfaces = readFileSync(onBox('etc/network/interfaces'), 'utf8');
    expect(interfaces).toContain("\twifi-ssid Greenhouse\n\twifi-psk it's \\#1 $(touch /root/pwned)\n");
    expect(interfaces).toContain('address 192.168.1.10/24');
    expect(existsSync(onBox('root/pwned'))).toBe(false);
    expect(existsSync(onBox('root/cairn-answers'))).toBe(false);
    expect(readFileSync(onBox('home/jane/.ssh/authorized_keys'), 'utf8')).toContain('jane@desk');
  }, 180_000);

  it('refuses the box once its host key changes, before anything runs', async () => {
    await box.replaceHostKey();
    const r = await ansibleOn(['-m', 'ansible.builtin.raw', '-a', 'touch /root/reached']);
    expect(r.out).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    expect(r.code).not.toBe(0);
    expect(existsSync(onBox('root/reached'))).toBe(false);
  }, 60_000);
});
