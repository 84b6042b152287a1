import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Prepared } from '../../shared/api/bootmedia';
import type { ChannelName } from '../../shared/api/names';
import type { ApiError, Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { dhcpInterface, templateById, type Profile } from '../../shared/profile';
import { newEd25519Pair } from './host-key';
import { dispatch } from '../ipc';
import { harness, scriptedDialogs, type Harness } from '../services.test-support';

// "Prepare a boot medium" through the real handler table: real stores, real
// files in a folder laid out as the medium would be.

let h: Harness;
let medium: string;
const login = newEd25519Pair('me@desk');
const ROOT_KEY = utils.generateKeyPairSync('ed25519', { comment: 'jane@laptop' }).public;

beforeEach(async () => {
  h = await harness({ dialogs: scriptedDialogs({ open: '/media/PI' }).dialogs });
  medium = join(h.dir, 'medium');
  mkdirSync(join(medium, 'apks'), { recursive: true });
  mkdirSync(join(medium, 'boot'));
});
afterEach(() => h.cleanup());

const call = (channel: ChannelName, payload: unknown) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log });

async function value<T>(pending: Promise<Result<unknown>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code} (${result.error.field}): ${result.error.message}`);
  return result.value as T;
}

async function refusal(pending: Promise<Result<unknown>>): Promise<ApiError> {
  const result = await pending;
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

async function savedProfile(change: (p: Profile) => Profile = (p) => p): Promise<string> {
  const base = templateById('vm')!.make();
  const profile = change({ ...base, name: 'Kitchen Pi', hostname: 'pi-kitchen', rootSshKeys: [ROOT_KEY], interfaces: [dhcpInterface('eth0')] });
  return (await value<{ id: string }>(call('profiles:save', { profile }))).id;
}

const prepare = (profileId: string, extra: Record<string, unknown> = {}) => call('bootmedia:prepare', { profileId, medium: 'raspberry-pi', folder: medium, ...extra });

describe('preparing a boot medium', () => {
  it('writes <hostname>.apkovl.tar.gz and saves the target with its host key already trusted', async () => {
    const keyPath = join(h.dir, 'id_login');
    writeFileSync(keyPath, login.private, { mode: 0o600 });
    const done = await value<Prepared>(prepare(await savedProfile(), { keyPath }));

    expect(done.overlayPath).toBe(join(medium, 'pi-kitchen.apkovl.tar.gz'));
    expect(readdirSync(medium).sort()).toEqual(['apks', 'boot', 'pi-kitchen.apkovl.tar.gz']);
    expect(done.target).toMatchObject({
      name: 'pi-kitchen',
      host: 'pi-kitchen',
      port: 22,
      user: 'root',
      auth: 'key',
      keyPath,
      hostKey: { keyType: 'ssh-ed25519', fingerprint: done.fingerprint },
    });
    expect(await value(call('knownHosts:list', {}))).toEqual({ hosts: [{ host: 'pi-kitchen', port: 22, keyType: 'ssh-ed25519', fingerprint: done.fingerprint }], problems: [] });

    // The archive holds the public key of the login file and the profile's key, and the private host key whose fingerprint was stored.
    const unpacked = join(h.dir, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-C', unpacked, '-xzf', done.overlayPath]);
    const authorized = readFileSync(join(unpacked, 'root/.ssh/authorized_keys'), 'utf8');
    expect(authorized).toContain(ROOT_KEY.split(' ')[1]);
    expect(authorized).toContain(login.public.split(' ')[1]);
    const derived = execFileSync('ssh-keygen', ['-y', '-f', join(unpacked, 'etc/ssh/ssh_host_ed25519_key')], { encoding: 'utf8' });
    writeFileSync(join(h.dir, 'derived.pub'), derived);
    expect(execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(h.dir, 'derived.pub')], { encoding: 'utf8' })).toContain(done.fingerprint);
    // The private key exists only inside the overlay file: not in the target list, the known hosts or the log.
    const privateBody = readFileSync(join(unpacked, 'etc/ssh/ssh_host_ed25519_key'), 'utf8').split('\n')[1] ?? '';
    for (const f of ['targets.json', 'known_hosts']) expect(readFileSync(join(h.dir, f), 'utf8')).not.toContain(privateBody);
    expect(await h.logText()).not.toContain(privateBody);
    expect(done.steps.join(' ')).toContain('pi-kitchen.apkovl.tar.gz');
  });

  it('looks for a box with a static address at that address', async () => {
    const id = await savedProfile((p) => ({
      ...p,
      interfaces: [{ ...dhcpInterface('eth0'), ipv4: { mode: 'static', address: '192.168.1.40', prefix: 24, gateway: '192.168.1.1' } }],
    }));
    expect((await value<Prepared>(prepare(id))).target).toMatchObject({ host: '192.168.1.40', auth: 'agent' });
  });

  it('updates the target of the same name instead of adding a second, with the new key', async () => {
    const id = await savedProfile();
    const first = await value<Prepared>(prepare(id));
    const second = await value<Prepared>(prepare(id, { replaceExisting: true }));
    expect(second.target.id).toBe(first.target.id);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect((await value<{ targets: Target[] }>(call('targets:list', {}))).targets).toHaveLength(1);
    expect(await value(call('knownHosts:list', {}))).toMatchObject({ hosts: [{ fingerprint: second.fingerprint }] });
  });

  it('refuses to add a second overlay unless asked to replace it, then removes the old one', async () => {
    writeFileSync(join(medium, 'oldbox.apkovl.tar.gz'), 'old');
    const id = await savedProfile();
    expect(await value(call('bootmedia:inspect', { folder: medium, medium: 'raspberry-pi' }))).toMatchObject({
      existingOverlays: ['oldbox.apkovl.tar.gz'],
      bootMedia: true,
      writable: true,
      problem: null,
    });
    const refused = await refusal(prepare(id));
    expect(refused).toMatchObject({ code: 'invalid-input', field: 'replaceExisting' });
    expect(refused.message).toContain('oldbox.apkovl.tar.gz');
    expect(readdirSync(medium).sort()).toEqual(['apks', 'boot', 'oldbox.apkovl.tar.gz']);
    expect((await value<{ targets: Target[] }>(call('targets:list', {}))).targets).toEqual([]);

    const done = await value<Prepared>(prepare(id, { replaceExisting: true }));
    expect(done.replaced).toEqual(['oldbox.apkovl.tar.gz']);
    expect(readdirSync(medium).sort()).toEqual(['apks', 'boot', 'pi-kitchen.apkovl.tar.gz']);
  });

  it('refuses a folder that is not Alpine boot media for a Raspberry Pi card, but takes it as a second stick', async () => {
    const plain = join(h.dir, 'stick');
    mkdirSync(plain);
    const id = await savedProfile();
    const refused = await refusal(call('bootmedia:prepare', { profileId: id, medium: 'raspberry-pi', folder: plain }));
    expect(refused).toMatchObject({ code: 'invalid-input', field: 'folder' });
    expect(refused.message).toMatch(/does not look like Alpine boot media/);
    expect(readdirSync(plain)).toEqual([]);
    await value(call('bootmedia:prepare', { profileId: id, medium: 'second-stick', folder: plain }));
    expect(readdirSync(plain)).toEqual(['pi-kitchen.apkovl.tar.gz']);
  });

  it('refuses a missing folder, a relative path and a file, naming the folder field', async () => {
    const id = await savedProfile();
    writeFileSync(join(h.dir, 'a-file'), '');
    for (const folder of [join(h.dir, 'nowhere'), 'relative/path', join(h.dir, 'a-file')]) {
      expect(await refusal(call('bootmedia:prepare', { profileId: id, medium: 'second-stick', folder }))).toMatchObject({ code: 'invalid-input', field: 'folder' });
    }
  });

  it('refuses a profile nobody could log in to, and a public key chosen as the login key, writing nothing', async () => {
    const id = await savedProfile((p) => ({ ...p, rootSshKeys: [] }));
    const refused = await refusal(prepare(id));
    expect(refused).toMatchObject({ code: 'invalid-profile', field: 'profileId' });
    expect(refused.message).toMatch(/let nobody in/);
    const pub = join(h.dir, 'id.pub');
    writeFileSync(pub, login.public);
    expect(await refusal(prepare(id, { keyPath: pub }))).toMatchObject({ code: 'invalid-input', field: 'keyPath', message: expect.stringMatching(/public key/) });
    expect(readdirSync(medium).sort()).toEqual(['apks', 'boot']);
  });

  it('refuses a wifi passphrase of 7 characters, naming the profile field', async () => {
    const id = await savedProfile((p) => ({ ...p, interfaces: [{ ...dhcpInterface('wlan0'), wifi: { ssid: 'Home', passphrase: 'seven77' } }] }));
    const refused = await refusal(prepare(id));
    expect(refused).toMatchObject({ code: 'invalid-profile', field: 'profileId' });
    expect(refused.message).toContain('interfaces.0.wifi.passphrase');
    expect(readdirSync(medium).sort()).toEqual(['apks', 'boot']);
  });

  it('answers the folder dialog with the chosen folder', async () => {
    expect(await value(call('bootmedia:choose-folder', {}))).toEqual({ chosen: true, folder: '/media/PI' });
  });

  it('leaves no partial file when a write was cut off earlier, and none matches the overlay pattern', async () => {
    writeFileSync(join(medium, '.cairn-0123456789abcdef.partial'), 'half');
    await value(prepare(await savedProfile()));
    expect(existsSync(join(medium, '.cairn-0123456789abcdef.partial'))).toBe(false);
  });
});
