import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostCommand } from './host-command';

/**
 * A network of its own for one test box: a namespace holding the box's side
 * of a veth pair (`eth0` in there, as on a real box) and the host's side
 * with 10.200.X.1/24. Nothing is routed out of it, so the box's traffic
 * stays between the two ends. `startOpenSshTarget({ netns })` runs the box's
 * sshd inside it.
 */
export interface TestNetwork {
  /** The namespace's name, for `ip netns exec`. */
  readonly name: string;
  /** The host's end of the veth pair. */
  readonly hostLink: string;
  /** 10.200.X.1: the host's address on the box's subnet. */
  readonly hostAddress: string;
  /** 10.200.X.N: addresses on the box's subnet, which the host reaches. */
  address(n: number): string;
  /**
   * 10.201.X.N: an address on a subnet the box could move to but cannot
   * answer from (it has no route back to the host). The host sends packets
   * for it down the veth too, so trying it reaches nothing outside.
   */
  unroutedAddress(n: number): string;
  /** The host's end goes down or up (a cable pulled and put back). */
  setLink(up: boolean): Promise<void>;
  /** Removes the namespace and the veth pair; safe to call twice. Stop the target in it first. */
  remove(): Promise<void>;
}

const PREFIX = 'cairn-net-';

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Namespaces left by test processes that died before removing them: their veth pairs go with them. */
async function sweep(): Promise<void> {
  const { stdout } = await hostCommand('/usr/sbin/ip', ['netns', 'list']);
  for (const name of stdout.split('\n').map((l) => l.split(' ')[0] ?? '')) {
    const owner = new RegExp(`^${PREFIX}(\\d+)-[0-9a-f]+$`).exec(name);
    if (owner && !pidAlive(Number(owner[1]))) await hostCommand('/usr/sbin/ip', ['netns', 'delete', name]).catch(() => undefined);
  }
}

async function freeSubnet(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const x = 1 + (randomBytes(1).readUInt8(0) % 254);
    const used = await hostCommand('/usr/sbin/ip', ['-4', 'route', 'show', 'to', 'root', `10.200.${x}.0/24`]);
    const moved = await hostCommand('/usr/sbin/ip', ['-4', 'route', 'show', 'to', 'root', `10.201.${x}.0/24`]);
    if (used.stdout.trim() === '' && moved.stdout.trim() === '') return x;
  }
  throw new Error('No free 10.200.X.0/24 subnet for a test network.');
}

export async function createTestNetwork(): Promise<TestNetwork> {
  await sweep();
  for (let attempt = 1; ; attempt++) {
    try {
      return await makeNetwork(await freeSubnet());
    } catch (error) {
      // Another test process picked the same subnet a moment earlier: its route is there, so ours was refused.
      if (attempt >= 5 || !/File exists/.test(String(error))) throw error;
    }
  }
}

async function makeNetwork(x: number): Promise<TestNetwork> {
  const id = randomBytes(3).toString('hex');
  const name = `${PREFIX}${process.pid}-${id}`;
  const hostLink = `cxn${id}`;
  const ip = (...args: string[]) => hostCommand('/usr/sbin/ip', args);
  let removed = false;
  const removeSync = () => {
    if (removed) return;
    removed = true;
    for (const args of [
      ['link', 'delete', hostLink],
      ['netns', 'delete', name],
    ]) {
      try {
        execFileSync('/usr/sbin/ip', args, { stdio: 'ignore' });
      } catch {
        // Already gone.
      }
    }
  };
  // A test that forgets remove(), or throws before it, still leaves nothing behind.
  process.once('exit', removeSync);
  try {
    await ip('netns', 'add', name);
    await ip('link', 'add', hostLink, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', name);
    await ip('addr', 'add', `10.200.${x}.1/24`, 'dev', hostLink);
    await ip('link', 'set', hostLink, 'up');
    await ip('route', 'add', `10.201.${x}.0/24`, 'dev', hostLink);
  } catch (error) {
    removeSync();
    process.removeListener('exit', removeSync);
    throw error;
  }
  return {
    name,
    hostLink,
    hostAddress: `10.200.${x}.1`,
    address: (n) => `10.200.${x}.${n}`,
    unroutedAddress: (n) => `10.201.${x}.${n}`,
    async setLink(up) {
      await ip('link', 'set', hostLink, up ? 'up' : 'down');
      // Down drops the host's routes through the link; up does not bring the extra one back by itself.
      if (up) await ip('route', 'replace', `10.201.${x}.0/24`, 'dev', hostLink);
    },
    async remove() {
      removeSync();
      process.removeListener('exit', removeSync);
    },
  };
}

/** /etc/network/interfaces of a box with one wired card at a static IPv4 /24 address, as setup-interfaces writes it. */
export const staticInterfaces = (address: string): string =>
  ['auto lo', 'iface lo inet loopback', '', 'auto eth0', 'iface eth0 inet static', `\taddress ${address}`, '\tnetmask 255.255.255.0', ''].join('\n');
