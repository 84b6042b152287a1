import { describe, expect, it } from 'vitest';
import { disksOf, eraseProblem } from './push-command';

describe('the erase confirmation of cairn push', () => {
  it('takes disks one per --erase or comma-separated, each once', () => {
    expect(disksOf(['/dev/sda,/dev/sdb', ' /dev/sda ', ''])).toEqual(['/dev/sda', '/dev/sdb']);
  });

  it('passes exactly the disks the plan erases, in any order', () => {
    expect(eraseProblem([], [])).toBeNull();
    expect(eraseProblem(['/dev/sda', '/dev/sdb'], ['/dev/sdb', '/dev/sda'])).toBeNull();
  });

  it('says which --erase to give, or to leave out', () => {
    expect(eraseProblem(['/dev/sda', '/dev/sdb'], [])).toBe(
      'This plan erases /dev/sda, /dev/sdb on every target: add --erase /dev/sda --erase /dev/sdb to confirm that these disks may be erased. Nothing was sent to the boxes.',
    );
    expect(eraseProblem(['/dev/sda'], ['/dev/sda', '/dev/sdb'])).toBe(
      'This plan erases /dev/sda, but --erase names /dev/sda, /dev/sdb: name exactly the disks the plan erases (--erase /dev/sda). Nothing was sent to the boxes.',
    );
    expect(eraseProblem([], ['/dev/sda'])).toBe('This plan erases no disk, but --erase names /dev/sda: leave --erase out. Nothing was sent to the boxes.');
  });
});
