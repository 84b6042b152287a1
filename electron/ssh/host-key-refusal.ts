import type { ApiError, HostKeyDetails } from '../../shared/api/result';
import { hostLabel, type SshError } from './errors';

type HostKeyError = Extract<SshError, { code: 'host-key-unknown' | 'host-key-changed' }>;

/** OpenSSH's spelling of a host in known_hosts and for `ssh-keygen -R`. */
const knownHostsName = (host: string, port: number) => (port === 22 ? host : `[${host}]:${port}`);

/**
 * A host-key refusal as the window acts on it: the presented key (to compare
 * and trust), the expected fingerprint and where it is kept; with a sentence
 * saying where to remove a key that is not Cairn's to remove.
 */
export function hostKeyRefusal(error: HostKeyError): ApiError & { code: HostKeyError['code']; details: HostKeyDetails } {
  if (error.code === 'host-key-unknown') {
    const { host, port, key } = error;
    return { code: 'host-key-unknown', message: error.message, details: { host, port, keyType: key.type, fingerprint: key.fingerprint, key: key.base64 } };
  }
  const { host, port, key, expected, knownIn } = error;
  const where = {
    cairn: '',
    user: ` The old key is in your own ~/.ssh/known_hosts, not Cairn's: after checking the box, remove it there with ssh-keygen -R "${knownHostsName(host, port)}".`,
    medium: ` The old key is the one Cairn made for this box's boot medium: if the box was set up again, remove its target and add it anew.`,
  }[knownIn];
  return {
    code: 'host-key-changed',
    message: `${error.message}${where}`,
    details: { host, port, keyType: key.type, fingerprint: key.fingerprint, key: key.base64, expected, knownIn },
  };
}

/** The line the log keeps about a changed key (never the key itself, only fingerprints). */
export const changedKeyLogLine = (error: Extract<SshError, { code: 'host-key-changed' }>) =>
  `The host key of ${hostLabel(error.host, error.port)} changed from ${error.expected} to ${error.key.fingerprint}; nothing was sent.`;
