import { createHash } from 'node:crypto';

/** A server's public host key, as SSH sends it (the "blob") and as people compare it. */
export interface HostKey {
  /** The key type inside the blob, e.g. "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256". */
  type: string;
  /** The blob in base64, exactly as the second field of a known_hosts line. */
  base64: string;
  /** "SHA256:" and the unpadded base64 SHA-256 of the blob, as OpenSSH prints it. */
  fingerprint: string;
}

export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Reads the key type from the blob's first field (a length-prefixed string). */
export function hostKeyFromBlob(blob: Buffer): HostKey {
  if (blob.length < 4) throw new Error('The server sent a host key too short to read.');
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) throw new Error('The server sent a host key whose type cannot be read.');
  return { type: blob.subarray(4, 4 + length).toString('latin1'), base64: blob.toString('base64'), fingerprint: fingerprintOf(blob) };
}

export function hostKeyFromBase64(base64: string): HostKey {
  return hostKeyFromBlob(Buffer.from(base64, 'base64'));
}
