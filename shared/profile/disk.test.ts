import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, warningAt, withChange } from './validate.test-support';

describe('disk', () => {
  it('requires two or more disks for RAID and RAID for two or more disks', () => {
    expect(
      errorAt(
        withChange((p) => (p.disk.raid = true)),
        'disk.raid',
      )?.message,
    ).toMatch(/two or more disks/);
    expect(
      errorAt(
        withChange((p) => (p.disk.disks = ['/dev/sda', '/dev/sdb'])),
        'disk.raid',
      ),
    ).toBeDefined();
    const raid = withChange((p) => (p.disk = { ...p.disk, raid: true, disks: ['/dev/sda', '/dev/sdb'] }));
    expect(errorsOf(validate(raid))).toEqual([]);
  });

  it('checks disk sizes, names and options', () => {
    const p = withChange((p) => (p.disk = { ...p.disk, disks: ['sda', '/dev/sda', '/dev/sda'], swapMb: -1, rootMb: 10, kernelFlavor: 'LTS!' }));
    for (const f of ['disk.disks.0', 'disk.disks.2', 'disk.swapMb', 'disk.rootMb', 'disk.kernelFlavor']) expect(errorAt(p, f), f).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.disk.disks = [])),
        'disk.disks',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.disk.bootFs = 'vfat')),
        'disk.bootFs',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.disk.encrypt = true)),
        'disk.passphrase',
      )?.message,
    ).toMatch(/Enter the disk passphrase: Cairn types it when setup-disk asks/);
    expect(
      warningAt(
        withChange((p) => ((p.disk.encrypt = true), (p.disk.passphrase = 'sesame'))),
        'disk.encrypt',
      )?.message,
    ).toMatch(/every boot, at its own console/);
    expect(
      errorAt(
        withChange((p) => ((p.disk.encrypt = true), (p.disk.passphrase = 'a\nb'))),
        'disk.passphrase',
      )?.message,
    ).toMatch(/control characters/);
  });

  it('refuses a boot partition too small to hold a kernel', () => {
    expect(
      errorAt(
        withChange((x) => (x.disk.bootMb = 8)),
        'disk.bootMb',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((x) => (x.disk.bootMb = 512)),
        'disk.bootMb',
      ),
    ).toBeUndefined();
  });
});
