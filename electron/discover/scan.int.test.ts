import { execFileSync } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDropbearTarget, startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { freePort } from '../../e2e/target/net';
import type { EventPayload } from '../../shared/api/events';
import { parseSubnet, scanAddresses } from '../../shared/discover';
import { createLog } from '../log';
import { connect } from '../ssh/connect';
import { exec } from '../ssh/exec';
import { hostKeyFromBlob } from '../ssh/fingerprint';
import { createStore, type Store } from '../store';
import { createFinder } from './finder';
import { scanForHostKeys, type ScanOptions, type ScanProgress } from './scan';

// One fixed port on many loopback addresses of a random 127.x.y.0/28, laid
// out as a small network: two prepared boxes among two strangers' SSH
// servers, addresses that refuse, and "tarpits" that accept TCP and never
// answer (they hold a connection slot until its timeout, which is what makes
// concurrency, cancel and the time limit observable).
//
//  .1 refuses    .2 tarpit     .3 OpenSSH decoy   .4 tarpit   .5 Dropbear decoy
//  .6 tarpit     .7 OpenSSH box .8 refuses        .9 Dropbear box   .10-.14 tarpits

const octet = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const base = `127.${octet(10, 250)}.${octet(0, 255)}`;
const at = (n: number) => `${base}.${n}`;
const subnet = (() => {
  const parsed = parseSubnet(`${base}.0/28`);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.subnet;
})();
const ADDRESSES = scanAddresses(subnet);
const TARPITS = [2, 4, 6, 10, 11, 12, 13, 14].map(at);
const NOBODY = `SHA256:${'A'.repeat(43)}`;
// Long enough for a loaded CI machine to finish a key exchange with sshd.
const CONNECT_MS = 1500;

/** Loopback listeners that accept and stay silent, counting what they accepted. */
function startTarpits(addresses: readonly string[], port: number) {
  const servers: net.Server[] = [];
  const held = new Set<net.Socket>();
  let accepted = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  const onConnection = (socket: net.Socket) => {
    accepted++;
    held.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => held.delete(socket));
    waiters = waiters.filter((w) => (accepted >= w.count ? (w.resolve(), false) : true));
  };
  const listening = Promise.all(
    addresses.map(
      (address) =>
        new Promise<void>((resolve, reject) => {
          const server = net.createServer(onConnection);
          servers.push(server);
          server.once('error', reject);
          server.listen(port, address, () => resolve());
        }),
    ),
  );
  return {
    listening,
    get accepted() {
      return accepted;
    },
    /** Resolves once `more` connections beyond those accepted so far arrived. */
    whenMoreAccepted(more: number): Promise<void> {
      const count = accepted + more;
      return new Promise((resolve) => (accepted >= count ? resolve() : waiters.push({ count, resolve })));
    },
    close: async () => {
      for (const socket of held) socket.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/**
 * Every TCP client socket this process opens, seen through Node's own
 * diagnostics channel: how many were open at once, and how many still are.
 */
function watchSockets() {
  let open = 0;
  let most = 0;
  let created = 0;
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: net.Socket };
    created++;
    most = Math.max(most, ++open);
    socket.once('close', () => open--);
  };
  diagnostics.subscribe('net.client.socket', onSocket);
  return {
    get open() {
      return open;
    },
    get most() {
      return most;
    },
    get created() {
      return created;
    },
    stop: () => diagnostics.unsubscribe('net.client.socket', onSocket),
  };
}

/** A real (failing) login as the user name the scan carries but never sends. */
function tryLogin(target: TestTarget): Promise<void> {
  return new Promise((resolve) => {
    const client = new Client();
    client.on('error', () => client.end());
    client.on('close', () => resolve());
    // Only this test's own server is trusted: its key, as ssh-keygen fingerprinted it.
    const ownKey = (blob: Buffer) => hostKeyFromBlob(blob).fingerprint === target.hostKeyFingerprint;
    client.connect({ host: target.host, port: target.port, username: 'cairn-discover', authHandler: ['none'], hostVerifier: ownKey, readyTimeout: 10_000 });
  });
}

const blobOf = (target: TestTarget) => target.hostPublicKey.split(' ')[1] ?? '';

