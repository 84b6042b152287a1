import { describe, expect, it } from 'vitest';
import { formatAge, losesChangesOnReboot } from './format';

describe('what the Boxes screen says beyond the facts', () => {
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
