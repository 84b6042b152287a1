import { op } from '../shell';
import type { Parts } from './privilege';

export const FORWARDING_FILE = '/etc/sysctl.d/90-cairn-ip-forwarding.conf';

export const FORWARDING_SETTINGS = ['net.ipv4.ip_forward = 1', 'net.ipv6.conf.all.forwarding = 1'];

/**
 * Routing between interfaces is not a setup-alpine option: it is a sysctl.d
 * file, which the sysctl service reads at boot (and lbu or setup-disk carry
 * over like the rest of /etc). `path` is a parameter only for tests.
 */
export function writeForwarding(path = FORWARDING_FILE): Parts {
  return ['printf', '%s\\n', ...FORWARDING_SETTINGS, op('>'), path];
}
