import Papa from 'papaparse';
import { emptyRow, type BatchRow } from '../../../../shared/batch/row';
import { BATCH_COLUMNS, type BatchColumn } from '../../../../shared/batch/csv-columns';

/** The columns as the table heads them. */
export const COLUMN_LABELS: Record<BatchColumn, string> = {
  target: 'Target',
  hostname: 'Hostname',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  wifi_ssid: 'Wifi network',
  wifi_passphrase: 'Wifi passphrase',
  packages: 'Extra packages',
};

/**
 * Cells copied from a spreadsheet (tab-separated lines) laid into the table
 * from the cell they are pasted in: rightwards along the columns and down the
 * rows, adding rows as needed. Cells past the last column are dropped.
 */
export function pasteInto(rows: readonly BatchRow[], at: { row: number; column: BatchColumn }, text: string): BatchRow[] {
  const lines = Papa.parse<string[]>(text.replace(/\r?\n$/, ''), { delimiter: '\t' }).data;
  const next = rows.map((r) => ({ ...r }));
  const first = BATCH_COLUMNS.indexOf(at.column);
  lines.forEach((cells, i) => {
    const index = at.row + i;
    while (next.length <= index) next.push(emptyRow());
    const row = next[index] as BatchRow;
    cells.forEach((cell, j) => {
      const column = BATCH_COLUMNS[first + j];
      if (column !== undefined) row[column] = cell.trim();
    });
  });
  return next;
}

/** Whether pasted text is more than one cell (else the input takes it as typed). */
export const isTable = (text: string): boolean => /[\t\n]/.test(text.replace(/\r?\n$/, ''));
