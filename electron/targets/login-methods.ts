import { isAbsolute, join } from 'node:path';
import type { Target } from '../../shared/api/targets';
import { err, ok, type Result } from '../../shared/api/result';
import type { SecretStore } from '../secrets/secrets';
import type { SshAuth } from '../ssh/auth';
import type { SshError } from '../ssh/errors';

/** A login refused before anything was sent, naming the target's setting at fault. */
export type LoginRefusal = Extract<SshError, { code: 'auth-failed' }> & { field: string };

export interface LoginContext {
  secrets: SecretStore;
  /** For `~/` in key paths typed by hand. */
  homeDir: string;
  /** The agent socket; default $SSH_AUTH_SOCK. */
  agentSocket?: string | undefined;
}

export const expandHome = (path: string, homeDir: string): string =>
  path === '~' ? homeDir : path.startsWith('~/') ? join(homeDir, path.slice(2)) : isAbsolute(path) ? path : join(homeDir, path);

/**
 * The target's login method with its stored secret, for the main process's
 * SSH code only: the values come from the secret store and go to ssh2.
 */
export async function loginFor(target: Target, context: LoginContext): Promise<Result<SshAuth, LoginRefusal>> {
  const { secrets } = context;
  switch (target.auth) {
    case 'agent':
      return ok(context.agentSocket === undefined ? { kind: 'agent' } : { kind: 'agent', socket: context.agentSocket });
    case 'key': {
      const privateKeyPath = expandHome(target.keyPath ?? '', context.homeDir);
      const passphrase = await secrets.get(target.id, 'passphrase');
      return ok(passphrase === null ? { kind: 'key', privateKeyPath } : { kind: 'key', privateKeyPath, passphrase });
    }
    case 'password': {
      const password = await secrets.get(target.id, 'password');
      if (password === null) {
        return err({
          code: 'auth-failed',
          methods: ['password'],
          message: `No password is stored for “${target.name}” (or it was kept only for a session that has ended): edit the target and enter its password.`,
          field: 'password',
        });
      }
      return ok({ kind: 'password', password });
    }
    case 'keyboard-interactive': {
      // Servers that ask "Password:" this way get the stored password; others may ask nothing at all.
      const password = await secrets.get(target.id, 'password');
      return ok(password === null ? { kind: 'keyboard-interactive' } : { kind: 'keyboard-interactive', password });
    }
  }
}
