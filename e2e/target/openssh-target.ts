import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addChrootLogin, installStandIns, unpackRootfs } from './chroot';
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
      `ListenAddress ${this.host}`,
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
    this.host = loopbackAddress(options.listenAddress);
    this.fixedPort = options.port;
    this.password = options.password ?? `pw-${randomId()}${randomId()}`;
    this.root = path.join(this.dir, 'root');
    this.remember({ root: this.root });

    await unpackRootfs(alpineRootfsPath(), this.root);
    await addChrootLogin(this.root, this.user);
    await installStandIns(this.root);
    this.standIns = new StandIns(this.root);
    if (options.bootOverlay !== undefined) this.overlay = await bootFromOverlay(this.root, options.bootOverlay);

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
    return new ServerProcess('/usr/bin/unshare', ['--uts', '--', '/bin/sh', '-c', 'hostname localhost && exec "$@"', 'sshd', ...sshd], this.record.marker);
  }

  /** The box comes up at another address (as a static address from its profile would put it), same port and key. */
  async moveTo(address: string): Promise<void> {
    if (this.overlay !== null) throw new Error('A target booted from an overlay keeps its address.');
    await this.stopServer();
    this.host = loopbackAddress(address);
    this.server = this.spawnServer(this.extra);
    await this.server.ready(this.host, this.port);
  }

  async replaceHostKey(): Promise<void> {
    if (this.overlay !== null) throw new Error('A target booted from an overlay keeps the overlay\'s host key.');
    await this.stopServer();
    await this.newHostKey();
    this.server = this.spawnServer(this.extra);
    await this.server.ready(this.host, this.port);
  }
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
