import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { emptyRow } from '../../shared/batch/row';
import { ROOT_HASH, WIFI_PASSPHRASE, keyOf, piProfile, threeRows } from '../../shared/ansible/fixtures.test-support';
import { harness, scriptedDialogs, tempDir, type Harness } from '../services.test-support';
import { createKnownHostsStore } from '../store/known-hosts';
import { createTargetStore } from '../store/targets';
import { exportAnsible } from './ansible-export';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function stores() {
  const { dir, cleanup } = await tempDir('cairn-ansible-export-');
  cleanups.push(cleanup);
  const targets = createTargetStore(join(dir, 'targets.json'));
  const knownHosts = createKnownHostsStore(join(dir, 'known_hosts'));
  // The box behind a jump host, with a key made for its boot medium; the others are reached by address.
  const greenhouse = await targets.save({
    name: 'greenhouse',
    host: '10.0.0.6',
    port: 22,
    user: 'root',
    auth: 'agent',
    tags: [],
    jump: [{ host: 'gw.example.org', port: 2022, user: 'jump' }],
    hostKey: { ...pick(keyOf('10.0.0.6', 22, 'medium')), fingerprint: `SHA256:${'A'.repeat(43)}` },
  });
  if (!greenhouse.ok) throw new Error(greenhouse.error.message);
  for (const k of [keyOf('10.0.0.5', 22, 'box1'), keyOf('gw.example.org', 2022, 'gw'), keyOf('10.9.9.9', 22, 'stranger')]) await knownHosts.add(k.host, k.port, k.keyType, k.key);
  return { dir, deps: { targets, knownHosts } };
}

const pick = (k: { keyType: string; key: string }) => ({ keyType: k.keyType, key: k.key });
const request = (folder: string, replace = false) => ({ profile: piProfile(), batch: threeRows(), folder, replace, replaceHint: ', or add --force' });

describe('exporting to a folder', () => {
  it('makes the folder 0700 and writes every file 0600, with the targets and host keys of the stores', async () => {
    const { dir, deps } = await stores();
    const folder = join(dir, 'new', 'ansible');
    const done = await exportAnsible(deps, request(folder));
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.boxes).toEqual(['pi-01', 'pi-02', 'shed']);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    for (const sub of ['files', 'host_vars', 'group_vars']) expect((await stat(join(folder, sub))).mode & 0o777).toBe(0o700);
    for (const file of done.value.files) {
      expect((await stat(join(folder, file))).mode & 0o777, file).toBe(0o600);
      const text = await readFile(join(folder, file), 'utf8');
      expect(text).not.toContain(WIFI_PASSPHRASE);
      expect(text).not.toContain(ROOT_HASH);
    }
    expect(await readFile(join(folder, 'inventory.ini'), 'utf8')).toContain('pi-02 ansible_host=10.0.0.6 ansible_port=22 ansible_user=root');
    expect(await readFile(join(folder, 'host_vars/pi-02.yml'), 'utf8')).toContain('-l jump -p 2022');
    const known = (await readFile(join(folder, 'known_hosts'), 'utf8')).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    // Cairn's own file for the first box and the jump host, the boot medium's key for the second; not the stranger, and none for shed.
    expect(known).toEqual([
      `10.0.0.5 ssh-ed25519 ${keyOf('', 0, 'box1').key}`,
      `[gw.example.org]:2022 ssh-ed25519 ${keyOf('', 0, 'gw').key}`,
      `10.0.0.6 ssh-ed25519 ${keyOf('', 0, 'medium').key}`,
    ]);
    expect(done.value.notExpressed.join(' ')).toContain('shed: Cairn has no host key for [10.0.0.7]:2222');
  });

  it('refuses a folder that already holds files, naming them, unless told to replace', async () => {
    const { dir, deps } = await stores();
    const folder = join(dir, 'used');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'mine');
    expect(await exportAnsible(deps, request(folder))).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'folder', message: `${folder} is not empty (it holds notes.txt); export into an empty folder, or add --force.` },
    });
    expect(await readdir(folder)).toEqual(['notes.txt']);
    const replaced = await exportAnsible(deps, request(folder, true));
    expect(replaced.ok).toBe(true);
    expect(await readFile(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readdir(folder)).toContain('site.yml');
  });

  it('names a row whose target Cairn does not know, and writes nothing', async () => {
    const { dir, deps } = await stores();
    const folder = join(dir, 'out');
    const batch = { ...threeRows(), rows: [...threeRows().rows, { ...emptyRow(), target: 'attic' }] };
    const done = await exportAnsible(deps, { ...request(folder), batch });
    expect(done).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'batch', message: expect.stringContaining('Row 5, target: No saved target is named “attic”') },
    });
    await expect(stat(folder)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a profile with errors, naming the field', async () => {
    const { dir, deps } = await stores();
    const done = await exportAnsible(deps, { ...request(join(dir, 'out')), batch: null, profile: { ...piProfile(), timezone: 'Mars/Base' } });
    expect(done).toMatchObject({ ok: false, error: { code: 'invalid-profile', field: 'profile', message: expect.stringMatching(/^timezone: /) } });
  });
});

describe('Export → Ansible in the window', () => {
  let h: Harness;
  afterEach(() => h.cleanup());

  it('asks for a folder, exports the saved profile there, and does nothing when the dialog is cancelled', async () => {
    const { dir, cleanup } = await tempDir('cairn-ansible-dialog-');
    cleanups.push(cleanup);
    const folder = join(dir, 'playbook');
    const scripted = scriptedDialogs({ open: folder });
    h = await harness({ dialogs: scripted.dialogs });
    const saved = await h.services.profiles.save(piProfile());
    if (!saved.ok) throw new Error(saved.error.message);
    const call = (payload: unknown, table = h.table) => dispatch(table, 'files:export-ansible', payload, { sender: 'file:///app/index.html', log: h.log });

    const done = await call({ profileId: saved.value.id });
    expect(done).toMatchObject({ ok: true, value: { exported: true, folder, boxes: ['pi'] } });
    expect(scripted.shown).toEqual([{ title: 'Choose an empty folder for the Ansible playbook', filters: [], properties: ['openDirectory'] }]);
    expect(await readFile(join(folder, 'site.yml'), 'utf8')).toContain('Bring the boxes to the profile');

    // The same folder again: it is no longer empty, and the window offers no replace.
    expect(await call({ profileId: saved.value.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'folder', message: expect.stringContaining('is not empty') },
    });

    const cancelled = createHandlers({ ...h.services, dialogs: scriptedDialogs({ open: null }).dialogs });
    expect(await call({ profileId: saved.value.id }, cancelled)).toEqual({ ok: true, value: { exported: false } });
    expect(await call({ profileId: 'no-such-profile' })).toMatchObject({ ok: false, error: { field: 'profileId' } });
  });
});
