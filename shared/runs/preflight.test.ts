import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultProfile, type Profile } from '../profile';
import { PREFLIGHT_SCRIPT, parsePreflight, type PreflightFacts } from './preflight';
import { checkPreflight } from './preflight-check';

const ISO_BOX = [
  'release=3.20.3',
  'arch=x86_64',
  'uid=0',
  'doas=',
  'setup-alpine=/sbin/setup-alpine',
  'alpine-conf=alpine-conf-3.18.1-r0',
  'mem-kb=2030112',
  'disks=loop0 sda sda1 sr0 vda nvme0n1 nvme0n1p1 mmcblk0 ',
  'interfaces=eth0 lo wlan0 ',
  'root-mount=tmpfs tmpfs',
  'modloop=yes',
  'boot-media=/media/cdrom/apks',
  'media=cdrom floppy usb ',
].join('\n');

const facts = (changes: Partial<PreflightFacts> = {}): PreflightFacts => ({ ...parsePreflight(ISO_BOX), ...changes });
const withDisk = (mode: 'sys' | 'data' | 'none', disks: string[]): Profile => {
  const p = defaultProfile();
  return { ...p, disk: { ...p.disk, mode, disks } };
};
const errors = (f: PreflightFacts, p: Profile) =>
  checkPreflight(f, p)
    .filter((x) => x.severity === 'error')
    .map((x) => x.message);
const warnings = (f: PreflightFacts, p: Profile) =>
  checkPreflight(f, p)
    .filter((x) => x.severity === 'warning')
    .map((x) => x.message);

describe('reading the preflight answers', () => {
  it('reads a booted ISO: release, versions, whole disks only, interfaces, RAM boot', () => {
    expect(parsePreflight(ISO_BOX)).toEqual({
      alpineRelease: '3.20.3',
      arch: 'x86_64',
      uid: 0,
      doas: false,
      doasNoPassword: false,
      setupAlpine: '/sbin/setup-alpine',
      alpineConf: '3.18.1-r0',
      memTotalKb: 2030112,
      disks: ['sda', 'vda', 'nvme0n1', 'mmcblk0'],
      interfaces: ['eth0', 'lo', 'wlan0'],
      boot: 'ram',
      rootMount: 'tmpfs tmpfs',
      media: ['cdrom', 'floppy', 'usb'],
    });
  });

  it('keeps what the box could not say as unknown rather than empty', () => {
    const f = parsePreflight('release=3.20.3\nuid=0\ninterfaces=\n');
    expect(f).toMatchObject({ disks: null, interfaces: null, memTotalKb: null, boot: 'unknown', alpineConf: null });
    expect(parsePreflight('disks=\n').disks).toEqual([]);
  });

  it('tells an installed system by its root on a disk', () => {
    expect(parsePreflight('root-mount=/dev/sda3 ext4\n').boot).toBe('disk');
  });

  it('runs under a real POSIX sh and prints only key=value lines', () => {
    const out = execFileSync('/bin/sh', ['-c', PREFLIGHT_SCRIPT], { encoding: 'utf8' });
    expect(
      out
        .trim()
        .split('\n')
        .every((l) => /^[a-z-]+=/.test(l)),
    ).toBe(true);
    expect(parsePreflight(out).uid).toBe(process.getuid?.());
  });

  // The script reads folders and files with the shell's own read and globs; this machine's own
  // /sys and /proc say what it must find.
  it('reads disks, interfaces, memory and the root mount as the files say', () => {
    const out = execFileSync('/bin/sh', ['-c', PREFLIGHT_SCRIPT], { encoding: 'utf8' });
    const f = parsePreflight(out);
    const raw = (key: string) => (new RegExp(`^${key}=(.*)$`, 'm').exec(out)?.[1] ?? '').split(' ').filter(Boolean).sort();
    expect(raw('interfaces')).toEqual(readdirSync('/sys/class/net').sort());
    expect(raw('disks')).toEqual(readdirSync('/sys/block').sort());
    expect(f.memTotalKb).toBe(Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]));
    const root = readFileSync('/proc/mounts', 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .filter((m) => m[1] === '/')
      .at(-1);
    expect(f.rootMount).toBe(root ? `${root[0]} ${root[2]}` : null);
    const found = (program: string) => execFileSync('/bin/sh', ['-c', 'command -v "$1" || true', 'sh', program], { encoding: 'utf8' }).trim() || null;
    expect(raw('doas').join(' ') || null).toBe(found('doas'));
    expect(f.setupAlpine).toBe(found('setup-alpine'));
    expect(f.alpineRelease).toBe(existsSync('/etc/alpine-release') ? readFileSync('/etc/alpine-release', 'utf8').trim() : null);
  });
});

