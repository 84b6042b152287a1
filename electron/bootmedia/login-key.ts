import { readFile } from 'node:fs/promises';
import { utils } from 'ssh2';
import { fail, ok, type Result } from '../../shared/api/result';

/**
 * The public half of the key Cairn will log in with, as one authorized_keys
 * line: from `KEY.pub` beside it (what ssh-keygen writes), else read from the
 * private key when it has no passphrase. Nothing of the private key leaves
 * this function.
 */
export async function loginPublicKey(privateKeyPath: string): Promise<Result<string>> {
  const pub = await readFile(`${privateKeyPath}.pub`, 'utf8').catch(() => null);
  if (pub !== null && /^(ssh-|ecdsa-|sk-)\S+ [A-Za-z0-9+/=]+/.test(pub.trim())) return ok(pub.trim().split('\n')[0] ?? '');
  const text = await readFile(privateKeyPath, 'utf8').catch((e: NodeJS.ErrnoException) => e);
  if (text instanceof Error)
    return fail('invalid-input', `Cairn cannot read ${privateKeyPath} (${text.code ?? text.message}): choose the private key file you log in with.`, 'keyPath');
  if (/^(ssh-|ecdsa-|sk-)/.test(text.trim()))
    return fail('invalid-input', 'This is a public key (.pub): choose the private key file beside it, such as ~/.ssh/id_ed25519.', 'keyPath');
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) {
    const reason = /passphrase|encrypted/i.test(parsed.message) ? `it is protected by a passphrase and has no ${privateKeyPath}.pub beside it` : 'it is not an SSH private key';
    return fail('invalid-input', `Cairn cannot use ${privateKeyPath}: ${reason}. Choose another key, or put its .pub file beside it.`, 'keyPath');
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined) return fail('invalid-input', `${privateKeyPath} holds no key.`, 'keyPath');
  return ok(`${key.type} ${key.getPublicSSH().toString('base64')}${key.comment ? ` ${key.comment}` : ''}`);
}
