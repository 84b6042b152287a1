import { describe, expect, it } from 'vitest';
import { validate } from './validate';
import { errorAt, warningAt, withChange } from './validate.test-support';

// The lbu section is stored as diskless.lbuMedia (sections.ts).
describe('lbu', () => {
  it('warns, without refusing, when a box running from RAM or a data disk has no LBU medium', () => {
    const diskless = withChange((p) => (p.disk = { ...p.disk, mode: 'none', disks: [] }));
    expect(errorAt(diskless, 'diskless.lbuMedia')).toBeUndefined();
    expect(validate(diskless).find((x) => x.path === 'diskless.lbuMedia')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/lost at every reboot.*lbu commit/),
    });
    const data = withChange((p) => (p.disk = { ...p.disk, mode: 'data' }));
    expect(validate(data).find((x) => x.path === 'diskless.lbuMedia')?.severity).toBe('warning');
    const bad = withChange((p) => {
      p.disk = { ...p.disk, mode: 'none', disks: [] };
      p.diskless = { lbuMedia: 'my usb', apkCacheDir: 'cache dir' };
    });
    expect(errorAt(bad, 'diskless.lbuMedia')).toBeDefined();
    for (const media of ['none', '-d', '.', '..', '/', './'])
      expect(
        errorAt(
          withChange((p) => {
            p.disk = { ...p.disk, mode: 'none', disks: [] };
            p.diskless.lbuMedia = media;
          }),
          'diskless.lbuMedia',
        ),
        media,
      ).toBeDefined();
    const sys = withChange((p) => (p.diskless = { lbuMedia: 'usb', apkCacheDir: null }));
    expect(warningAt(sys, 'diskless')?.message).toMatch(/ignored/);
  });
});
