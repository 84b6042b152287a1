import type { ApiError, HostKeyDetails } from '../shared/api/result';

/** OpenSSH's spelling of a host in known_hosts and for `ssh-keygen -R`. */
const knownHostsName = (host: string, port: number) => (port === 22 ? host : `[${host}]:${port}`);

/** The file a box keeps this type of host key in: ed25519, ecdsa or rsa. */
const keyFileType = (keyType: string) => (keyType === 'ssh-ed25519' ? 'ed25519' : keyType.startsWith('ecdsa-') ? 'ecdsa' : 'rsa');

/** How to read the fingerprint on the box itself, to compare it with the one presented. */
export function compareAdvice(details: Pick<HostKeyDetails, 'keyType'>): string {
  const type = keyFileType(details.keyType);
  return `To compare, read the fingerprint on the box's console: ssh-keygen -lf /etc/ssh/ssh_host_${type}_key.pub (on Dropbear: dropbearkey -y -f /etc/dropbear/dropbear_${type}_host_key).`;
}

/**
 * A service's refusal as the command line says it: the service's sentence,
 * and what to do about it here, where the app would offer a button.
 */
export function failureText(error: ApiError, knownHostsPath: string): string {
  const { details } = error;
  if (error.code === 'host-key-unknown' && details !== undefined) return `${error.message}\n${compareAdvice(details)} If they match, run the command again with --accept-new.`;
  if (error.code === 'host-key-changed' && details !== undefined && details.knownIn === 'cairn')
    return `${error.message}\nCairn keeps the old key in ${knownHostsPath}: once you have checked the box, remove it with ssh-keygen -R "${knownHostsName(details.host, details.port)}" -f ${knownHostsPath}, then run again with --accept-new.`;
  if ((error.code === 'auth-failed' || error.code === 'key-unreadable') && /passphrase/i.test(error.message))
    return `${error.message}\nThe cairn command reads a key's passphrase from the environment variable CAIRN_KEY_PASSPHRASE.`;
  if (error.code === 'auth-failed' && /No password is stored/.test(error.message))
    return `${error.message}\nThe cairn command cannot read the passwords the app keeps in the system keyring: give the password in the environment variable CAIRN_PASSWORD, or log in with a key.`;
  return error.message;
}
