import { describe, expect, it } from 'vitest';
import type { RunStatusName } from '../../shared/api/runs';
import { needsRetry, retryable } from './retry';

const latest = (entries: Array<[string, RunStatusName]>) => new Map(entries.map(([id, status]) => [id, { status }]));

describe('which targets "Retry failed" runs again', () => {
  it('takes the ones that did not finish as planned, and never a run still going', () => {
    expect(['failed', 'refused', 'cancelled', 'interrupted'].every((s) => needsRetry(s as RunStatusName))).toBe(true);
    expect(['running', 'succeeded', 'warned'].some((s) => needsRetry(s as RunStatusName))).toBe(false);
    const last = latest([['a', 'succeeded'], ['b', 'failed'], ['c', 'running'], ['d', 'interrupted'], ['e', 'warned']]);
    expect(retryable(['a', 'b', 'c', 'd', 'e'], last)).toEqual(['b', 'd']);
  });

  it('runs a target that never got a run, and keeps the fleet order', () => {
    expect(retryable(['x', 'b', 'y'], latest([['b', 'cancelled']]))).toEqual(['x', 'b', 'y']);
  });

  it('narrows to the targets asked for', () => {
    const last = latest([['a', 'failed'], ['b', 'failed'], ['c', 'succeeded']]);
    expect(retryable(['a', 'b', 'c'], last, ['b', 'c'])).toEqual(['b']);
    expect(retryable(['a', 'b', 'c'], last, ['c'])).toEqual([]);
  });
});
