import { describe, expect, it } from 'vitest';
import { validate } from './validate';
import { errorAt, warningAt, withChange } from './validate.test-support';

// The apkcache section is stored as diskless.apkCacheDir (sections.ts).
const fromRam = (apkCacheDir: string | null, packages: string[] = []) =>
  withChange((p) => {
    p.disk = { ...p.disk, mode: 'none', disks: [] };
    p.diskless = { lbuMedia: 'usb', apkCacheDir };
    p.packages = packages;
  });

describe('apkcache', () => {
  it('refuses a cache directory that is not a path without spaces', () => {
    const bad = withChange((p) => {
      p.disk = { ...p.disk, mode: 'none', disks: [] };
      p.diskless = { lbuMedia: 'my usb', apkCacheDir: 'cache dir' };
    });
    expect(errorAt(bad, 'diskless.apkCacheDir')).toBeDefined();
    expect(errorAt(fromRam('/media/usb/cache'), 'diskless.apkCacheDir')).toBeUndefined();
  });

  it('warns that without a cache extra packages are downloaded at every boot', () => {
    expect(warningAt(fromRam(null, ['htop']), 'diskless.apkCacheDir')?.message).toMatch(/downloaded again at every boot/);
    expect(warningAt(fromRam(null), 'diskless.apkCacheDir')).toBeUndefined();
  });

  it('says nothing of its own after a disk install, which skips setup-apkcache', () => {
    const sys = withChange((p) => {
      p.diskless = { lbuMedia: null, apkCacheDir: 'cache dir' };
      p.packages = ['htop'];
    });
    expect(validate(sys).filter((x) => x.path.startsWith('diskless'))).toEqual([expect.objectContaining({ path: 'diskless', severity: 'warning' })]);
  });
});
