import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchMedia } from '../../shared/api/bootmedia';
import type { ChannelName } from '../../shared/api/names';
import type { Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { emptyRow, type Batch, type BatchRow } from '../../shared/batch/batch';
import { dhcpInterface, templateById, type Profile } from '../../shared/profile';
import { dispatch } from '../ipc';
import { harness, scriptedDialogs, type Harness } from '../services.test-support';
import { newEd25519Pair } from './host-key';

// Boot media for a batch through the real handler table: real stores, the
// folder picker answered by a stand-in, real files unpacked with tar and
// fingerprinted with ssh-keygen.

let h: Harness;
let out: string;
let shown: unknown[];
const ROOT_KEY = utils.generateKeyPairSync('ed25519', { comment: 'jane@laptop' }).public;

beforeEach(async () => {
  const scripted = scriptedDialogs({ open: '' });
  shown = scripted.shown;
  h = await harness({ dialogs: scripted.dialogs });
  out = join(h.dir, 'overlays');
  mkdirSync(out);
  // The picker answers with the folder made above (its path is known only now).
  scripted.dialogs.showOpenDialog = async (o) => {
    shown.push(o);
    return { canceled: false, filePaths: [out] };
  };
});
afterEach(() => h.cleanup());

const call = (channel: ChannelName, payload: unknown) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log });

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code} (${result.error.field}): ${result.error.message}`);
  return result.value as T;
}

/** A board with a static address on eth0 (its prefix and gateway are what the rows' addresses keep). */
async function savedProfile(change: (p: Profile) => Profile = (p) => p): Promise<string> {
  const base = templateById('vm')!.make();
  const profile = change({
    ...base,
    name: 'Pi',
    hostname: 'pi',
    rootSshKeys: [ROOT_KEY],
    interfaces: [{ ...dhcpInterface('eth0'), ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' } }],
  });
  return (await value<{ id: string }>(call('profiles:save', { profile }))).id;
}

async function savedTarget(target: Partial<Target> & { name: string }): Promise<Target> {
  return value<Target>(call('targets:save', { target: { host: '10.0.0.5', port: 22, user: 'root', auth: 'agent', tags: [], ...target } }));
}

const row = (cells: Partial<BatchRow>): BatchRow => ({ ...emptyRow(), ...cells });
const batch = (rows: BatchRow[], settings: Partial<Omit<Batch, 'rows'>> = {}): Batch => ({ hostname: '', ipv4Pool: '', rows, ...settings });

function unpack(file: string): string {
  const dir = join(h.dir, `unpacked-${readdirSync(h.dir).length}`);
  mkdirSync(dir);
  execFileSync('tar', ['-C', dir, '-xzf', file]);
  return dir;
}

const sshKeygenFingerprint = (pub: string) => execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pub], { encoding: 'utf8' }).split(' ')[1];

describe('boot media for a batch', () => {
  it('writes one overlay per row, each with its own hostname, address and host key, each key trusted for its box’s address before power-on', async () => {
    const profileId = await savedProfile();
    const garage = await savedTarget({ name: 'garage', host: '10.0.0.5', port: 2222 });
    const rows = [
      row({ target: 'root@pi-01.lan' }),
      row({ target: 'garage' }),
      row({ target: 'root@192.168.1.42', wifi_ssid: 'Attic', wifi_passphrase: 'correct horse', packages: 'htop' }),
    ];
    const done = await value<BatchMedia>(call('bootmedia:prepare-batch', { profileId, batch: batch(rows, { hostname: 'pi-{nn}', ipv4Pool: '192.168.1.40-42' }) }));
    if (done.status !== 'written') throw new Error(`expected overlays, got ${JSON.stringify(done)}`);

    expect(shown).toHaveLength(1);
    expect(done.folder).toBe(out);
    expect(readdirSync(out).sort()).toEqual(['pi-01.apkovl.tar.gz', 'pi-02.apkovl.tar.gz', 'pi-03.apkovl.tar.gz']);
    expect(done.boxes.map((b) => [b.row, b.hostname, b.fileName, b.trustedHost, b.trustedPort])).toEqual([
      [2, 'pi-01', 'pi-01.apkovl.tar.gz', '192.168.1.40', 22],
      [3, 'pi-02', 'pi-02.apkovl.tar.gz', '192.168.1.41', 2222],
      [4, 'pi-03', 'pi-03.apkovl.tar.gz', '192.168.1.42', 22],
    ]);

    const known = readFileSync(join(h.dir, 'known_hosts'), 'utf8');
    const fingerprints = new Set<string>();
    for (const [n, box] of done.boxes.entries()) {
      const root = unpack(box.overlayPath);
      expect(readFileSync(join(root, 'etc/hostname'), 'utf8')).toBe(`${box.hostname}\n`);
      expect(readFileSync(join(root, 'etc/network/interfaces'), 'utf8')).toMatch(
        new RegExp(`iface eth0 inet static\\n\\taddress 192\\.168\\.1\\.4${n}/24\\n\\tgateway 192\\.168\\.1\\.1\\n`),
      );
      // The box's own key, as OpenSSH reads it, is the one reported and the one in Cairn's known_hosts for its address.
      const pub = join(root, 'etc/ssh/ssh_host_ed25519_key.pub');
      expect(sshKeygenFingerprint(pub)).toBe(box.fingerprint);
      fingerprints.add(box.fingerprint);
      const keyBlob = readFileSync(pub, 'utf8').split(' ')[1] ?? '';
      const hostField = box.trustedPort === 22 ? box.trustedHost : `[${box.trustedHost}]:${box.trustedPort}`;
      expect(known).toContain(`${hostField} ssh-ed25519 ${keyBlob}\n`);
      const found = execFileSync('ssh-keygen', ['-F', hostField, '-f', join(h.dir, 'known_hosts')], { encoding: 'utf8' });
      expect(found).toContain(keyBlob);
      expect(readFileSync(join(root, 'root/.ssh/authorized_keys'), 'utf8')).toBe(`${ROOT_KEY}\n`);
    }
    expect(fingerprints.size).toBe(3);

    // The row's own wifi joins its overlay only.
    const third = unpack(done.boxes[2]!.overlayPath);
    expect(readFileSync(join(third, 'etc/wpa_supplicant/wpa_supplicant.conf'), 'utf8')).toContain(`ssid=${Buffer.from('Attic').toString('hex')}`);
    expect(existsSync(join(unpack(done.boxes[0]!.overlayPath), 'etc/wpa_supplicant'))).toBe(false);

    // Each row's target points at its box with the key pinned: the saved one updated, the others new and tagged.
    const targets = (await value<{ targets: Target[] }>(call('targets:list', {}))).targets;
    expect(targets).toHaveLength(3);
    const byName = (name: string) => targets.find((t) => t.name === name);
    expect(byName('garage')).toMatchObject({ id: garage.id, host: '192.168.1.41', port: 2222, hostKey: { fingerprint: done.boxes[1]!.fingerprint } });
    expect(byName('root@pi-01.lan')).toMatchObject({ host: '192.168.1.40', tags: ['batch'], hostKey: { fingerprint: done.boxes[0]!.fingerprint } });
    expect(done.boxes.map((b) => b.targetName)).toEqual(['root@pi-01.lan', 'garage', 'root@192.168.1.42']);
  });

  it('trusts a box without a static address where its target points, and logs every target in with the chosen key', async () => {
    const profileId = await savedProfile((p) => ({ ...p, interfaces: [dhcpInterface('eth0')] }));
    const keyPath = join(h.dir, 'id_login');
    const login = newEd25519Pair('me@desk');
    writeFileSync(keyPath, login.private, { mode: 0o600 });
    const done = await value<BatchMedia>(
      call('bootmedia:prepare-batch', { profileId, keyPath, folder: out, batch: batch([row({ target: 'root@10.1.1.7:2200', hostname: 'shed' })]) }),
    );
    if (done.status !== 'written') throw new Error(JSON.stringify(done));
    expect(shown).toHaveLength(0);
    expect(done.boxes[0]).toMatchObject({ hostname: 'shed', trustedHost: '10.1.1.7', trustedPort: 2200 });
    expect(await value(call('knownHosts:list', {}))).toEqual({
      hosts: [{ host: '10.1.1.7', port: 2200, keyType: 'ssh-ed25519', fingerprint: done.boxes[0]!.fingerprint }],
      problems: [],
    });
    expect((await value<{ targets: Target[] }>(call('targets:list', {}))).targets[0]).toMatchObject({ host: '10.1.1.7', auth: 'key', keyPath });
    const root = unpack(done.boxes[0]!.overlayPath);
    expect(readFileSync(join(root, 'etc/network/interfaces'), 'utf8')).toContain('iface eth0 inet dhcp');
    expect(readFileSync(join(root, 'root/.ssh/authorized_keys'), 'utf8')).toContain(login.public.split(' ')[1]);
  });

  it('names every problem by row before asking for a folder, and writes and trusts nothing', async () => {
    const profileId = await savedProfile();
    await savedTarget({ name: 'vault', auth: 'password' });
    const rows = [
      row({ target: 'root@a.lan', hostname: 'same' }),
      row({ target: 'root@b.lan', hostname: 'same' }),
      row({ target: '' }),
      row({ target: 'vault', hostname: 'vault' }),
      row({ target: 'root@e.lan', hostname: 'long-ssid', wifi_ssid: 'x'.repeat(33) }),
    ];
    const done = await value<BatchMedia>(call('bootmedia:prepare-batch', { profileId, batch: batch(rows, { ipv4Pool: '192.168.1.40-49' }) }));
    if (done.status !== 'problems') throw new Error(JSON.stringify(done));
    const where = done.problems.map((p) => `${p.row ?? '-'} ${p.column}`);
    expect(where).toEqual(expect.arrayContaining(['3 hostname', '4 target', '6 wifi_ssid']));
    expect(done.problems.find((p) => p.row === 5)?.message).toMatch(/logs in with a password/);

    expect(shown).toHaveLength(0);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(h.dir, 'known_hosts'))).toBe(false);
    expect((await value<{ targets: Target[] }>(call('targets:list', {}))).targets.map((t) => t.name)).toEqual(['vault']);
  });

  it('tells a problem every box shares with the profile once, not on every row', async () => {
    const profileId = await savedProfile((p) => ({ ...p, rootSshKeys: [], sshd: 'none' }));
    const done = await value<BatchMedia>(
      call('bootmedia:prepare-batch', {
        profileId,
        batch: batch([row({ target: 'root@a.lan' }), row({ target: 'root@b.lan' })], { hostname: 'pi-{n}', ipv4Pool: '192.168.1.40-41' }),
      }),
    );
    if (done.status !== 'problems') throw new Error(JSON.stringify(done));
    expect(done.problems).toEqual([
      {
        row: null,
        column: 'profile',
        message: 'The boxes would let nobody in: add your public key for root in the profile’s “User and SSH keys” step and save it, then make the boot media again.',
      },
      { row: null, column: 'profile', message: expect.stringMatching(/^The boot medium starts the SSH server/) },
    ]);
  });

  it('refuses a folder that already holds an overlay of the same name unless asked to replace it, and writes nothing then', async () => {
    const profileId = await savedProfile();
    writeFileSync(join(out, 'PI-02.apkovl.tar.gz'), 'from before');
    writeFileSync(join(out, 'other.apkovl.tar.gz'), 'another box');
    const request = { profileId, folder: out, batch: batch([row({ target: 'root@a.lan' }), row({ target: 'root@b.lan' })], { hostname: 'pi-{nn}', ipv4Pool: '192.168.1.40-41' }) };
    const refused = await call('bootmedia:prepare-batch', request);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'replaceExisting', message: expect.stringContaining('already holds PI-02.apkovl.tar.gz') } });
    expect(readdirSync(out).sort()).toEqual(['PI-02.apkovl.tar.gz', 'other.apkovl.tar.gz']);
    expect(existsSync(join(h.dir, 'known_hosts'))).toBe(false);

    const done = await value<BatchMedia>(call('bootmedia:prepare-batch', { ...request, replaceExisting: true }));
    expect(done).toMatchObject({ status: 'written', replaced: ['PI-02.apkovl.tar.gz'] });
    expect(readdirSync(out).sort()).toEqual(['other.apkovl.tar.gz', 'pi-01.apkovl.tar.gz', 'pi-02.apkovl.tar.gz']);
  });

  it('writes nothing when the folder picker is closed', async () => {
    h.services.dialogs.showOpenDialog = async () => ({ canceled: true, filePaths: [] });
    const profileId = await savedProfile();
    expect(await value(call('bootmedia:prepare-batch', { profileId, batch: batch([row({ target: 'root@a.lan' })]) }))).toEqual({ status: 'canceled' });
    expect(existsSync(join(h.dir, 'known_hosts'))).toBe(false);
    expect((await value<{ targets: Target[] }>(call('targets:list', {}))).targets).toEqual([]);
  });
});
