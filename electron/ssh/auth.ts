import { readFile } from 'node:fs/promises';
import { utils, type AnyAuthMethod, type ParsedKey, type Prompt } from 'ssh2';
import { err, ok } from '../../shared/api/result';
import type { SshResult } from './errors';

export interface KeyboardPrompt {
  prompt: string;
  /** Whether the answer may be shown while typed (false for passwords). */
  echo: boolean;
}

/** One way to log in; connect() tries them in the order given. */
export type SshAuth =
  /** The running ssh-agent: socket defaults to $SSH_AUTH_SOCK. */
  | { kind: 'agent'; socket?: string }
  /** A private key file (OpenSSH, PEM or PuTTY format), with its passphrase if it has one. */
  | { kind: 'key'; privateKeyPath: string; passphrase?: string }
  | { kind: 'password'; password: string }
  /** Server-driven prompts: answered by respond(), else every hidden prompt gets password. */
  | {
      kind: 'keyboard-interactive';
      password?: string;
      respond?: (prompts: KeyboardPrompt[], instructions: string) => string[] | Promise<string[]>;
    };

export const authName = (auth: SshAuth): string => (auth.kind === 'key' ? `the key ${auth.privateKeyPath}` : auth.kind === 'agent' ? 'the SSH agent' : auth.kind);

async function loadKey(path: string, passphrase: string | undefined): Promise<SshResult<ParsedKey>> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    return err({ code: 'key-unreadable', message: `The private key file ${path} cannot be read: check the path and its permissions.` });
  }
  const parsed = utils.parseKey(data, passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error || key === undefined) {
    const why = key instanceof Error ? key.message : '';
    const message = /no passphrase/i.test(why)
      ? `The private key ${path} is protected by a passphrase: enter the passphrase to use it.`
      : /passphrase|decrypt/i.test(why)
        ? `The passphrase for the private key ${path} is wrong: enter it again.`
        : `The file ${path} is not a private key Cairn can read (${why || 'unknown format'}): choose an OpenSSH private key.`;
    return err({ code: 'key-unreadable', message });
  }
  // ssh2 reads a public key too; offered as a login it would only be refused, blaming the login, not the file.
  if (!key.isPrivateKey()) {
    const beside = path.endsWith('.pub') ? ` (${path.slice(0, -'.pub'.length)})` : '';
    return err({ code: 'key-unreadable', message: `The file ${path} holds a public key, which cannot log in: choose the private key file that goes with it${beside}.` });
  }
  return ok(key);
}

function keyboard(auth: Extract<SshAuth, { kind: 'keyboard-interactive' }>, username: string): AnyAuthMethod {
  return {
    type: 'keyboard-interactive',
    username,
    prompt(_name: string, instructions: string, _lang: string, prompts: Prompt[], finish: (answers: string[]) => void) {
      if (prompts.length === 0) {
        finish([]);
        return;
      }
      const asked = prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false }));
      if (!auth.respond) {
        finish(asked.map((p) => (p.echo ? '' : (auth.password ?? ''))));
        return;
      }
      Promise.resolve(auth.respond(asked, instructions)).then(finish, () => finish([]));
    },
  };
}

/** Windows' own OpenSSH agent service listens on this pipe; ssh2 speaks to it like a Unix socket. */
export const WINDOWS_OPENSSH_AGENT = '\\\\.\\pipe\\openssh-ssh-agent';

/**
 * The agents to try, as ssh does: $SSH_AUTH_SOCK when set (Linux, macOS, or
 * Windows with a forwarded socket); on Windows otherwise the OpenSSH agent
 * service, then PuTTY's Pageant (ssh2 knows it by the name "pageant").
 */
export function agentsFor(socket: string | undefined, platform: NodeJS.Platform = process.platform): string[] {
  if (socket !== undefined && socket !== '') return [socket];
  return platform === 'win32' ? [WINDOWS_OPENSSH_AGENT, 'pageant'] : [];
}

/** Turns Cairn's login choices into ssh2's, loading key files first so a bad key is reported as such. */
export async function authMethods(username: string, auths: readonly SshAuth[]): Promise<SshResult<AnyAuthMethod[]>> {
  const methods: AnyAuthMethod[] = [];
  for (const auth of auths) {
    switch (auth.kind) {
      case 'agent': {
        const agents = agentsFor(auth.socket ?? process.env.SSH_AUTH_SOCK);
        if (agents.length === 0) {
          return err({
            code: 'auth-failed',
            methods: ['agent'],
            message: 'No SSH agent is running (SSH_AUTH_SOCK is not set): start ssh-agent and add your key, or choose a key file.',
          });
        }
        for (const agent of agents) methods.push({ type: 'agent', username, agent });
        break;
      }
      case 'key': {
        const key = await loadKey(auth.privateKeyPath, auth.passphrase);
        if (!key.ok) return key;
        methods.push({ type: 'publickey', username, key: key.value });
        break;
      }
      case 'password':
        methods.push({ type: 'password', username, password: auth.password });
        break;
      case 'keyboard-interactive':
        methods.push(keyboard(auth, username));
        break;
    }
  }
  return ok(methods);
}
