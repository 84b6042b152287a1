import { describe, expect, it } from 'vitest';
import { runWithShims } from '../plan/shims.test-support';
import { fixSteps } from './drift';
import { driftOf, pi, piProfile, rows } from './drift-pi.test-support';

describe('ntp drift', () => {
  it('wants the chosen client installed and in the default runlevel', () => {
    expect(rows({ ...piProfile(), ntp: 'openntpd' }, pi())).toEqual([{ field: 'ntp', item: null, expected: 'openntpd', actual: 'chrony', guarded: false }]);
    const found = driftOf(piProfile(), pi({ runlevels: '/etc/runlevels/boot/loadkmap\n/etc/runlevels/default/sshd\n/etc/runlevels/default/mosquitto' }));
    expect(found.map((d) => [d.field, d.actual])).toEqual([['ntp', 'no NTP client enabled']]);
    expect(found[0]?.diff).toEqual([
      { side: 'both', text: 'package chrony installed' },
      { side: 'profile', text: 'chronyd in the default runlevel' },
    ]);
  });

  it("takes busybox's ntpd as installed, and leaves the clock alone for none", () => {
    const busybox = pi({ runlevels: '/etc/runlevels/boot/loadkmap\n/etc/runlevels/default/ntpd\n/etc/runlevels/default/sshd\n/etc/runlevels/default/mosquitto' });
    expect(driftOf({ ...piProfile(), ntp: 'busybox' }, busybox)).toEqual([]);
    expect(driftOf({ ...piProfile(), ntp: 'none' }, busybox)).toEqual([]);
  });

  it('runs setup-ntp with the choice', () => {
    const run = runWithShims(fixSteps(driftOf({ ...piProfile(), ntp: 'openntpd' }, pi()))[0]?.command ?? 'false', ['setup-ntp']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([['setup-ntp', 'openntpd']]);
  });
});
