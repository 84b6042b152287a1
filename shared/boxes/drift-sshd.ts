import { fixStep, lineDiff, row, sameLines, type Drift, type DriftInput } from './drift-core';
import { appendKeys, missingKeys, shortKey } from './drift-keys';

const SERVICE = { openssh: 'sshd', dropbear: 'dropbear' } as const;

/**
 * The SSH server the profile chose is installed and enabled (guarded:
 * changing it can lock Cairn out), and root's keys, which setup-sshd
 * writes, are in /root/.ssh/authorized_keys (only added, never removed).
 */
export function sshdDrift({ profile, facts, config }: DriftInput): Drift[] {
  if (profile.sshd === 'none') return [];
  const out: Drift[] = [];
  const service = SERVICE[profile.sshd];
  const installed = `package ${profile.sshd} installed`;
  const enabled = `${service} in the default runlevel`;
  const expected = [installed, enabled];
  const actual = [...(facts.world.includes(profile.sshd) ? [installed] : []), ...((facts.runlevels.default ?? []).includes(service) ? [enabled] : [])];
  if (!sameLines(expected, actual)) {
    out.push(
      row({
        field: 'sshd',
        item: null,
        expected: `${profile.sshd}, enabled at boot`,
        actual:
          actual.length === 0 ? `${profile.sshd} neither installed nor enabled` : actual.includes(installed) ? `${service} not enabled at boot` : `${profile.sshd} not installed`,
        diff: lineDiff(expected, actual),
        fix: fixStep('sshd', 'sshd', `Set up ${profile.sshd} as the SSH server`, ['setup-sshd', profile.sshd], true),
      }),
    );
  }
  const present = config.authorizedKeys['/root/.ssh/authorized_keys'] ?? [];
  const missing = missingKeys(profile.rootSshKeys, present);
  if (missing.length > 0) {
    out.push(
      row({
        field: 'sshd',
        item: 'root keys',
        expected: `${missing.length === 1 ? 'a key' : `${missing.length} keys`} in /root/.ssh/authorized_keys`,
        actual: `${missing.length === 1 ? 'it is' : 'they are'} missing`,
        diff: lineDiff(profile.rootSshKeys.map(shortKey), present.map(shortKey)),
        fix: fixStep('root-keys', 'sshd', `Add ${missing.length === 1 ? 'a key' : `${missing.length} keys`} to root's authorized_keys`, appendKeys('/root', 'root', missing)),
      }),
    );
  }
  return out;
}
