import { describe, expect, it } from 'vitest';
import { apkSummary, indexesMissing, parseApkInfo, parseApkVersionUpgradable, parseRepositories, parseWorld, splitPackageVersion } from './apk';
import { fixture } from './fixtures.test-support';

describe('parseApkInfo', () => {
  it('reads every package of the real minirootfs with its version and release', () => {
    const packages = parseApkInfo(fixture('apk-info-v.captured.txt'));
    expect(packages).toHaveLength(14);
    expect(packages).toContainEqual({ name: 'alpine-baselayout-data', version: '3.6.5-r0' });
    expect(packages).toContainEqual({ name: 'ca-certificates-bundle', version: '20240705-r0' });
    expect(packages).toContainEqual({ name: 'libcrypto3', version: '3.3.2-r0' });
    expect(packages).toContainEqual({ name: 'busybox-binsh', version: '1.36.1-r29' });
  });

  it.each([
    ['font-misc-75dpi-1.0.4-r2', 'font-misc-75dpi', '1.0.4-r2'],
    ['lua5.4-5.4.6-r1', 'lua5.4', '5.4.6-r1'],
    ['py3-setuptools-70.3.0-r0', 'py3-setuptools', '70.3.0-r0'],
    ['xf86-video-vesa-2.6.0-r0', 'xf86-video-vesa', '2.6.0-r0'],
    ['gcc-13.2.1_git20240309-r0', 'gcc', '13.2.1_git20240309-r0'],
    ['7zip-23.01-r0', '7zip', '23.01-r0'],
    ['llvm17-libs-17.0.6-r1', 'llvm17-libs', '17.0.6-r1'],
    ['linux-firmware-rtl_nic-20240610-r0', 'linux-firmware-rtl_nic', '20240610-r0'],
  ])('splits %s into a name with dashes and digits and its version', (line, name, version) => {
    expect(splitPackageVersion(line)).toEqual({ name, version });
  });

  it('skips messages and lines that are not packages', () => {
    expect(parseApkInfo('WARNING: opening from cache x: No such file or directory\n\nnot a package\nzlib-1.3.1-r1\n')).toEqual([{ name: 'zlib', version: '1.3.1-r1' }]);
  });
});

describe('parseApkVersionUpgradable', () => {
  it('reads installed and available versions from real apk output', () => {
    expect(parseApkVersionUpgradable(fixture('apk-version.captured.txt'))).toEqual([
      { name: 'busybox', installed: '1.36.1-r29', available: '1.36.1-r30', tag: null },
      { name: 'ca-certificates-bundle', installed: '20240705-r0', available: '20240705-r1', tag: null },
      { name: 'libcrypto3', installed: '3.3.2-r0', available: '3.3.2-r1', tag: null },
    ]);
  });

  it('keeps the tag of a version from a tagged repository', () => {
    expect(parseApkVersionUpgradable(fixture('apk-version-tagged.captured.txt')).at(-1)).toEqual({
      name: 'zlib',
      installed: '1.3.1-r1',
      available: '1.3.2-r0',
      tag: '@edge',
    });
  });

  it('finds nothing to upgrade and says the indexes are missing when none was downloaded', () => {
    const output = fixture('apk-version-no-indexes.captured.txt');
    expect(parseApkVersionUpgradable(output)).toEqual([]);
    expect(indexesMissing(output)).toBe(true);
    expect(indexesMissing(fixture('apk-version.captured.txt'))).toBe(false);
  });
});

describe('world and repositories', () => {
  it('takes package names from world entries with tags and constraints, leaving out forbidden ones', () => {
    expect(parseWorld('alpine-base\nnginx@edge\nhtop>=3.3\nchrony=4.5-r0\n!sudo\nnginx\n')).toEqual(['alpine-base', 'nginx', 'htop', 'chrony']);
  });

  it('reads repository lines, their tags, and skips comments', () => {
    expect(parseRepositories('#/media/usb/apks\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/main\n\n@edge https://dl-cdn.alpinelinux.org/alpine/edge/testing\n')).toEqual([
      { url: 'https://dl-cdn.alpinelinux.org/alpine/v3.20/main', tag: null },
      { url: 'https://dl-cdn.alpinelinux.org/alpine/edge/testing', tag: '@edge' },
    ]);
  });

  it('keeps the last OK summary of apk', () => {
    expect(apkSummary('(1/1) Installing htop (3.3.0-r0)\nOK: 12 MiB in 20 packages\n')).toBe('OK: 12 MiB in 20 packages');
    expect(apkSummary('')).toBeNull();
  });
});
