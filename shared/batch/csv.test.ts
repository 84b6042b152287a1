import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyRow, type BatchRow } from './batch';
import { BATCH_COLUMNS } from './csv-columns';
import { formatBatchCsv, parseBatchCsv } from './csv';

describe('a batch as CSV', () => {
  it('reads a spreadsheet export: any column order and case, a BOM, CRLF, quoted commas, empty cells', () => {
    const text = '\uFEFFHostname,Target,IPv4,packages\r\npi-01,root@10.0.0.5,192.168.1.40/24,"htop, nano"\r\n,garage,,\r\n';
    expect(parseBatchCsv(text)).toEqual({
      ok: true,
      rows: [
        { ...emptyRow(), hostname: 'pi-01', target: 'root@10.0.0.5', ipv4: '192.168.1.40/24', packages: 'htop, nano' },
        { ...emptyRow(), target: 'garage' },
      ],
    });
  });

  it('reads semicolon-separated files as some spreadsheets write them', () => {
    expect(parseBatchCsv('target;hostname\ngarage;pi-01\n')).toEqual({ ok: true, rows: [{ ...emptyRow(), target: 'garage', hostname: 'pi-01' }] });
  });

  it('names an unknown column, a missing target column and a short line by their line', () => {
    expect(parseBatchCsv('target,hostnme\na,b\n')).toMatchObject({ ok: false, problems: [{ row: 1, message: expect.stringContaining('“hostnme” is not a column') }] });
    expect(parseBatchCsv('hostname\npi\n')).toMatchObject({ ok: false, problems: [{ row: 1, message: 'The header has no “target” column: every box needs one.' }] });
    expect(parseBatchCsv('target,hostname\na,b\nc\n')).toMatchObject({ ok: false, problems: [{ row: 3, message: 'This line has 1 cells but the header names 2 columns.' }] });
    expect(parseBatchCsv('')).toMatchObject({ ok: false, problems: [{ row: null, message: expect.stringContaining('The file is empty') }] });
  });

  it('reads back exactly what it wrote, whatever the cells hold', () => {
    const cell = fc.string({ maxLength: 12 }).map((s) => s.trim());
    const rowArb = fc.record(Object.fromEntries(BATCH_COLUMNS.map((c) => [c, cell])) as Record<keyof BatchRow, fc.Arbitrary<string>>);
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), (rows) => {
        // A row of nothing but empty cells is a blank line, which a spreadsheet drops too.
        const kept = rows.filter((r) => BATCH_COLUMNS.some((c) => r[c] !== ''));
        const read = parseBatchCsv(formatBatchCsv(rows));
        expect(read).toEqual({ ok: true, rows: kept });
      }),
    );
  });
});
