import { describe, expect, it } from 'vitest';
import { emptyRow } from '../../../../shared/batch/row';
import { isTable, pasteInto } from './batch-model';

describe('pasting spreadsheet cells into the batch table', () => {
  it('lays them out from the cell pasted in, adding rows, dropping what falls past the last column', () => {
    const rows = [{ ...emptyRow(), target: 'garage' }];
    const pasted = pasteInto(rows, { row: 0, column: 'hostname' }, 'pi-01\t192.168.1.40/24\r\npi-02\t192.168.1.41/24\n');
    expect(pasted.map((r) => [r.target, r.hostname, r.ipv4])).toEqual([
      ['garage', 'pi-01', '192.168.1.40/24'],
      ['', 'pi-02', '192.168.1.41/24'],
    ]);
    expect(pasteInto([emptyRow()], { row: 0, column: 'packages' }, 'htop\textra\tmore')[0]?.packages).toBe('htop');
    expect(rows[0]?.hostname).toBe('');
  });

  it('takes one word as typed, and a tab or line as a table', () => {
    expect(isTable('pi-01')).toBe(false);
    expect(isTable('pi-01\n')).toBe(false);
    expect(isTable('a\tb')).toBe(true);
    expect(isTable('a\nb')).toBe(true);
  });
});