describe('scanning a network for prepared boxes by their host keys', () => {
  let port = 0;
  let openSshBox: TestTarget;
  let dropbearBox: TestTarget;
  let openSshDecoy: TestTarget;
  let dropbearDecoy: TestTarget;
  let tarpits: ReturnType<typeof startTarpits>;
  const started: TestTarget[] = [];
  let keysDir = '';

  const scan = async (options: Partial<ScanOptions>) => {
    const probes: string[] = [];
    const probeTimes: number[] = [];
    const progress: ScanProgress[] = [];
    const sockets = watchSockets();
    const t0 = performance.now();
    try {
      const result = await scanForHostKeys({
        addresses: ADDRESSES,
        port,
        wanted: new Set([NOBODY]),
        connectTimeoutMs: CONNECT_MS,
        onProbe: (address) => {
          probes.push(address);
          probeTimes.push(performance.now() - t0);
        },
        onProgress: (p) => progress.push(p),
        ...options,
      });
      return { result, probes, probeTimes, progress, sockets, ms: performance.now() - t0 };
    } finally {
      sockets.stop();
    }
  };

  beforeAll(async () => {
    port = await freePort(at(1));
    tarpits = startTarpits(TARPITS, port);
    await tarpits.listening;
    // sshd logs each protocol message at DEBUG: what the scan sent is on the record.
    const debug = 'LogLevel DEBUG1';
    // The OpenSSH box has a second host key: the scan must still be shown the ed25519 one it looks for.
    keysDir = await mkdtemp(path.join(tmpdir(), 'cairn-discover-keys-'));
    const ecdsaKey = path.join(keysDir, 'host_ecdsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-f', ecdsaKey]);
    const starting = [
      startOpenSshTarget({ listenAddress: at(3), port, sshdConfig: [debug] }),
      startDropbearTarget({ listenAddress: at(5), port }),
      startOpenSshTarget({ listenAddress: at(7), port, sshdConfig: [debug, `HostKey ${ecdsaKey}`] }),
      startDropbearTarget({ listenAddress: at(9), port }),
    ];
    const settled = await Promise.allSettled(starting);
    for (const s of settled) if (s.status === 'fulfilled') started.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    [openSshDecoy, dropbearDecoy, openSshBox, dropbearBox] = started as [TestTarget, TestTarget, TestTarget, TestTarget];
  });

  afterAll(async () => {
    await Promise.all(started.map((t) => t.stop()));
    await tarpits?.close();
    if (keysDir !== '') await rm(keysDir, { recursive: true, force: true });
  });

  it('finds several prepared boxes in one scan, counts the other SSH servers, and stops once it has them all', async () => {
    const { result, probes, progress, sockets } = await scan({ wanted: new Set([openSshBox.hostKeyFingerprint, dropbearBox.hostKeyFingerprint]), concurrency: 3 });

    expect(result.ended).toBe('done');
    expect(result.found).toEqual([
      { address: at(7), port, keyType: 'ssh-ed25519', key: blobOf(openSshBox), fingerprint: openSshBox.hostKeyFingerprint },
      { address: at(9), port, keyType: 'ssh-ed25519', key: blobOf(dropbearBox), fingerprint: dropbearBox.hostKeyFingerprint },
    ]);
    expect(result.others).toBe(2);
    expect(result.total).toBe(14);
    // Found both before the tarpits after them were all tried: the rest was never touched.
    expect(probes).not.toContain(at(14));
    expect(result.probed).toBeLessThan(result.total);
    expect(new Set(probes).size).toBe(probes.length);
    expect(sockets.created).toBe(probes.length);
    expect(sockets.most).toBe(3);
    expect(sockets.open).toBe(0);
    expect(progress.at(-1)).toEqual({ probed: result.probed, total: 14, found: 2 });
  });

  it('tries every address of the subnet exactly once, never more at a time than allowed, when no box is there', async () => {
    const { result, probes, progress, sockets, ms } = await scan({ concurrency: 5 });

    expect(result).toEqual({ found: [], others: 4, probed: 14, total: 14, ended: 'done' });
    expect([...probes].sort()).toEqual([...ADDRESSES].sort());
    expect(probes.every((a) => ADDRESSES.includes(a))).toBe(true);
    expect(sockets.most).toBe(5);
    expect(sockets.open).toBe(0);
    // A start, at most five a second while running, and an end.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(ms / 200) + 2);
    expect(progress[0]).toEqual({ probed: 0, total: 14, found: 0 });
    expect(progress.at(-1)).toEqual({ probed: 14, total: 14, found: 0 });
  });

  it('sends a stranger nothing beyond the key exchange: no user name, no login attempt', async () => {
    const log = (target: TestTarget) => target.serverLog();
    const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
    // The servers' logs arrive through pipes: read them once every connection they saw has its closing line.
    await vi.waitFor(() => {
      for (const target of started) {
        const text = log(target);
        expect(count(text, /Disconnected from|Connection closed by \S+ port \d+|Exit before auth/g)).toBe(count(text, /Connection from \S+ port|Child connection from/g));
      }
    });
    // The scans above reached both decoys (a positive control for the log)...
    expect(log(openSshDecoy)).toContain(` on ${at(3)} port ${port}`);
    // Reason 3 is SSH_DISCONNECT_KEY_EXCHANGE_FAILED: the scan hung up inside the key exchange.
    expect(log(openSshDecoy)).toMatch(/Received disconnect from \S+ port \d+:3:/);
    expect(log(dropbearDecoy)).toMatch(/Exit before auth from <\S+>: Disconnect received/);
    // A wanted box finishes the key exchange (proving it holds the key) and is left right there.
    expect(log(openSshBox)).toContain('KEX done');
    expect(log(openSshBox)).toMatch(/list_hostkey_types: ssh-ed25519,ecdsa-sha2-nistp256/);
    // ...and neither they nor the boxes ever saw a login begin.
    const sshdLogin = /userauth|Invalid user|Failed |cairn-discover|authenticating user/i;
    const dropbearLogin = /auth attempt|Login attempt|nonexistent user|cairn-discover|Bad password/i;
    for (const target of [openSshDecoy, openSshBox]) expect(log(target)).not.toMatch(sshdLogin);
    for (const target of [dropbearDecoy, dropbearBox]) expect(log(target)).not.toMatch(dropbearLogin);

    // The same patterns do catch a login attempt with the scan's user name, so their silence above means something.
    await Promise.all([openSshDecoy, dropbearDecoy].map(tryLogin));
    await vi.waitFor(() => {
      expect(log(openSshDecoy)).toMatch(sshdLogin);
      expect(log(dropbearDecoy)).toMatch(dropbearLogin);
    });
  });

  it('ends promptly when cancelled, cutting the connections in flight and starting no more', async () => {
    const controller = new AbortController();
    const probes: string[] = [];
    const sockets = watchSockets();
    try {
      const stuck = tarpits.whenMoreAccepted(4);
      const scanning = scanForHostKeys({
        addresses: ADDRESSES,
        port,
        wanted: new Set([NOBODY]),
        concurrency: 4,
        connectTimeoutMs: 30_000,
        signal: controller.signal,
        onProbe: (a) => probes.push(a),
      });
      // Every slot now waits in a tarpit: without the cancel this scan would sit for 30 s.
      await stuck;
      const probesBefore = probes.length;
      const t0 = performance.now();
      controller.abort();
      const result = await scanning;

      expect(performance.now() - t0).toBeLessThan(500);
      expect(result.ended).toBe('cancelled');
      expect(result.probed).toBeLessThan(result.total);
      expect(probes).toHaveLength(probesBefore);
      expect(sockets.open).toBe(0);
    } finally {
      sockets.stop();
    }
  });

  it('ends at the time limit, cutting the connections in flight', async () => {
    const { result, probeTimes, sockets, ms } = await scan({ concurrency: 4, connectTimeoutMs: 30_000, timeLimitMs: 300 });

    expect(result.ended).toBe('time-limit');
    expect(Math.max(...probeTimes)).toBeLessThan(300);
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1000);
    expect(result.probed).toBeLessThan(result.total);
    expect(sockets.open).toBe(0);
  });

  describe('the finder', () => {
    const dirs: string[] = [];
    const own = () => [{ cidr: '127.0.0.0/8', interface: 'lo', internal: true }];
    const freshStore = async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'cairn-discover-'));
      dirs.push(dir);
      return { dir, store: await createStore(dir) };
    };
    afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

    const prepared = (store: Store, name: string, hostKey: { keyType: string; key: string; fingerprint: string }) =>
      store.targets.save({ name, host: `${name}.lan`, port: 22, user: 'root', auth: 'agent', tags: [], hostKey });
    const keyOf = (box: TestTarget) => ({ keyType: 'ssh-ed25519', key: blobOf(box), fingerprint: box.hostKeyFingerprint });

    it('writes where each prepared box was found into its target and trusts its key there, so the next login goes straight in', async () => {
      const { dir, store } = await freshStore();
      const garage = await prepared(store, 'garage', keyOf(openSshBox));
      const attic = await prepared(store, 'attic', keyOf(dropbearBox));
      const nas = await store.targets.save({ name: 'nas', host: 'nas.lan', port: 22, user: 'root', auth: 'agent', tags: [] });
      if (!garage.ok || !attic.ok || !nas.ok) throw new Error('saving the targets failed');
      const events: EventPayload<'discover.progress'>[] = [];
      const finder = createFinder({
        targets: store.targets,
        knownHosts: store.knownHosts,
        emit: (event, payload) => {
          if (event === 'discover.progress') events.push(payload as EventPayload<'discover.progress'>);
        },
        ownNetworks: own,
        // Three at a time: the decoys are done before the boxes are tried, so both are counted before the scan stops.
        scanDefaults: { concurrency: 3, connectTimeoutMs: CONNECT_MS },
        log: createLog({ file: path.join(dir, 'cairn.log'), level: 'debug' }),
      });

      const result = await finder.scan({ scanId: 'find-1', subnet: ` ${base}.5/28 `, port });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toMatchObject({ subnet: `${base}.0/28`, others: 2, total: 14, ended: 'done' });
      expect(result.value.found).toEqual([
        { address: at(7), port, fingerprint: openSshBox.hostKeyFingerprint, targetId: garage.value.id, targetName: 'garage' },
        { address: at(9), port, fingerprint: dropbearBox.hostKeyFingerprint, targetId: attic.value.id, targetName: 'attic' },
      ]);
      expect(await store.targets.get(garage.value.id)).toEqual({ ok: true, value: { ...garage.value, host: at(7), port } });
      expect(await store.targets.get(attic.value.id)).toEqual({ ok: true, value: { ...attic.value, host: at(9), port } });
      expect(await store.targets.get(nas.value.id)).toEqual({ ok: true, value: nas.value });
      expect((await store.knownHosts.lookup(at(7), port)).map((e) => [e.keyType, e.key])).toEqual([['ssh-ed25519', blobOf(openSshBox)]]);
      expect(events.every((e) => e.scanId === 'find-1')).toBe(true);
      expect(events.at(-1)).toEqual({ scanId: 'find-1', probed: result.value.probed, total: 14, found: 2 });

      // What the user notices: connecting to the found box asks nothing about its key.
      const saved = await store.targets.get(garage.value.id);
      if (!saved.ok) return;
      const connection = await connect({
        host: saved.value.host,
        port: saved.value.port,
        username: openSshBox.user,
        auth: { kind: 'password', password: openSshBox.password },
        trust: { storePath: store.knownHosts.path, userKnownHostsPath: null },
      });
      if (!connection.ok) throw new Error(connection.error.message);
      try {
        const run = await exec(connection.value, 'cat /etc/alpine-release');
        expect(run.ok && run.value.stdout.trim()).toBe('3.20.3');
      } finally {
        await connection.value.close();
      }
    });

    it('refuses a second scan with the same id, and cancels a running one', async () => {
      const { dir, store } = await freshStore();
      // A box that is not on this network: the scan would try every address.
      await prepared(store, 'shed', { keyType: 'ssh-ed25519', key: 'AAAA', fingerprint: NOBODY });
      const finder = createFinder({
        targets: store.targets,
        knownHosts: store.knownHosts,
        ownNetworks: own,
        scanDefaults: { concurrency: 4, connectTimeoutMs: 30_000 },
        log: createLog({ file: path.join(dir, 'cairn.log') }),
      });
      const stuck = tarpits.whenMoreAccepted(4);
      const first = finder.scan({ scanId: 'find-2', subnet: `${base}.0/28`, port });
      await stuck;

      const second = await finder.scan({ scanId: 'find-2', subnet: `${base}.0/28`, port });
      expect(second).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'scanId' } });
      expect(finder.cancel('find-2')).toEqual({ cancelled: true });
      expect(await first).toMatchObject({ ok: true, value: { ended: 'cancelled', found: [] } });
      expect(finder.cancel('find-2')).toEqual({ cancelled: false });
    });
  });
});
