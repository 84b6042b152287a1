import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { allowDoas, forgetDoas } from './doas-rule';
import { hostCommand } from './host-command';
import { createHostUser, hostUid } from './host-user';
import { makeDropbearKey, makeOpenSshKey } from './keys';
import { ServerProcess } from './server-process';
import { TargetBase, loopbackAddress, newOwnerRecord, randomId, startOnFreePort } from './target-base';
import type { TargetOptions, TestTarget } from './target-types';

/**
 * Dropbear on the host's own userland (no chroot, no SFTP): for checking that
 * everything Cairn does over SSH also works where only an exec channel exists.
 * The login is an ordinary host account of this target, with its home (and
 * ~/.ssh/authorized_keys, which Dropbear always reads) in the target's
 * directory.
 */
class DropbearTarget extends TargetBase {
  readonly kind = 'dropbear' as const;
  private doasUser: string | null = null;

  override async stop(): Promise<void> {
    if (this.doasUser !== null) await forgetDoas(this.doasUser);
    this.doasUser = null;
    return super.stop();
  }

  private get home(): string {
    return path.join(this.dir, 'home');
  }

  protected authorizedKeysFile(): string {
    return path.join(this.home, '.ssh', 'authorized_keys');
  }

  private get hostKeyFile(): string {
    return path.join(this.dir, 'server', 'host_ed25519');
  }

  async boot(options: TargetOptions): Promise<void> {
    const id = this.record.marker;
    if (options.bootOverlay !== undefined) throw new Error('Only the OpenSSH target (an Alpine chroot) can boot an overlay.');
    this.user = `cairn-${id}`;
    this.host = loopbackAddress(options.listenAddress);
    this.password = options.password ?? `pw-${randomId()}${randomId()}`;
    await mkdir(path.join(this.dir, 'server'), { mode: 0o700 });
    await mkdir(path.join(this.dir, 'client'), { mode: 0o700 });
    await mkdir(path.join(this.home, '.ssh'), { recursive: true, mode: 0o700 });

    this.privateKeyPath = path.join(this.dir, 'client', 'id_ed25519');
    this.keyPassphrase = options.keyPassphrase ?? null;
    const login = await makeOpenSshKey(this.privateKeyPath, `cairn-test@${id}`, options.keyPassphrase ?? '');
    this.publicKey = login.publicKey;
    await writeFile(this.authorizedKeysFile(), `${login.publicKey}\n`, { mode: 0o600 });
    await this.newHostKey();

    this.remember({ user: this.user });
    await createHostUser({ name: this.user, password: this.password, home: this.home, root: false });
    this.remember({ uid: hostUid(this.user) });
    await hostCommand('/usr/bin/chown', ['-R', `${this.user}:nogroup`, this.home]);
    if (options.doas !== undefined) {
      await allowDoas(this.user, options.doas);
      this.doasUser = this.user;
    }

    const started = await startOnFreePort(
      this.host,
      (port) => {
        this.port = port;
        return this.spawnServer();
      },
      options.port,
    );
    this.server = started.server;
  }

  private async newHostKey(): Promise<void> {
    await rm(this.hostKeyFile, { force: true });
    const host = await makeDropbearKey(this.hostKeyFile);
    this.hostKeyFingerprint = host.fingerprint;
    this.hostPublicKey = host.publicKey;
  }

  private spawnServer(): ServerProcess {
    const args = ['-F', '-E', '-p', `${this.host}:${this.port}`, '-r', this.hostKeyFile, '-P', path.join(this.dir, 'server', 'dropbear.pid')];
    return new ServerProcess('/usr/sbin/dropbear', args, this.record.marker);
  }

  async replaceHostKey(): Promise<void> {
    await this.stopServer();
    await this.newHostKey();
    this.server = this.spawnServer();
    await this.server.ready(this.host, this.port);
  }
}

/** Starts Dropbear on 127.0.0.1 (or `listenAddress`) at a free port (or `port`), logging in as a fresh host account. Call stop() when done. */
export async function startDropbearTarget(options: TargetOptions = {}): Promise<TestTarget> {
  const target = new DropbearTarget(newOwnerRecord(`d${randomId()}`));
  try {
    await target.boot(options);
  } catch (error) {
    await target.stop();
    throw error;
  }
  return target;
}
