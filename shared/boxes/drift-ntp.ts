import type { Profile } from '../profile';
import { fixStep, lineDiff, row, sameLines, type Drift, type DriftInput } from './drift-core';

/** What setup-ntp installs and enables for each choice (busybox's ntpd comes with the base system). */
export const NTP_CLIENTS: Record<Exclude<Profile['ntp'], 'none'>, { service: string; package: string | null }> = {
  busybox: { service: 'ntpd', package: null },
  chrony: { service: 'chronyd', package: 'chrony' },
  openntpd: { service: 'openntpd', package: 'openntpd' },
};

/** The chosen NTP client is installed and in the default runlevel; "none" leaves the box's clock alone. */
export function ntpDrift({ profile, facts }: DriftInput): Drift[] {
  if (profile.ntp === 'none') return [];
  const { service, package: pkg } = NTP_CLIENTS[profile.ntp];
  const installed = (p: string) => `package ${p} installed`;
  const enabled = `${service} in the default runlevel`;
  const expected = [...(pkg === null ? [] : [installed(pkg)]), enabled];
  const actual = [...(pkg !== null && facts.world.includes(pkg) ? [installed(pkg)] : []), ...((facts.runlevels.default ?? []).includes(service) ? [enabled] : [])];
  if (sameLines(expected, actual)) return [];
  const running = Object.entries(NTP_CLIENTS)
    .filter(([, c]) => (facts.runlevels.default ?? []).includes(c.service))
    .map(([name]) => name);
  return [
    row({
      field: 'ntp',
      item: null,
      expected: profile.ntp,
      actual: running.length === 0 ? 'no NTP client enabled' : running.join(', '),
      diff: lineDiff(expected, actual),
      fix: fixStep('ntp', 'ntp', `Set up ${profile.ntp} as the NTP client`, ['setup-ntp', profile.ntp]),
    }),
  ];
}
