import { describe, expect, it } from 'vitest';
import { mapPooled } from './pool';

describe('mapPooled', () => {
  it('keeps input order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapPooled([30, 5, 20, 1, 10], 2, async (ms, i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return `${i}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10']);
    expect(most).toBe(2);
  });

  it('handles an empty list and a limit above the count', async () => {
    expect(await mapPooled([], 4, async () => 1)).toEqual([]);
    expect(await mapPooled([1, 2], 10, async (x) => x * 2)).toEqual([2, 4]);
  });
});