describe('what refuses a run', () => {
  it('lets a root ISO box with the named disk pass', () => {
    expect(errors(facts(), withDisk('sys', ['/dev/sda']))).toEqual([]);
  });

  it('refuses a box that is not Alpine, and says nothing else', () => {
    expect(checkPreflight(facts({ alpineRelease: null }), defaultProfile())).toEqual([{ severity: 'error', message: expect.stringContaining('does not run Alpine Linux') }]);
  });

  it('refuses when setup-alpine is missing', () => {
    expect(errors(facts({ setupAlpine: null }), withDisk('none', []))).toEqual([expect.stringContaining('apk add alpine-conf')]);
  });

  it('refuses a named disk the box does not have, listing the ones it has', () => {
    expect(errors(facts(), withDisk('sys', ['/dev/sdb']))).toEqual([
      'The disk /dev/sdb does not exist on the box (it has /dev/sda, /dev/vda, /dev/nvme0n1, /dev/mmcblk0): choose one of its disks in the Disk step.',
    ]);
  });

  it('only warns when the disk list is unknown', () => {
    const f = facts({ disks: null });
    expect(errors(f, withDisk('sys', ['/dev/sdb']))).toEqual([]);
    expect(warnings(f, withDisk('sys', ['/dev/sdb']))).toContainEqual(expect.stringContaining('cannot check that /dev/sdb exists'));
  });

  it('refuses a sys install on a box that already runs from a disk', () => {
    expect(errors(facts({ boot: 'disk', rootMount: '/dev/sda3 ext4' }), withDisk('sys', ['/dev/sda']))).toEqual([expect.stringContaining('/ is /dev/sda3 ext4')]);
    expect(errors(facts({ boot: 'disk' }), withDisk('none', []))).toEqual([]);
  });

  it('needs root, doas that does not ask for a password, or the doas password to type', () => {
    expect(errors(facts({ uid: 1000, doas: false }), withDisk('none', []))).toEqual([expect.stringContaining('doas is not installed')]);
    expect(errors(facts({ uid: 1000, doas: true }), withDisk('none', []))).toEqual([expect.stringMatching(/enter it as the target's doas password.*permit nopass/)]);
    expect(errors(facts({ uid: 1000, doas: true, doasNoPassword: true }), withDisk('none', []))).toEqual([]);
    expect(checkPreflight(facts({ uid: 1000, doas: true }), withDisk('none', []), { doasPassword: true }).filter((p) => p.severity === 'error')).toEqual([]);
    // A kept password does not make up for a missing doas.
    expect(checkPreflight(facts({ uid: 1000, doas: false }), withDisk('none', []), { doasPassword: true }).map((p) => p.message)).toEqual([
      expect.stringContaining('doas is not installed'),
    ]);
  });

  it('warns about an interface the box does not have', () => {
    const p = { ...withDisk('none', []), interfaces: [{ ...defaultProfile().interfaces[0]!, name: 'eth1' }] };
    expect(warnings(facts(), p)).toEqual([expect.stringContaining('no interface eth1')]);
  });
});

describe('the LBU medium', () => {
  const diskless = (lbuMedia: string | null): Profile => {
    const p = withDisk('none', []);
    return { ...p, diskless: { ...p.diskless, lbuMedia } };
  };

  it('refuses a medium the box has no /media folder for: setup-lbu would stop there', () => {
    expect(errors(facts(), diskless('mmcblk0p1'))).toEqual([expect.stringMatching(/no \/media\/mmcblk0p1 \(its \/media holds cdrom, floppy, usb\).*not a directory/)]);
    expect(errors(facts(), diskless('usb'))).toEqual([]);
    expect(errors(facts({ media: ['mmcblk0p1'] }), diskless('mmcblk0p1'))).toEqual([]);
  });

  it('leaves alone what it cannot check: no medium, LABEL=, a disk install, a box that did not list /media', () => {
    expect(errors(facts(), diskless(null))).toEqual([]);
    expect(errors(facts(), diskless('LABEL=APKOVL'))).toEqual([]);
    expect(errors(facts({ media: null }), diskless('sdb1'))).toEqual([]);
    expect(errors(facts(), { ...withDisk('sys', ['/dev/sda']), diskless: { lbuMedia: 'sdb1', apkCacheDir: null } })).toEqual([]);
  });
});
