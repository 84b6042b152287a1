import { err, ok, type Result } from '../../shared/api/result';
import type { Target } from '../../shared/api/targets';
import { agentsFor, type SshAuth } from '../ssh/auth';
import type { ConnectOptions } from '../ssh/connect';
import type { HostTrust } from '../ssh/known-hosts';
import { loginFor, type LoginContext, type LoginRefusal } from './login-methods';

/** The host key a target was prepared with, as connect() takes it. */
export const pinOf = (target: Target) => (target.hostKey === undefined ? undefined : { type: target.hostKey.keyType, base64: target.hostKey.key });

/**
 * A jump host gets the agent and the target's key file, never its password:
 * a password belongs to the box it was typed for (OpenSSH's ProxyJump logs in
 * to each hop on its own too).
 */
const hopAuth = (auth: SshAuth, agentSocket: string | undefined): SshAuth[] => {
  const agent: SshAuth[] =
    agentsFor(agentSocket ?? process.env.SSH_AUTH_SOCK).length === 0 ? [] : [agentSocket === undefined ? { kind: 'agent' } : { kind: 'agent', socket: agentSocket }];
  return auth.kind === 'key' ? [auth, ...agent] : agent;
};

/**
 * How to reach a target, the one way every part of Cairn builds it (test,
 * box actions, runs): its address and login with stored secrets, the trust
 * stores, the key of its boot medium, and its jump hosts.
 */
export async function connectOptionsFor(
  target: Target,
  context: LoginContext & { trust: HostTrust; readyTimeoutMs?: number | undefined },
): Promise<Result<ConnectOptions, LoginRefusal>> {
  const auth = await loginFor(target, context);
  if (!auth.ok) return auth;
  const jumpAuth = hopAuth(auth.value, context.agentSocket);
  if ((target.jump ?? []).length > 0 && jumpAuth.length === 0) {
    return err({
      code: 'auth-failed',
      methods: ['agent', 'key'],
      message: `“${target.name}” is reached through a jump host, which Cairn logs in to with the SSH agent or the target's key file: start ssh-agent with your key, or log in to this target with a key file.`,
      field: 'jump',
    });
  }
  const via = (target.jump ?? []).map((hop) => ({ host: hop.host, port: hop.port, username: hop.user, auth: jumpAuth }));
  return ok({
    host: target.host,
    port: target.port,
    username: target.user,
    auth: auth.value,
    trust: context.trust,
    pinnedKey: pinOf(target),
    ...(via.length === 0 ? {} : { via }),
    ...(context.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: context.readyTimeoutMs }),
  });
}
