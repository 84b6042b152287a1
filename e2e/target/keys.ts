import { readFile, writeFile } from 'node:fs/promises';
import { hostCommand } from './host-command';

export interface PublicKeyInfo {
  /** One authorized_keys / known_hosts line: "ssh-ed25519 AAAA… comment". */
  publicKey: string;
  /** OpenSSH's own rendering: "SHA256:…" (base64, no padding). */
  fingerprint: string;
}

/** Fingerprint as ssh-keygen prints it, so tests compare against OpenSSH, not against Cairn's own code. */
export async function fingerprintOf(publicKeyFile: string): Promise<string> {
  const { stdout } = await hostCommand('/usr/bin/ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]);
  const match = /SHA256:[A-Za-z0-9+/]+/.exec(stdout);
  if (!match) throw new Error(`ssh-keygen printed no fingerprint for ${publicKeyFile}: ${stdout}`);
  return match[0];
}

/** An OpenSSH ed25519 key pair at file and file.pub. */
export async function makeOpenSshKey(file: string, comment: string, passphrase = ''): Promise<PublicKeyInfo> {
  await hostCommand('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file]);
  const publicKey = (await readFile(`${file}.pub`, 'utf8')).trim();
  return { publicKey, fingerprint: await fingerprintOf(`${file}.pub`) };
}

/** A Dropbear ed25519 host key at file; its public half is also written to file.pub. */
export async function makeDropbearKey(file: string): Promise<PublicKeyInfo> {
  await hostCommand('/usr/bin/dropbearkey', ['-t', 'ed25519', '-f', file]);
  const { stdout } = await hostCommand('/usr/bin/dropbearkey', ['-y', '-f', file]);
  const line = stdout.split('\n').find((l) => l.startsWith('ssh-'));
  if (!line) throw new Error(`dropbearkey printed no public key for ${file}: ${stdout}`);
  const publicKey = line.trim().split(/\s+/).slice(0, 2).join(' ');
  await writeFile(`${file}.pub`, `${publicKey}\n`);
  return { publicKey, fingerprint: await fingerprintOf(`${file}.pub`) };
}
