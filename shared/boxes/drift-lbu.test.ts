import { describe, expect, it } from 'vitest';
import { runWithShims } from '../plan/shims.test-support';
import { fixSteps } from './drift';
import { driftOf, pi, piProfile, rows } from './drift-pi.test-support';

describe('lbu and apk cache drift', () => {
  it('compares LBU_MEDIA as setup-lbu writes it, /media/NAME and a trailing slash included', () => {
    const diskless = piProfile();
    expect(driftOf({ ...diskless, diskless: { ...diskless.diskless, lbuMedia: '/media/mmcblk0p1/' } }, pi())).toEqual([]);
    expect(rows({ ...diskless, diskless: { ...diskless.diskless, lbuMedia: 'usb' } }, pi())).toEqual([
      { field: 'lbu', item: null, expected: 'usb', actual: 'mmcblk0p1', guarded: false },
    ]);
    expect(rows(diskless, pi({ 'lbu-conf': '# LBU_MEDIA=usb' }))[0]?.actual).toBe('no LBU_MEDIA in /etc/lbu/lbu.conf');
  });

  it('compares where /etc/apk/cache links to', () => {
    const diskless = piProfile();
    expect(rows(diskless, pi({ 'apk-cache': '' }))).toEqual([
      { field: 'apkcache', item: null, expected: '/media/mmcblk0p1/cache', actual: 'no apk cache (/etc/apk/cache is no link)', guarded: false },
    ]);
    expect(driftOf(diskless, pi({ 'apk-cache': '/media/mmcblk0p1/cache/' }))).toEqual([]);
  });

  it('ignores both after a disk install, as setup-alpine does', () => {
    const p = piProfile();
    expect(driftOf({ ...p, disk: { ...p.disk, mode: 'sys' }, diskless: { lbuMedia: 'usb', apkCacheDir: '/media/usb/cache' } }, pi({ 'apk-cache': '' }))).toEqual([]);
  });

  it('runs setup-lbu and setup-apkcache with the profile values', () => {
    const p = piProfile();
    const steps = fixSteps(driftOf({ ...p, diskless: { lbuMedia: 'LABEL=APKOVL', apkCacheDir: '/media/LABEL=APKOVL/cache' } }, pi()));
    const run = runWithShims(steps.map((s) => s.command).join(' && '), ['setup-lbu', 'setup-apkcache']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([
      ['setup-lbu', 'LABEL=APKOVL'],
      ['setup-apkcache', '/media/LABEL=APKOVL/cache'],
    ]);
  });
});
