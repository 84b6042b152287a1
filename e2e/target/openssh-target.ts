import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addChrootLogin, installStandIns, unpackRootfs } from './chroot';
import { hostCommand } from './host-command';
import { createHostUser } from './host-user';
import { fingerprintOf, makeOpenSshKey } from './keys';
import { alpineRootfsPath } from './paths';
import { ServerProcess } from './server-process';
import { StandIns } from './stand-ins';
import { bootFromOverlay, type OverlayBoot } from './overlay-boot';
import { TargetBase, loopbackAddress, newOwnerRecord, randomId, startOnFreePort } from './target-base';
import type { TargetOptions, TestTarget } from './target-types';

/**
 * Debian's OpenSSH sshd, chrooted into a fresh unpack of the Alpine
 * minirootfs: real BusyBox and apk behind a real SSH server.
 *
 * The login is a host account made for this target with uid 0. sshd needs
 * the login in the host's passwd and shadow (that is where it checks the
 * password, through PAM), and the plan runs as root on the box; uid 0 makes
 * the session root inside the chroot, where the chroot's passwd names it
 * "root". A separate account per target gives each its own password, so 50
 * targets can run at once. Debian's own sshd (if any) keeps
 * PermitRootLogin prohibit-password and knows none of the keys, so the
 * account opens nothing outside these servers; stop() deletes it.
 */
class OpenSshTarget extends TargetBase {
  readonly kind = 'openssh' as const;
  private extra: readonly string[] = [];
  private overlay: OverlayBoot | null = null;
  private fixedPort: number | undefined;
  private netns: NonNullable<TargetOptions['netns']> | null = null;

  protected authorizedKeysFile(): string {
    return this.overlay?.authorizedKeysFile ?? path.join(this.dir, 'client', 'authorized_keys');
  }

  /** The login policy: the overlay's own sshd_config when the box booted one, else everything on for tests. */
  private policy(): string[] {
    if (this.overlay !== null) return this.overlay.sshdLines;
    return [
      `HostKey ${path.join(this.dir, 'server', 'host_ed25519')}`,
      'PermitRootLogin yes',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication yes',
      'PubkeyAuthentication yes',
      `AuthorizedKeysFile ${this.authorizedKeysFile()}`,
      'Subsystem sftp internal-sftp',
    ];
  }

  private config(port: number, extra: readonly string[]): string {
    // sshd takes the first value of each keyword: the policy comes first.
    return [
      ...this.policy(),
      // In a network of its own the box answers on whatever address its interfaces have now.
      `ListenAddress ${this.netns === null ? this.host : '0.0.0.0'}`,
      `Port ${port}`,
      'PidFile none',
      // PAM for password and keyboard-interactive: without it OpenSSH offers
      // no keyboard-interactive device on Linux.
      'UsePAM yes',
      `AllowUsers ${this.user}`,
      'PrintMotd no',
      'MaxStartups 100:30:200',
      ...extra,
      `Match User ${this.user}`,
      `  ChrootDirectory ${this.root}`,
      '',
    ].join('\n');
  }

  async boot(options: TargetOptions): Promise<void> {
    const id = this.record.marker;
    this.user = `cairn-${id}`;
    this.netns = options.netns ?? null;
    this.host = this.netns === null ? loopbackAddress(options.listenAddress) : namespaceAddress(this.netns.address);
    this.fixedPort = options.port ?? (this.netns === null ? undefined : 22);
    this.password = options.password ?? `pw-${randomId()}${randomId()}`;
    this.root = path.join(this.dir, 'root');
    this.remember({ root: this.root });

    await unpackRootfs(alpineRootfsPath(), this.root);
    await addChrootLogin(this.root, this.user);
    await installStandIns(this.root);
    this.standIns = new StandIns(this.root);
    if (options.bootOverlay !== undefined) this.overlay = await bootFromOverlay(this.root, options.bootOverlay);
    if (this.netns !== null) await bringUpNetwork(this.root, this.netns);

    await mkdir(path.join(this.dir, 'server'), { mode: 0o700 });
    await mkdir(path.join(this.dir, 'client'), { mode: 0o700 });
    this.privateKeyPath = path.join(this.dir, 'client', 'id_ed25519');
    this.keyPassphrase = options.keyPassphrase ?? null;
    const login = await makeOpenSshKey(this.privateKeyPath, `cairn-test@${id}`, options.keyPassphrase ?? '');
    this.publicKey = login.publicKey;
    if (this.overlay === null) await writeFile(this.authorizedKeysFile(), `${login.publicKey}\n`, { mode: 0o600 });
    await this.newHostKey();

    this.remember({ user: this.user });
    await createHostUser({ name: this.user, password: this.password, home: '/root', root: true });

    const extra = options.sshdConfig ?? [];
    const started = await startOnFreePort(
      this.host,
      (port) => {
        this.port = port;
        return this.spawnServer(extra);
      },
      this.fixedPort,
    );
    this.server = started.server;
    this.extra = extra;
  }

