import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { makeOpenSshKey } from '../../e2e/target/keys';
import { freePort } from '../../e2e/target/net';
import type { BatchMedia, BatchMediaBox } from '../../shared/api/bootmedia';
import type { RequestOf, ResultOf } from '../../shared/api/channels';
import type { ChannelName } from '../../shared/api/names';
import type { Target } from '../../shared/api/targets';
import { emptyRow } from '../../shared/batch/batch';
import { templateById, type Profile } from '../../shared/profile';
import { dispatch } from '../ipc/dispatch';
import { harness, type Harness } from '../services.test-support';

// A batch's boot media, end to end for one of its boxes: Cairn writes an
// overlay per row and trusts each row's host key for the address that row's
// box will have, before anything is powered on. One overlay is then booted
// as Alpine's initramfs would, listening at its row's static address and
// port, and Cairn logs in with no trust prompt at all.

let h: Harness;
let call: <C extends ChannelName>(channel: C, payload: RequestOf<C>) => Promise<ResultOf<C>>;
let scratch: string;
let box: TestTarget;
let written: Extract<BatchMedia, { status: 'written' }>;
let second: BatchMediaBox;
let port: number;

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

beforeAll(async () => {
  h = await harness();
  call = (channel, payload) => dispatch(h.table, channel, payload, { sender: 'test', log: h.log }) as never;
  scratch = await mkdtemp(path.join(tmpdir(), 'cairn-batch-first-contact-'));
  const login = path.join(scratch, 'id_ed25519');
  await makeOpenSshKey(login, 'me@desk');
  const out = path.join(scratch, 'overlays');
  await mkdir(out);

  // Three boxes on loopback addresses of their own, all at one SSH port, as a network of boards all at port 22.
  port = await freePort('127.0.0.52');
  const base = templateById('diskless-iot')?.make() as Profile;
  const eth0 = base.interfaces[0];
  if (eth0 === undefined) throw new Error('The diskless template has no card.');
  const profile: Profile = {
    ...base,
    name: 'Board',
    hostname: 'board',
    sshd: 'openssh',
    packages: [],
    services: [],
    rootSshKeys: [],
    interfaces: [{ ...eth0, auto: true, wifi: null, ipv4: { mode: 'static', address: '127.0.0.50', prefix: 8, gateway: '' } }],
  };
  const profileId = value(await call('profiles:save', { profile })).id;
  const rows = ['a', 'b', 'c'].map((n) => ({ ...emptyRow(), target: `root@board-${n}.lan:${port}` }));
  const done = value(await call('bootmedia:prepare-batch', { profileId, folder: out, keyPath: login, batch: { hostname: 'board-{nn}', ipv4Pool: '127.0.0.51-53', rows } }));
  if (done.status !== 'written') throw new Error(`expected overlays, got ${JSON.stringify(done)}`);
  written = done;
  second = done.boxes[1] as BatchMediaBox;

  // Power on the second box only: it boots from its own overlay at its static address.
  box = await startOpenSshTarget({ bootOverlay: second.overlayPath, listenAddress: '127.0.0.52', port });
});

afterAll(async () => {
  await box?.stop();
  await h?.cleanup();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The test server's login is a host account of its own (root inside its chroot); the real root of this machine is never used. */
async function asTestLogin(target: Omit<Target, 'id'> & { id?: string }): Promise<Target> {
  return value(await call('targets:save', { target: { ...target, user: box.user } }));
}

describe('a box booted from one overlay of a batch', () => {
  it('presents its row’s own host key, which Cairn trusted for its static address and port before it started', async () => {
    expect(box.hostKeyFingerprint).toBe(second.fingerprint);
    expect(new Set(written.boxes.map((b) => b.fingerprint)).size).toBe(3);
    expect(written.boxes.map((b) => `${b.trustedHost}:${b.trustedPort}`)).toEqual([`127.0.0.51:${port}`, `127.0.0.52:${port}`, `127.0.0.53:${port}`]);
    expect(await readFile(path.join(box.root as string, 'etc/hostname'), 'utf8')).toBe('board-02\n');
    expect(await readFile(path.join(box.root as string, 'etc/network/interfaces'), 'utf8')).toContain('address 127.0.0.52/8');
  });

  it('lets Cairn in through its row’s target with no trust prompt', async () => {
    const row = value(await call('targets:list', {})).targets.find((t) => t.id === second.targetId);
    if (row === undefined) throw new Error('The row’s target was not saved.');
    expect(row).toMatchObject({ host: '127.0.0.52', port, hostKey: { fingerprint: second.fingerprint } });
    const target = await asTestLogin(row);
    const report = value(await call('targets:test-connection', { targetId: target.id }));
    expect(report).toMatchObject({ isRoot: true, hostKey: { keyType: 'ssh-ed25519', fingerprint: second.fingerprint } });
  });

  it('is trusted by Cairn’s known_hosts alone: a new target at that address, with no key pinned, connects without a prompt', async () => {
    const plain = await asTestLogin({ name: 'plain', host: '127.0.0.52', port, user: 'root', auth: 'key', keyPath: path.join(scratch, 'id_ed25519'), tags: [] });
    expect(plain.hostKey).toBeUndefined();
    const report = value(await call('targets:test-connection', { targetId: plain.id }));
    expect(report.hostKey.fingerprint).toBe(second.fingerprint);
  });
});
