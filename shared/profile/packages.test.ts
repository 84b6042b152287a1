import { describe, expect, it } from 'vitest';
import { warningAt, withChange } from './validate.test-support';

describe('packages', () => {
  it('flags duplicate and unknown packages', () => {
    const p = withChange((p) => {
      p.packages = ['htop', 'htop', 'definitely-not-a-package-xyz'];
    });
    expect(warningAt(p, 'packages.1')).toBeDefined();
    expect(warningAt(p, 'packages.2')?.message).toMatch(/spelling/);
  });
});
