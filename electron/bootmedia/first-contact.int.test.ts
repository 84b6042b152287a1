import { lstat, mkdir, mkdtemp, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { installerRuns } from '../../e2e/target/stand-ins.test-support';
import { makeOpenSshKey } from '../../e2e/target/keys';
import type { Prepared } from '../../shared/api/bootmedia';
import type { RequestOf, ResultOf } from '../../shared/api/channels';
import type { ChannelName } from '../../shared/api/names';
import type { ConnectionReport } from '../../shared/api/targets';
import { dhcpInterface, templateById, type Profile } from '../../shared/profile';
import { dispatch } from '../ipc/dispatch';
import { createEventSender } from '../ipc/events';
import { createHandlers } from '../ipc/handlers';
import type { FleetActivity } from '../runs/fleet-registry';
import { createRunServices } from '../runs/run-services';
import { harness, type Harness } from '../services.test-support';

// Headless first contact, end to end: Cairn writes the overlay onto a medium,
// a fresh Alpine root unpacks it exactly as the boot does (BusyBox tar), and
// the SSH server comes up from the overlay's own host key and authorized_keys.
// Cairn then logs in without any trust prompt and installs.

let h: Harness;
let call: <C extends ChannelName>(channel: C, payload: RequestOf<C>) => Promise<ResultOf<C>>;
let fleetDone: (fleetId: string) => Promise<Extract<FleetActivity, { type: 'fleet.done' }>>;
let scratch: string;
let box: TestTarget;
let decoy: TestTarget;
let prepared: Prepared;
let profileId: string;

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

beforeAll(async () => {
  h = await harness();
  const emit = createEventSender(() => undefined, h.log);
  const runs = await createRunServices({ userData: h.dir, emit, log: h.log });
  const activity: FleetActivity[] = [];
  const waiting: Array<() => void> = [];
  runs.onActivity((a) => {
    if (a.type === 'fleet.done') activity.push(a);
    for (const wake of waiting.splice(0)) wake();
  });
  const table = createHandlers({ ...h.services, runs: runs.services });
  call = (channel, payload) => dispatch(table, channel, payload, { sender: 'test', log: h.log }) as never;
  fleetDone = async (fleetId) => {
    for (;;) {
      const done = activity.find((a): a is Extract<FleetActivity, { type: 'fleet.done' }> => a.type === 'fleet.done' && a.fleetId === fleetId);
      if (done) return done;
      await new Promise<void>((wake) => waiting.push(wake));
    }
  };

  scratch = await mkdtemp(path.join(tmpdir(), 'cairn-first-contact-'));
  const login = path.join(scratch, 'id_ed25519');
  await makeOpenSshKey(login, 'me@desk');
  const medium = path.join(scratch, 'PI');
  await mkdir(path.join(medium, 'apks'), { recursive: true });
  await mkdir(path.join(medium, 'boot'));

  const base = templateById('diskless-iot')?.make() as Profile;
  const profile: Profile = {
    ...base,
    name: 'Kitchen Pi',
    hostname: 'pi-kitchen',
    sshd: 'openssh',
    packages: [],
    services: [],
    rootSshKeys: [],
    interfaces: [dhcpInterface('eth0')],
  };
  profileId = value(await call('profiles:save', { profile })).id;
  prepared = value(await call('bootmedia:prepare', { profileId, medium: 'raspberry-pi', folder: medium, keyPath: login }));

  // Power on: the box boots from the medium's overlay.
  [box, decoy] = await Promise.all([startOpenSshTarget({ bootOverlay: prepared.overlayPath }), startOpenSshTarget()]);
});

afterAll(async () => {
  await Promise.all([box?.stop(), decoy?.stop()]);
  await h?.cleanup();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Where the box turned up (Find on network writes this), and the login the test server has. */
async function pointTargetAt(server: TestTarget) {
  return value(await call('targets:save', { target: { ...prepared.target, host: server.host, port: server.port, user: server.user } }));
}

describe('a box booted from a Cairn boot medium', () => {
  it('presents exactly the host key Cairn stored, as OpenSSH computes its fingerprint', () => {
    expect(box.hostKeyFingerprint).toMatch(/^SHA256:/);
    expect(box.hostKeyFingerprint).toBe(prepared.fingerprint);
    expect(prepared.target.hostKey?.fingerprint).toBe(prepared.fingerprint);
  });

  it('was unpacked with root owning everything, secrets 0600 and the services linked', async () => {
    const root = box.root as string;
    const mode = async (p: string) => {
      const s = await stat(path.join(root, p));
      return `${s.uid}:${s.gid} ${(s.mode & 0o7777).toString(8)}`;
    };
    expect(await mode('root')).toBe('0:0 700');
    expect(await mode('root/.ssh')).toBe('0:0 700');
    expect(await mode('root/.ssh/authorized_keys')).toBe('0:0 600');
    expect(await mode('etc/ssh/ssh_host_ed25519_key')).toBe('0:0 600');
    expect(await mode('etc/.default_boot_services')).toBe('0:0 644');
    for (const [level, svc] of [
      ['boot', 'networking'],
      ['default', 'sshd'],
    ] as const) {
      const link = path.join(root, 'etc/runlevels', level, svc);
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(await readlink(link)).toBe(`/etc/init.d/${svc}`);
    }
    // The boot installs the overlay's world from the medium: here the recording apk.
    const records = (await box.standIns?.records()) ?? [];
    expect(records.filter((r) => r.tool === 'apk').map((r) => r.argv)).toEqual([['add', 'alpine-base', 'openssh']]);
  });

  it('lets Cairn in at its new address with no trust prompt, and refuses a box with another key as changed', async () => {
    await pointTargetAt(decoy);
    const refused = await call('targets:test-connection', { targetId: prepared.target.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'host-key-changed', details: { expected: prepared.fingerprint, fingerprint: decoy.hostKeyFingerprint } } });

    await pointTargetAt(box);
    const report: ConnectionReport = value(await call('targets:test-connection', { targetId: prepared.target.id }));
    expect(report).toMatchObject({ alpineVersion: '3.20.3', isRoot: true, hostKey: { keyType: 'ssh-ed25519', fingerprint: prepared.fingerprint } });
  });

  it('takes an install, from preflight to done', async () => {
    await pointTargetAt(box);
    const started = value(await call('runs:start', { profileId, targetIds: [prepared.target.id], confirmErase: [] }));
    const done = await fleetDone(started.fleetId);
    expect(done.runs).toEqual([expect.objectContaining({ targetId: prepared.target.id, status: 'succeeded' })]);
    const records = (await box.standIns?.records()) ?? [];
    expect(installerRuns(records)).toBe(1);
  });
});
