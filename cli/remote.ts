import { homedir, userInfo } from 'node:os';
import type { ApiError } from '../shared/api/result';
import type { Target } from '../shared/api/targets';
import { mapPooled } from '../electron/runs/pool';
import type { ArgSpec, ParsedArgs } from './args';
import { openBackend, type Backend } from './backend';
import { dataDirFrom } from './data-dir';
import { exitCodeOf } from './exit-codes';
import { failureText } from './failure';
import { CliError, type CliIo } from './inputs';
import { createReporter, type Reporter } from './report';
import { chooseTargets } from './target-arg';
import { cairnVersion } from './version';

/** The options every box command takes. */
export const BOX_OPTIONS = { flags: ['--json', '--accept-new'], values: ['--data', '--key'] } as const satisfies Partial<ArgSpec>;

/** Boxes reached at once by the commands that read several (facts, the trust check). */
export const BOXES_AT_ONCE = 4;

export interface Remote {
  backend: Backend;
  out: Reporter;
  targets: Target[];
  /** With --accept-new, trusts the host keys of the targets never met before; otherwise nothing. */
  trust(): Promise<void>;
  /** A service's refusal for one target: said on stderr (and as JSON), with the exit status it ends with. */
  refuse(target: Target | null, error: ApiError): number;
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}

/**
 * OpenSSH's accept-new: each target is reached once as "Test connection"
 * reaches it, which stops at an unknown host key before logging in; that key
 * is then trusted in Cairn's known_hosts. A jump host's key comes first, then
 * the box's behind it, so a target is tried until no key is new. Any other
 * failure is left to the command itself, which meets it again and says it.
 */
export async function acceptNewKeys(backend: Backend, out: Reporter, targets: readonly Target[]): Promise<void> {
  await mapPooled(targets, BOXES_AT_ONCE, async (target) => {
    for (let hop = 0; hop < 6; hop++) {
      const tested = await backend.call('targets:test-connection', { targetId: target.id });
      if (tested.ok || tested.error.code !== 'host-key-unknown' || tested.error.details === undefined) return;
      const { host, port, keyType, key } = tested.error.details;
      const accepted = await backend.call('knownHosts:accept', { host, port, keyType, key });
      if (!accepted.ok) throw new CliError(exitCodeOf(accepted.error.code), `${target.name}: ${accepted.error.message}`, accepted.error.code);
      const { fingerprint } = accepted.value;
      out.note(`${target.name}: trusted the new ${keyType} host key ${fingerprint} of ${host} port ${port} (--accept-new); it is kept in ${backend.knownHostsPath}.`);
      out.event({ type: 'host-key.accepted', targetId: target.id, target: target.name, host, port, keyType, fingerprint });
    }
  });
}

/**
 * What a box command needs: the app's services over the data folder, the
 * targets named on the command line and the secrets the environment gives.
 * Nothing is sent to a box yet: trust() does that, for --accept-new.
 */
export async function openRemote(io: CliIo, args: ParsedArgs, targetArgs: readonly string[]): Promise<Remote> {
  const env = io.env ?? {};
  const home = env.HOME ?? homedir();
  const out = createReporter(io, args.flags.has('--json'));
  const backend = await openBackend({
    dataDir: dataDirFrom(args.values.get('--data'), env, process.platform, home),
    homeDir: home,
    localUser: localUser(),
    version: cairnVersion(),
  });
  const chosen = chooseTargets(targetArgs, await backend.savedTargets(), { keyFile: args.values.get('--key'), agentSocket: env.SSH_AUTH_SOCK, platform: process.platform });
  for (const { target, adHoc } of chosen) {
    if (adHoc) backend.addTarget(target);
    // Kept in memory for this command only, as the app keeps them on a computer without a keyring.
    const passphrase = env.CAIRN_KEY_PASSPHRASE;
    const password = env.CAIRN_PASSWORD;
    if (target.auth === 'key' && passphrase !== undefined && passphrase !== '') await backend.setSecret(target.id, 'passphrase', passphrase);
    if ((target.auth === 'password' || target.auth === 'keyboard-interactive') && password !== undefined && password !== '')
      await backend.setSecret(target.id, 'password', password);
  }
  const targets = chosen.map((c) => c.target);
  return {
    backend,
    out,
    targets,
    trust: () => (args.flags.has('--accept-new') ? acceptNewKeys(backend, out, targets) : Promise.resolve()),
    refuse(target, error) {
      const exitCode = exitCodeOf(error.code);
      out.problem(`${target === null ? '' : `${target.name}: `}${failureText(error, backend.knownHostsPath)}`);
      out.event({ type: 'error', ...(target === null ? {} : { targetId: target.id, target: target.name }), ...error, exitCode });
      return exitCode;
    },
  };
}

/** openRemote, then trust: for the commands that reach the boxes at once. */
export async function openBoxes(io: CliIo, args: ParsedArgs, targetArgs: readonly string[]): Promise<Remote> {
  const remote = await openRemote(io, args, targetArgs);
  await remote.trust();
  return remote;
}

/** The exit status of several outcomes: that of the first one that did not end well. */
export const firstFailure = (codes: readonly number[]): number => codes.find((c) => c !== 0) ?? 0;
