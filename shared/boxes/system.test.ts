import { describe, expect, it } from 'vitest';
import { fixtureLines } from './fixtures.test-support';
import { parseDf, parseLoadavg, parseMeminfo, parseMounts, parseTimezone, parseUptime, sameZone, storageOf } from './system';

describe('system readings', () => {
  it('reads total and available memory and swap from a real /proc/meminfo', () => {
    const lines = fixtureLines('proc-meminfo.captured.txt');
    const value = (key: string) => Number(/\d+/.exec(lines.find((l) => l.startsWith(`${key}:`)) ?? '')?.[0]);
    expect(parseMeminfo(lines)).toEqual({
      totalKib: value('MemTotal'),
      availableKib: value('MemAvailable'),
      swapTotalKib: value('SwapTotal'),
      swapFreeKib: value('SwapFree'),
    });
    expect(parseMeminfo([])).toBeNull();
  });

  it('estimates available memory on kernels without MemAvailable', () => {
    expect(parseMeminfo(['MemTotal: 1000 kB', 'MemFree: 100 kB', 'Buffers: 20 kB', 'Cached: 300 kB'])?.availableKib).toBe(420);
  });

  it('reads BusyBox df -P -k, and joins a source name wrapped onto its own line', () => {
    expect(parseDf(fixtureLines('df-P-k.captured.txt')).map((f) => [f.mountpoint, f.source, f.usedPercent])).toEqual([
      ['/', '/dev/vda', 23],
      ['/dev', 'devtmpfs', 0],
      ['/dev/shm', 'tmpfs', 0],
    ]);
    expect(parseDf(['Filesystem 1024-blocks Used Available Capacity Mounted on', '/dev/mapper/vg0-lv_root_with_a_long_name', '  1000 250 750 25% /'])).toEqual([
      { source: '/dev/mapper/vg0-lv_root_with_a_long_name', sizeKib: 1000, usedKib: 250, availableKib: 750, usedPercent: 25, mountpoint: '/' },
    ]);
  });

  it('tells an installed box from a diskless or data-disk one by what holds /', () => {
    expect(storageOf(parseMounts(fixtureLines('proc-mounts.captured.txt')))).toBe('installed');
    expect(storageOf(parseMounts(['tmpfs / tmpfs rw,relatime,mode=755 0 0', '/dev/sda1 /media/sda1 vfat ro 0 0']))).toBe('diskless');
    expect(storageOf(parseMounts(['tmpfs / tmpfs rw 0 0', '/dev/sda2 /var ext4 rw 0 0']))).toBe('data');
    expect(storageOf([])).toBe('unknown');
  });

  it('decodes escaped spaces in mount points', () => {
    expect(parseMounts(['/dev/sdb1 /media/my\\040stick vfat rw 0 0'])[0]?.mountpoint).toBe('/media/my stick');
  });

  it('reads uptime and load from real /proc files', () => {
    const [uptime = ''] = fixtureLines('proc-uptime.captured.txt');
    expect(parseUptime([uptime])).toBe(Math.floor(Number(uptime.split(' ')[0])));
    const [load = ''] = fixtureLines('proc-loadavg.captured.txt');
    const [one, five, fifteen] = load.split(' ').map(Number);
    expect(parseLoadavg([load])).toEqual({ one, five, fifteen });
    expect(parseUptime([])).toBeNull();
    expect(parseLoadavg([])).toBeNull();
  });

  it('names the zone /etc/localtime links to, UTC without one, and nothing for a copied file', () => {
    expect(parseTimezone(['/etc/zoneinfo/Europe/Berlin'])).toBe('Europe/Berlin');
    expect(parseTimezone(['/usr/share/zoneinfo/America/Argentina/Buenos_Aires'])).toBe('America/Argentina/Buenos_Aires');
    expect(parseTimezone([])).toBe('UTC');
    expect(parseTimezone(['localtime-is-a-file'])).toBeNull();
    expect(sameZone('UTC', 'Etc/UTC')).toBe(true);
    expect(sameZone('UTC', 'Europe/London')).toBe(false);
  });
});
