import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../../shared/api/discover';
import { endedText, foundText, noneFoundText, progressText } from './scan-sentences';

const result = (over: Partial<ScanResult>): ScanResult => ({ subnet: '192.168.1.0/24', found: [], probed: 254, total: 254, others: 0, ended: 'done', ...over });
const box = { address: '192.168.1.7', port: 22, fingerprint: `SHA256:${'a'.repeat(43)}`, targetId: 't1', targetName: 'pi' };

describe('what a search says', () => {
  it('counts addresses and other servers in words, one or many', () => {
    expect(progressText(37, 254)).toBe('Searched 37 of 254 addresses');
    expect(progressText(0, 1)).toBe('Searched 0 of 1 address');
    expect(noneFoundText(result({}))).toBe('No prepared box answered on 192.168.1.0/24 (no other SSH servers).');
    expect(noneFoundText(result({ others: 1 }))).toBe('No prepared box answered on 192.168.1.0/24 (1 other SSH server).');
    expect(noneFoundText(result({ others: 3 }))).toBe('No prepared box answered on 192.168.1.0/24 (3 other SSH servers).');
  });

  it('says why a search ended before the last address: cancelled, out of time, or every box found', () => {
    expect(endedText(result({ ended: 'cancelled', probed: 12 }))).toBe('The search was cancelled after 12 of 254 addresses.');
    expect(endedText(result({ ended: 'time-limit', probed: 200 }))).toBe('The search stopped at its time limit after 200 of 254 addresses.');
    expect(endedText(result({}))).toBeNull();
    expect(foundText(result({ found: [box], probed: 9, others: 1 }))).toBe(
      'Its target now points there, with the host key trusted. 1 other SSH server answered; Cairn sent it nothing. Every prepared box was found, so the search stopped after 9 of 254 addresses.',
    );
    expect(foundText(result({ found: [box, { ...box, targetId: 't2', targetName: 'nas' }], others: 2 }))).toBe(
      'Their targets now point there, with the host keys trusted. 2 other SSH servers answered; Cairn sent them nothing.',
    );
  });
});
