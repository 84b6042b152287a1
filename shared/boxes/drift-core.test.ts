import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff } from './drift-core';

describe('lineDiff', () => {
  it('keeps common lines once and puts the profile line before the box line it replaces', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { side: 'both', text: 'a' },
      { side: 'profile', text: 'b' },
      { side: 'box', text: 'x' },
      { side: 'both', text: 'c' },
      { side: 'box', text: 'd' },
    ]);
  });

  it('gives back both sides whole, in order', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 8 });
    fc.assert(
      fc.property(lines, lines, (expected, actual) => {
        const diff = lineDiff(expected, actual);
        expect(diff.filter((l) => l.side !== 'box').map((l) => l.text)).toEqual(expected);
        expect(diff.filter((l) => l.side !== 'profile').map((l) => l.text)).toEqual(actual);
        if (expected.join() === actual.join()) expect(diff.every((l) => l.side === 'both')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
