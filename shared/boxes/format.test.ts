import { describe, expect, it } from 'vitest';
import {
  formatAlpine,
  formatBoxUptime,
  formatDisk,
  formatKernel,
  formatKib,
  formatLbu,
  formatLoad,
  formatMemory,
  formatServiceState,
  formatUpgrades,
  formatUptime,
  STORAGE_WORDS,
} from './format';

const fs = (mountpoint: string, sizeKib: number, usedPercent: number) => ({ source: 'x', mountpoint, sizeKib, usedKib: 0, availableKib: 0, usedPercent });

describe('how a box’s facts are said in words', () => {
  it('says uptime in the two largest units that matter', () => {
    expect(formatUptime(40)).toBe('40 s');
    expect(formatUptime(12 * 60 + 5)).toBe('12 min');
    expect(formatUptime(5 * 3600 + 12 * 60)).toBe('5 h 12 min');
    expect(formatUptime(86_400)).toBe('1 day');
    expect(formatUptime(3 * 86_400 + 4 * 3600 + 59)).toBe('3 days 4 h');
    expect(formatUptime(-3)).toBe('0 s');
    expect(formatBoxUptime(null)).toBe('Unknown');
    expect(formatBoxUptime(2 * 86_400)).toBe('2 days');
  });

  it('says sizes in the largest unit that keeps a number of at least one', () => {
    expect(formatKib(512)).toBe('512 KiB');
    expect(formatKib(1536)).toBe('1.5 MiB');
    expect(formatKib(2 * 1024 * 1024)).toBe('2.0 GiB');
    expect(formatKib(30 * 1024 * 1024)).toBe('30 GiB');
    expect(formatKib(3 * 1024 ** 3)).toBe('3.0 TiB');
    expect(formatKib(5000 * 1024 ** 3)).toBe('5000 TiB');
  });

  it('counts memory in use as what is not available', () => {
    expect(formatMemory({ totalKib: 4 * 1024 * 1024, availableKib: 3 * 1024 * 1024, swapTotalKib: 0, swapFreeKib: 0 })).toBe('1.0 GiB of 4.0 GiB in use');
    expect(formatMemory(null)).toBe('Unknown');
    expect(formatLoad({ one: 0.5, five: 0.25, fifteen: 1 })).toBe('0.50, 0.25, 1.00');
    expect(formatLoad(null)).toBe('Unknown');
  });

  it('names the kernel with its architecture, and says when a box is not Alpine', () => {
    expect(formatKernel({ kernel: '6.6.31-0-lts', arch: 'x86_64' })).toBe('6.6.31-0-lts (x86_64)');
    expect(formatKernel({ kernel: '6.6.31-0-lts', arch: null })).toBe('6.6.31-0-lts');
    expect(formatKernel({ kernel: null, arch: 'aarch64' })).toBe('Unknown');
    expect(formatAlpine('3.22.0')).toBe('3.22.0');
    expect(formatAlpine(null)).toBe('Not Alpine Linux');
  });

  it('reports the root filesystem, or the largest one when / is not listed', () => {
    expect(formatDisk([fs('/boot', 100_000, 40), fs('/', 8 * 1024 * 1024, 63)])).toBe('63% of 8.0 GiB used on /');
    expect(formatDisk([fs('/media/usb', 100_000, 10), fs('/var', 900_000, 20)])).toBe('20% of 879 MiB used on /var');
    expect(formatDisk([])).toBe('Unknown');
  });

  it('says where the system lives, warning when it runs from RAM', () => {
    expect(STORAGE_WORDS.installed).toBe('Installed on disk');
    expect(STORAGE_WORDS.diskless).toMatch(/runs from RAM/);
    expect(STORAGE_WORDS.data).toMatch(/runs from RAM/);
  });

  it('says what lbu has not saved, or why it cannot tell', () => {
    expect(formatLbu({ media: 'usb', backupDir: null, uncommitted: 0, problem: null })).toBe('None');
    expect(formatLbu({ media: 'usb', backupDir: null, uncommitted: 1, problem: null })).toBe('1 change not saved');
    expect(formatLbu({ media: 'usb', backupDir: null, uncommitted: 4, problem: null })).toBe('4 changes not saved');
    expect(formatLbu({ media: null, backupDir: null, uncommitted: null, problem: 'lbu is not installed on this box.' })).toBe('lbu is not installed on this box.');
    expect(formatLbu({ media: null, backupDir: null, uncommitted: null, problem: null })).toBe('Unknown');
  });

  it('does not claim a box is up to date when it never downloaded an index', () => {
    expect(formatUpgrades({ count: 0, indexesMissing: true })).toMatch(/^Not checked yet/);
    expect(formatUpgrades({ count: 0, indexesMissing: false })).toBe('Up to date');
    expect(formatUpgrades({ count: 1, indexesMissing: false })).toBe('1 package to upgrade');
    expect(formatUpgrades({ count: 3, indexesMissing: false })).toBe('3 packages to upgrade');
  });

  it('says how long a started service has been up, and other states as OpenRC names them', () => {
    expect(formatServiceState({ state: 'started', upSeconds: 3 * 60 })).toBe('started, up 3 min');
    expect(formatServiceState({ state: 'started', upSeconds: null })).toBe('started');
    expect(formatServiceState({ state: 'crashed', upSeconds: 50 })).toBe('crashed');
    expect(formatServiceState({ state: 'stopped', upSeconds: null })).toBe('stopped');
  });
});
