import { describe, expect, it } from 'vitest';
import { buildAndMeasure, report } from './bundle-size.mjs';

describe('renderer bundle', () => {
  it('loads at most 250 KB of gzipped JS first, without the package catalogue', async () => {
    const m = await buildAndMeasure();
    console.log(report(m));
    expect(m.initial.length).toBeGreaterThan(0);
    expect(m.initialGzip).toBeLessThanOrEqual(m.budget);
    expect(m.initial.filter((c) => c.catalogue)).toEqual([]);
    expect(m.lazy.some((c) => c.catalogue)).toBe(true);
  }, 180_000);
});
