import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/engine';
import { capDiagnostics, LISTED_DIAGNOSTICS, notesCount, unlistedSentence } from './diagnostic-cap';

const notes = (n: number): Diagnostic[] => Array.from({ length: n }, (_, i) => ({ line: i + 1, severity: 'warning', message: `note ${i + 1}` }));

describe('capping what an import lists', () => {
  it('keeps the first 200 in order and counts them all', () => {
    const { listed, total } = capDiagnostics(notes(1_000_000));
    expect(LISTED_DIAGNOSTICS).toBe(200);
    expect(total).toBe(1_000_000);
    expect(listed).toHaveLength(200);
    expect(listed[0]?.message).toBe('note 1');
    expect(listed[199]?.message).toBe('note 200');
  });

  it('lists everything when there are no more than the cap', () => {
    expect(capDiagnostics(notes(200))).toEqual({ listed: notes(200), total: 200 });
    expect(capDiagnostics([])).toEqual({ listed: [], total: 0 });
  });

  it('says how many are not listed, and nothing when none are left out', () => {
    expect(unlistedSentence(200, 1_000_012)).toBe('…and 999,812 more not listed. Fix the lines above (or the file) and import it again to see the rest.');
    expect(unlistedSentence(200, 201)).toMatch(/^…and 1 more not listed\./);
    expect(unlistedSentence(3, 3)).toBeNull();
  });

  it('counts notes in words', () => {
    expect(notesCount(1)).toBe('1 note');
    expect(notesCount(1_000_012)).toBe('1,000,012 notes');
  });
});
