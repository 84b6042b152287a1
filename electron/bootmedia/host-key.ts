import { utils } from 'ssh2';
import { hostKeyFromBlob, type HostKey } from '../ssh/fingerprint';

export interface BoxHostKey extends HostKey {
  /** OpenSSH's private key format, as sshd reads /etc/ssh/ssh_host_ed25519_key. */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment`, the .pub file. */
  publicKey: string;
}

/**
 * A new ed25519 host key for one box, made on the desktop so Cairn knows the
 * box's identity before it is powered on. ssh2 writes OpenSSH's own format.
 */
export function newBoxHostKey(hostname: string): BoxHostKey {
  const pair = utils.generateKeyPairSync('ed25519', { comment: `root@${hostname}` });
  const [type = '', base64 = ''] = pair.public.split(' ');
  const key = hostKeyFromBlob(Buffer.from(base64, 'base64'));
  if (key.type !== type) throw new Error('The generated host key does not read back as itself.');
  return { ...key, privateKey: pair.private, publicKey: pair.public.trim() };
}
