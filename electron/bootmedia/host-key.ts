import { createPrivateKey } from 'node:crypto';
import { utils } from 'ssh2';
import { hostKeyFromBlob, type HostKey } from '../ssh/fingerprint';

export interface BoxHostKey extends HostKey {
  /** OpenSSH's private key format, as sshd reads /etc/ssh/ssh_host_ed25519_key. */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment`, the .pub file. */
  publicKey: string;
  /** The same key as Dropbear stores it (/etc/dropbear/dropbear_ed25519_host_key). */
  dropbearKey: Buffer;
}

const sshString = (bytes: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/**
 * Dropbear's own key file (its signkey code): the string "ssh-ed25519", then
 * one string of the 32-byte seed followed by the 32-byte public key. Read by
 * `dropbearkey -y` and `dropbear -r` as they read keys they made themselves.
 */
export function dropbearEd25519(privateKey: string): Buffer {
  const parsed = utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined || key instanceof Error || key.type !== 'ssh-ed25519') throw new Error('Only an ed25519 key converts to Dropbear here.');
  const jwk = createPrivateKey(key.getPrivatePEM()).export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(jwk.x ?? '', 'base64url');
  if (seed.length !== 32 || pub.length !== 32) throw new Error('The ed25519 key has an unexpected size.');
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(Buffer.concat([seed, pub]))]);
}

/**
 * An ed25519 key pair in OpenSSH's format. ssh2 writes about one key in a
 * thousand in a form that it (and so possibly sshd) cannot read back
 * ("Malformed OpenSSH private key"); such a key is made again.
 */
export function newEd25519Pair(comment: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (!(utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error('Cairn could not make an ed25519 key that reads back; try again.');
}

/**
 * A new ed25519 host key for one box, made on the desktop so Cairn knows the
 * box's identity before it is powered on. ssh2 writes OpenSSH's own format.
 */
export function newBoxHostKey(hostname: string): BoxHostKey {
  const pair = newEd25519Pair(`root@${hostname}`);
  const [type = '', base64 = ''] = pair.public.split(' ');
  const key = hostKeyFromBlob(Buffer.from(base64, 'base64'));
  if (key.type !== type) throw new Error('The generated host key does not read back as itself.');
  return { ...key, privateKey: pair.private, publicKey: pair.public.trim(), dropbearKey: dropbearEd25519(pair.private) };
}
