import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLog } from '../log';
import { createStore, type Store } from '../store';
import { createFinder, type FinderDeps } from './finder';
import type { OwnNetwork } from './own-networks';

// What the finder refuses before it sends a single packet; the scans
// themselves are in scan.int.test.ts, against real SSH servers.

const HOME: OwnNetwork[] = [
  { cidr: '127.0.0.0/8', interface: 'lo', internal: true },
  { cidr: '192.168.1.0/24', interface: 'eth0', internal: false },
  { cidr: '10.0.0.0/8', interface: 'vpn0', internal: false },
];
const PINNED = { keyType: 'ssh-ed25519', key: 'AAAAC3NzaC1lZDI1NTE5AAAAIA', fingerprint: `SHA256:${'B'.repeat(43)}` };

describe('the finder, before it scans', () => {
  let dir = '';
  let store: Store;
  const finder = (deps: Partial<FinderDeps> = {}) =>
    createFinder({ targets: store.targets, knownHosts: store.knownHosts, ownNetworks: () => HOME, log: createLog({ file: path.join(dir, 'cairn.log') }), ...deps });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cairn-finder-'));
    store = await createStore(dir);
    await store.targets.save({ name: 'garage', host: 'garage.lan', port: 22, user: 'root', auth: 'agent', tags: [], hostKey: PINNED });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('offers the networks of /24 or smaller the computer is on', () => {
    expect(finder().networks()).toEqual({ ok: true, value: { networks: [{ cidr: '192.168.1.0/24', interface: 'eth0' }] } });
  });

  it('says so when the computer will not tell its networks', async () => {
    const blind = finder({
      ownNetworks: () => {
        throw new Error('uv_interface_addresses returned Unknown system error 1');
      },
    });
    expect(blind.networks()).toMatchObject({ ok: false, error: { code: 'io-failed', message: expect.stringMatching(/could not read this computer's network interfaces/) } });
    expect(await blind.scan({ scanId: 's1', subnet: '192.168.1.0/24', port: 22 })).toMatchObject({ ok: false, error: { code: 'io-failed' } });
  });

  it('refuses text that is not a network, at the subnet field', async () => {
    expect(await finder().scan({ scanId: 's1', subnet: '192.168.1.0/33', port: 22 })).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'subnet', message: '"192.168.1.0/33" is not a network; write an IPv4 network like 192.168.1.0/24.' },
    });
  });

  it('refuses a subnet larger than one search may try, naming the limit', async () => {
    const result = await finder().scan({ scanId: 's1', subnet: '10.20.0.0/16', port: 22 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'subnet', message: expect.stringContaining('more than the 1,024 one search may try') } });
  });

  it('refuses a network the computer is not on, listing the ones it is on', async () => {
    const result = await finder().scan({ scanId: 's1', subnet: '172.16.5.0/24', port: 22 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        field: 'subnet',
        message: `"172.16.5.0/24" is not one of this computer's networks (127.0.0.0/8, 192.168.1.0/24, 10.0.0.0/8): Cairn only searches networks it is on.`,
      },
    });
  });

  it('refuses to search when no target waits to be found', async () => {
    const list = await store.targets.list();
    for (const t of list.targets) await store.targets.remove(t.id);
    await store.targets.save({ name: 'nas', host: 'nas.lan', port: 22, user: 'root', auth: 'agent', tags: [] });
    expect(await finder().scan({ scanId: 's1', subnet: '127.0.0.0/30', port: 22 })).toEqual({
      ok: false,
      error: { code: 'invalid-input', field: 'subnet', message: 'No target is waiting to be found: prepare a boot medium first.' },
    });
  });

  it('has nothing to cancel for a scan that is not running', () => {
    expect(finder().cancel('never-started')).toEqual({ cancelled: false });
  });
});
