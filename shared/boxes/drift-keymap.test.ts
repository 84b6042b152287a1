import { describe, expect, it } from 'vitest';
import { runWithShims } from '../plan/shims.test-support';
import { fixSteps } from './drift';
import { driftOf, pi, piProfile, rows } from './drift-pi.test-support';

describe('keymap drift', () => {
  it('compares the variant setup-keymap copied and loadkmap at boot', () => {
    expect(rows({ ...piProfile(), keymap: { layout: 'de', variant: 'de-latin1' } }, pi())).toEqual([
      { field: 'keymap', item: null, expected: 'de de-latin1', actual: 'us', guarded: false },
    ]);
    const found = driftOf(piProfile(), pi({ keymap: '', runlevels: '/etc/runlevels/default/chronyd\n/etc/runlevels/default/sshd\n/etc/runlevels/default/mosquitto' }));
    expect(found.map((d) => [d.field, d.actual])).toEqual([['keymap', 'no keymap set (/etc/conf.d/loadkmap)']]);
    expect(found[0]?.diff).toEqual([
      { side: 'profile', text: 'KEYMAP=/etc/keymap/us.bmap.gz' },
      { side: 'profile', text: 'loadkmap in the boot runlevel' },
    ]);
  });

  it('notices loadkmap missing from boot even when the map is right', () => {
    const found = driftOf(piProfile(), pi({ runlevels: '/etc/runlevels/default/chronyd\n/etc/runlevels/default/sshd\n/etc/runlevels/default/mosquitto' }));
    expect(found.map((d) => [d.field, d.diff.filter((l) => l.side !== 'both').map((l) => `${l.side}: ${l.text}`)])).toEqual([
      ['keymap', ['profile: loadkmap in the boot runlevel']],
    ]);
  });

  it('leaves the box alone when the profile sets no keymap, and offers no fix for a map Alpine lacks', () => {
    expect(driftOf({ ...piProfile(), keymap: null }, pi({ keymap: '' }))).toEqual([]);
    expect(driftOf({ ...piProfile(), keymap: { layout: 'us', variant: 'klingon' } }, pi())[0]?.fix).toBeNull();
  });

  it('runs setup-keymap with the layout and variant', () => {
    const [step] = fixSteps(driftOf({ ...piProfile(), keymap: { layout: 'fr', variant: 'fr-bepo' } }, pi()));
    const run = runWithShims(step?.command ?? 'false', ['setup-keymap']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([['setup-keymap', 'fr', 'fr-bepo']]);
  });
});