  private async newHostKey(): Promise<void> {
    if (this.overlay !== null) {
      // The box's identity is the overlay's key; ssh-keygen, not Cairn, says what it is.
      this.hostKeyFingerprint = await fingerprintOf(this.overlay.hostPublicKeyFile);
      this.hostPublicKey = (await readFile(this.overlay.hostPublicKeyFile, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
      return;
    }
    const file = path.join(this.dir, 'server', 'host_ed25519');
    await rm(file, { force: true });
    await rm(`${file}.pub`, { force: true });
    const host = await makeOpenSshKey(file, '');
    this.hostKeyFingerprint = host.fingerprint;
    this.hostPublicKey = host.publicKey.split(/\s+/).slice(0, 2).join(' ');
  }

  private spawnServer(extra: readonly string[]): ServerProcess {
    const configFile = path.join(this.dir, 'server', 'sshd_config');
    // Written synchronously inside the port loop so each attempt has its port.
    writeConfigSync(configFile, this.config(this.port, extra));
    // A UTS namespace of its own, named as a fresh Alpine boot names itself:
    // the installer reads the hostname (and resolves it through the box's
    // /etc/hosts instead of a DNS server this closed network cannot reach),
    // and nothing a session runs can rename the host.
    const sshd = ['/usr/sbin/sshd', '-D', '-e', '-f', configFile];
    const uts = ['/usr/bin/unshare', '--uts', '--', '/bin/sh', '-c', 'hostname localhost && exec "$@"', 'sshd', ...sshd];
    // `ip netns exec` execs the rest in the namespace: the pid stays the server's, so stop() and cleanup find it as before.
    if (this.netns !== null) return new ServerProcess('/usr/sbin/ip', ['netns', 'exec', this.netns.name, ...uts], this.record.marker);
    const [file = '', ...args] = uts;
    return new ServerProcess(file, args, this.record.marker);
  }

  /** The box comes up at another address (as a static address from its profile would put it), same port and key. */
  async moveTo(address: string): Promise<void> {
    if (this.overlay !== null) throw new Error('A target booted from an overlay keeps its address.');
    if (this.netns !== null) throw new Error('A target with a network of its own moves by its own /etc/network/interfaces (rc-service networking restart).');
    await this.stopServer();
    this.host = loopbackAddress(address);
    this.server = this.spawnServer(this.extra);
    await this.server.ready(this.host, this.port);
  }

  async replaceHostKey(): Promise<void> {
    if (this.overlay !== null) throw new Error("A target booted from an overlay keeps the overlay's host key.");
    await this.stopServer();
    await this.newHostKey();
    this.server = this.spawnServer(this.extra);
    await this.server.ready(this.host, this.port);
  }
}

/** A target in a network namespace is reached at an IPv4 address of the test's veth subnet, never at a real network's. */
function namespaceAddress(address: string): string {
  if (!/^10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(address) || address.split('.').some((n) => Number(n) > 255))
    throw new Error(`A test target in a network namespace is reached at a 10.x.y.z address of its veth pair, not at ${address}.`);
  return address;
}

/**
 * Boots the box's network the way OpenRC does, inside the namespace: its
 * interfaces file, then `rc-service networking start` (BusyBox ifup). The
 * marker tells the networking stand-in that this network is the box's own.
 */
async function bringUpNetwork(root: string, netns: NonNullable<TargetOptions['netns']>): Promise<void> {
  await mkdir(path.join(root, 'etc/network'), { recursive: true });
  await writeFile(path.join(root, 'etc/network/interfaces'), netns.interfaces);
  await mkdir(path.join(root, 'etc/cairn-standins'), { recursive: true });
  await writeFile(path.join(root, 'etc/cairn-standins/netns'), `${netns.name}\n`);
  // The interfaces file is part of the box as booted: lbu's baseline is taken again with it.
  const boot = '. /usr/lib/cairn-standins/lib.sh && cairn_lbu_tree > "$CAIRN_STATE/lbu-committed" && rc-service networking start';
  await hostCommand('/usr/sbin/ip', ['netns', 'exec', netns.name, '/usr/sbin/chroot', root, '/bin/sh', '-c', boot], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
}

function writeConfigSync(file: string, text: string): void {
  // sshd refuses to start without its privilege-separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  writeFileSync(file, text, { mode: 0o600 });
}

/** Starts sshd in a fresh Alpine chroot on 127.0.0.1 (or `listenAddress`) at a free port (or `port`). Call stop() when done. */
export async function startOpenSshTarget(options: TargetOptions = {}): Promise<TestTarget> {
  const target = new OpenSshTarget(newOwnerRecord(`o${randomId()}`));
  try {
    await target.boot(options);
  } catch (error) {
    await target.stop();
    throw error;
  }
  return target;
}
