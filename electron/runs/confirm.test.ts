import { describe, expect, it } from 'vitest';
import { plan } from '../../shared/plan';
import { defaultProfile } from '../../shared/profile';
import { confirmationProblem, erasedBy } from './confirm';

const raid = () => {
  const p = defaultProfile();
  return plan({ ...p, disk: { ...p.disk, disks: ['/dev/sda', '/dev/sdb'], raid: true } }, { privilege: 'root' });
};
const diskless = () => {
  const p = defaultProfile();
  return plan({ ...p, disk: { ...p.disk, mode: 'none', disks: [] } }, { privilege: 'root' });
};

describe('the erase confirmation', () => {
  it('lists the disks the plan erases', () => {
    expect(erasedBy(raid())).toEqual(['/dev/sda', '/dev/sdb']);
  });

  it('accepts exactly those disks, in any order', () => {
    expect(confirmationProblem(raid(), { erase: ['/dev/sdb', '/dev/sda'] })).toBeNull();
    expect(confirmationProblem(diskless(), undefined)).toBeNull();
  });

  it('refuses a missing, partial or different confirmation, naming the disks', () => {
    expect(confirmationProblem(raid(), undefined)).toBe('This plan erases /dev/sda, /dev/sdb: confirm that these disks may be erased before it runs. Nothing was sent to the box.');
    expect(confirmationProblem(raid(), { erase: ['/dev/sda'] })).toContain('but the confirmation names /dev/sda:');
    expect(confirmationProblem(raid(), { erase: ['/dev/sda', '/dev/sdb', '/dev/sdc'] })).toContain('confirm exactly the disks');
    expect(confirmationProblem(diskless(), { erase: ['/dev/sda'] })).toContain('erases no disk');
  });
});
