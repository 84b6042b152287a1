import { describe, expect, it } from 'vitest';
import { formatAge, formatDisk, formatKib, formatLbu, formatLoad, formatMemory, formatUpgrades, formatUptime, losesChangesOnReboot } from './format';

const fs = (mountpoint: string, sizeKib: number, usedPercent: number) => ({ source: 'x', mountpoint, sizeKib, usedKib: 0, availableKib: 0, usedPercent });

describe('how the overview says the facts', () => {
  it('says uptime in the two largest units that matter', () => {
    expect(formatUptime(40)).toBe('40 s');
    expect(formatUptime(12 * 60 + 5)).toBe('12 min');
    expect(formatUptime(5 * 3600 + 12 * 60)).toBe('5 h 12 min');
    expect(formatUptime(86_400)).toBe('1 day');
    expect(formatUptime(3 * 86_400 + 4 * 3600 + 59)).toBe('3 days 4 h');
  });

  it('says sizes in the largest unit that keeps a number of at least one', () => {
    expect(formatKib(512)).toBe('512 KiB');
    expect(formatKib(1536)).toBe('1.5 MiB');
    expect(formatKib(2 * 1024 * 1024)).toBe('2.0 GiB');
    expect(formatKib(30 * 1024 * 1024)).toBe('30 GiB');
  });

  it('counts memory in use as what is not available', () => {
    expect(formatMemory({ totalKib: 4 * 1024 * 1024, availableKib: 3 * 1024 * 1024, swapTotalKib: 0, swapFreeKib: 0 })).toBe('1.0 GiB of 4.0 GiB in use');
    expect(formatMemory(null)).toBe('Unknown');
    expect(formatLoad({ one: 0.5, five: 0.25, fifteen: 1 })).toBe('0.50, 0.25, 1.00');
  });

  it('reports the root filesystem, or the largest one when / is not listed', () => {
    expect(formatDisk([fs('/boot', 100_000, 40), fs('/', 8 * 1024 * 1024, 63)])).toBe('63% of 8.0 GiB used on /');
    expect(formatDisk([fs('/media/usb', 100_000, 10), fs('/var', 900_000, 20)])).toBe('20% of 879 MiB used on /var');
    expect(formatDisk([])).toBe('Unknown');
  });

  it('says what lbu has not saved, or why it cannot tell', () => {
    expect(formatLbu({ media: 'usb', backupDir: null, uncommitted: 0, problem: null })).toBe('None');
    expect(formatLbu({ media: 'usb', backupDir: null, uncommitted: 1, problem: null })).toBe('1 change not saved');
    expect(formatLbu({ media: null, backupDir: null, uncommitted: null, problem: 'lbu is not installed on this box.' })).toBe('lbu is not installed on this box.');
  });

  it('does not claim a box is up to date when it never downloaded an index', () => {
    expect(formatUpgrades({ count: 0, indexesMissing: true })).toMatch(/^Not checked yet/);
    expect(formatUpgrades({ count: 0, indexesMissing: false })).toBe('Up to date');
    expect(formatUpgrades({ count: 3, indexesMissing: false })).toBe('3 packages to upgrade');
  });

  it('warns before a reboot only when a box that may run from RAM has unsaved changes', () => {
    const facts = (storage: 'installed' | 'diskless' | 'unknown', uncommitted: number | null) =>
      ({ storage, lbu: { media: null, backupDir: null, uncommitted, problem: null } }) as Parameters<typeof losesChangesOnReboot>[0];
    expect(losesChangesOnReboot(facts('diskless', 2))).toBe(true);
    expect(losesChangesOnReboot(facts('unknown', 1))).toBe(true);
    expect(losesChangesOnReboot(facts('installed', 5))).toBe(false);
    expect(losesChangesOnReboot(facts('diskless', 0))).toBe(false);
    expect(losesChangesOnReboot(facts('diskless', null))).toBe(false);
  });

  it('says how long ago a box was read', () => {
    const now = new Date('2025-01-01T12:00:00Z');
    expect(formatAge('2025-01-01T11:59:58Z', now)).toBe('just now');
    expect(formatAge('2025-01-01T11:59:30Z', now)).toBe('30 s ago');
    expect(formatAge('2025-01-01T11:55:00Z', now)).toBe('5 min ago');
  });
});
