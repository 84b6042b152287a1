// How the boxes service reaches a box: the target's saved login, Cairn's and
// the person's known_hosts, and whether commands go through doas. Shared by
// every box read and action, so they trust and log in exactly as "Test
// connection" does.
import { err, ok, type ApiError, type Failed, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { sh } from '../../shared/shell/quote';
import { apiErrorOf } from '../api-error';
import type { Log } from '../log';
import type { SecretStore } from '../secrets/secrets';
import { connect, type SshConnection } from '../ssh/connect';
import type { SshResult } from '../ssh/errors';
import { exec } from '../ssh/exec';
import type { HostTrust } from '../ssh/known-hosts';
import type { KnownHostsStore } from '../store/known-hosts';
import type { TargetStore } from '../store/targets';
import { connectOptionsFor } from '../targets/connect-options';
import type { BoxError, BoxResult } from './errors';

export interface BoxAccessDeps {
  targets: TargetStore;
  secrets: SecretStore;
  /** Cairn's own known_hosts: the same trust as "Test connection" (a key trusted there is trusted here). */
  knownHosts: KnownHostsStore;
  /** The person's OpenSSH known_hosts, read only; null to ignore it. */
  userKnownHostsPath: string | null;
  homeDir: string;
  readyTimeoutMs?: number;
  log: Log;
}

/** What every box call takes besides the connection: how messages name the box and whether commands go through doas. */
export interface BoxCallContext {
  label: string;
  privilege: 'root' | 'doas';
  /** Set when doas asks this login for a password: the kept one, or null when none is kept. */
  doasPassword?: string | null;
  /** Set for an action that can be stopped (boxes:cancel): its commands end when it aborts. */
  signal?: AbortSignal;
}

export interface BoxLink {
  conn: SshConnection;
  context: BoxCallContext;
}

export interface BoxAccess {
  target(targetId: string): Promise<Result<Target>>;
  /** A trusted, logged-in connection to the target, the way "Test connection" opens one. */
  connect(target: Target, signal?: AbortSignal): Promise<BoxResult<BoxLink>>;
  /** The connection alone, for refreshMany and waitUntilBack (which ask for the privilege separately). */
  connectFn(target: Target): (signal?: AbortSignal) => Promise<SshResult<SshConnection>>;
  /** The privilege last seen for the target's login (root until one was seen). */
  privilegeOf(target: Target): 'root' | 'doas';
  /** A box error as the contract's error (apiErrorOf), a changed host key noted in the log. */
  apiError(error: BoxError): ApiError;
  /** The same, as a failed answer. */
  refusal(error: BoxError): Failed;
}

// The uid, then whether doas lets this login in without a password (a
// "permit nopass" rule) or asks for one on a terminal (setup-user's wheel rule).
// A box without doas says so, so its commands fail saying doas is missing, not that it wants a password.
const WHO = sh(
  '/bin/sh',
  '-c',
  'id -u; if [ "$(id -u)" != 0 ]; then if ! command -v doas >/dev/null 2>&1; then echo missing; elif doas -n true </dev/null >/dev/null 2>&1; then echo nopass; else echo asks; fi; fi',
);

export function createBoxAccess(deps: BoxAccessDeps): BoxAccess {
  // presented: the keys boxes show here are the ones knownHosts:accept may trust.
  const trust: HostTrust = { storePath: deps.knownHosts.path, userKnownHostsPath: deps.userKnownHostsPath, presented: deps.knownHosts.presented };
  // A login that is not uid 0 runs box commands through doas; asked once per target and user.
  const privileges = new Map<string, 'root' | 'doas'>();
  const asksPassword = new Set<string>();
  const key = (t: Target) => `${t.id}\n${t.user}`;

  const connectFn =
    (target: Target) =>
    async (signal?: AbortSignal): Promise<SshResult<SshConnection>> => {
      const options = await connectOptionsFor(target, { secrets: deps.secrets, homeDir: deps.homeDir, trust, readyTimeoutMs: deps.readyTimeoutMs });
      if (!options.ok) return options;
      const opened = await connect({ ...options.value, signal });
      if (opened.ok && !privileges.has(key(target))) {
        const who = await exec(opened.value, WHO, { timeoutMs: 15_000 });
        const [uid, doas] = who.ok ? who.value.stdout.trim().split('\n') : [];
        if (uid !== undefined && /^\d+$/.test(uid)) {
          privileges.set(key(target), uid === '0' ? 'root' : 'doas');
          if (doas === 'asks') asksPassword.add(key(target));
          else asksPassword.delete(key(target));
        }
      }
      return opened;
    };

  const privilegeOf = (target: Target) => privileges.get(key(target)) ?? 'root';

  const apiError = (error: BoxError): ApiError => apiErrorOf(error, deps.log);

  return {
    target: (targetId) => deps.targets.get(targetId),
    async connect(target, signal) {
      const opened = await connectFn(target)(signal);
      if (!opened.ok) return opened;
      const context: BoxCallContext = { label: target.name, privilege: privilegeOf(target) };
      // Read from the keychain on each use, so a password entered meanwhile counts at once.
      if (context.privilege === 'doas' && asksPassword.has(key(target))) context.doasPassword = await deps.secrets.get(target.id, 'doas');
      return ok({ conn: opened.value, context });
    },
    connectFn,
    privilegeOf,
    apiError,
    refusal: (error) => err(apiError(error)),
  };
}
