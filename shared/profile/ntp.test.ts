import { describe, expect, it } from 'vitest';
import { warningAt, withChange } from './validate.test-support';

describe('ntp', () => {
  it('warns when the clock is left without an NTP client', () => {
    expect(
      warningAt(
        withChange((p) => (p.ntp = 'none')),
        'ntp',
      ),
    ).toBeDefined();
  });
});
