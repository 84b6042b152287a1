import Papa from 'papaparse';
import { emptyRow, type BatchProblem, type BatchRow } from './row';
import { BATCH_COLUMNS, type BatchColumn } from './csv-columns';

const isColumn = (name: string): name is BatchColumn => (BATCH_COLUMNS as readonly string[]).includes(name);

/**
 * Reads a batch table saved as CSV (from a spreadsheet or by hand): a header
 * row naming the columns, in any order and any case, then one row per box.
 * Columns Cairn does not know and rows of a wrong length are named with
 * their line, never dropped silently.
 */
export function parseBatchCsv(text: string): { ok: true; rows: BatchRow[] } | { ok: false; problems: BatchProblem[] } {
  // Commas, or semicolons as spreadsheets write CSV where the comma is the decimal mark: Papa detects which.
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const [header, ...body] = parsed.data;
  // A one-column file has no delimiter to detect: that is not a problem of the file.
  const problems: BatchProblem[] = parsed.errors
    .filter((e) => e.type !== 'Delimiter')
    .map((e) => ({ row: e.row === undefined ? null : e.row + 1, column: 'target', message: `${e.message}; check the quotes on that line.` }));
  if (header === undefined)
    return {
      ok: false,
      problems: [{ row: null, column: 'target', message: `The file is empty: write a header line naming the columns (${BATCH_COLUMNS.join(', ')}), then one line per box.` }],
    };
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  for (const name of names) {
    if (!isColumn(name)) problems.push({ row: 1, column: 'target', message: `“${name}” is not a column Cairn knows; use ${BATCH_COLUMNS.join(', ')}.` });
  }
  if (!names.includes('target')) problems.push({ row: 1, column: 'target', message: 'The header has no “target” column: every box needs one.' });
  const rows = body.map((cells, n) => {
    if (cells.length !== names.length)
      problems.push({ row: n + 2, column: 'target', message: `This line has ${cells.length} cells but the header names ${names.length} columns.` });
    const row = emptyRow();
    names.forEach((name, i) => {
      if (isColumn(name)) row[name] = (cells[i] ?? '').trim();
    });
    return row;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** The batch table as CSV, every column named in the header, quoted where a spreadsheet needs it. */
export const formatBatchCsv = (rows: readonly BatchRow[]): string =>
  `${Papa.unparse({ fields: [...BATCH_COLUMNS], data: rows.map((r) => BATCH_COLUMNS.map((c) => r[c])) }, { newline: '\n' })}\n`;
