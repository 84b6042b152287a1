import type { StandIns } from './stand-ins';
import type { TargetProcess } from './target-processes';

export interface TargetOptions {
  /** Encrypts the generated login key with this passphrase (default: none). */
  keyPassphrase?: string;
  /** The login's password (default: random). */
  password?: string;
  /** Extra sshd_config lines, before the Match block (OpenSSH only). */
  sshdConfig?: readonly string[];
  /** A loopback address to listen on (default 127.0.0.1), e.g. 127.0.0.7 for a scan among several servers. */
  listenAddress?: string;
  /** Exactly this port (default: a free one); starting fails if it is taken. */
  port?: number;
  /**
   * OpenSSH only: a headless boot overlay (`*.apkovl.tar.gz`) unpacked into the
   * fresh root with BusyBox tar exactly as Alpine's boot does
   * (`tar -C / -zxvf`). The server then uses the overlay's own host key,
   * authorized_keys and login policy, not the target's generated ones.
   */
  bootOverlay?: string;
  /**
   * Dropbear only: lets the login (an ordinary account there) become root
   * with Debian's doas, asking its password on a terminal (`password`, as
   * setup-user's wheel rule does) or not at all (`nopass`).
   */
  doas?: 'password' | 'nopass';
  /**
   * OpenSSH only: the box has a network of its own. sshd runs inside this
   * network namespace (made by the test with createTestNetwork(), the box's
   * card `eth0` in it) through `ip netns exec`, listening on all the
   * namespace's addresses at port 22 (or `port`). At boot the chroot's
   * /etc/network/interfaces is `interfaces` and `rc-service networking start`
   * brings it up; from then on the networking stand-in really runs BusyBox
   * ifdown/ifup, so a restart moves the box. `address` is where the host
   * reaches it (the target's `host`); `listenAddress` does not apply.
   */
  netns?: { name: string; address: string; interfaces: string };
}

/** A running SSH server on 127.0.0.1 for tests; stop() removes every trace of it. */
export interface TestTarget {
  readonly kind: 'openssh' | 'dropbear';
  /** The loopback address the server listens on (127.0.0.1 unless `listenAddress` said otherwise). */
  readonly host: string;
  readonly port: number;
  /** The login: a host account of this target only (uid 0, i.e. root inside the chroot, for OpenSSH). */
  readonly user: string;
  readonly password: string;
  /** The login's private key (OpenSSH format, ed25519). */
  readonly privateKeyPath: string;
  readonly keyPassphrase: string | null;
  /** The login's public key line, as authorized on the server. */
  readonly publicKey: string;
  /** The server's host key fingerprint as OpenSSH prints it (ssh-keygen -l): "SHA256:…". Changes with replaceHostKey(). */
  readonly hostKeyFingerprint: string;
  /** The server's public host key line: "ssh-ed25519 AAAA…". */
  readonly hostPublicKey: string;
  /** The chroot (the box's "/") for OpenSSH; null for Dropbear (host userland). */
  readonly root: string | null;
  /** The Alpine tool stand-ins in the chroot; null for Dropbear. */
  readonly standIns: StandIns | null;
  /** A known_hosts line for this server: "[127.0.0.1]:PORT ssh-ed25519 AAAA…". */
  knownHostsLine(): string;
  /** Authorizes one more public key for the login. */
  authorizeKey(publicKeyLine: string): Promise<void>;
  /** A new host key; the server restarts on the same port (existing sessions end). */
  replaceHostKey(): Promise<void>;
  /** OpenSSH only: the server comes back at another loopback address (same port, same key), as a box whose install gave it a static address. */
  moveTo?(address: string): Promise<void>;
  /** What the server has logged so far. */
  serverLog(): string;
  /** Processes of sessions on this target (and the server's own). */
  processes(): TargetProcess[];
  /** Stops the server, kills its sessions, deletes the login and the directory. Safe to call twice. */
  stop(): Promise<void>;
}
