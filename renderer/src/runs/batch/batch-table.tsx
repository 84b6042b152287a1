import type { ClipboardEvent, KeyboardEvent } from 'react';
import type { BatchRow } from '../../../../shared/batch/row';
import { BATCH_COLUMNS, type BatchColumn } from '../../../../shared/batch/csv-columns';
import { COLUMN_LABELS, isTable, pasteInto } from './batch-model';

const cellId = (row: number, column: BatchColumn) => `batch-cell-${row}-${column}`;

/**
 * The batch as a table of inputs, one row per box: Tab moves along a row,
 * the up and down arrows move along a column, and cells copied from a
 * spreadsheet are pasted into the table from the cell they land in. A
 * problem shows by its cell, named in words.
 */
export function BatchTable({
  rows,
  problems,
  onChange,
}: {
  rows: readonly BatchRow[];
  problems: ReadonlyArray<{
    row: number | null;
    column: string;
    message: string;
  }>;
  onChange: (rows: BatchRow[]) => void;
}) {
  const problemOf = (row: number, column: BatchColumn) =>
    problems
      .filter((p) => p.row === row + 2 && p.column === column)
      .map((p) => p.message)
      .join(' ');
  const edit = (index: number, column: BatchColumn, value: string) => onChange(rows.map((r, i) => (i === index ? { ...r, [column]: value } : r)));
  const paste = (index: number, column: BatchColumn) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!isTable(text)) return;
    e.preventDefault();
    onChange(pasteInto(rows, { row: index, column }, text));
  };
  const move = (index: number, column: BatchColumn) => (e: KeyboardEvent<HTMLInputElement>) => {
    const to = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : null;
    if (to === null || to < 0 || to >= rows.length) return;
    e.preventDefault();
    document.getElementById(cellId(to, column))?.focus();
  };
  return (
    <div className="table-scroll batch-scroll">
      <table className="batch-table">
        <caption className="visually-hidden">Boxes of the batch, one row each</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            {BATCH_COLUMNS.map((c) => (
              <th key={c} scope="col">
                {COLUMN_LABELS[c]}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{index + 2}</th>
              {BATCH_COLUMNS.map((column) => {
                const problem = problemOf(index, column);
                const id = cellId(index, column);
                return (
                  <td key={column}>
                    <input
                      id={id}
                      className="input cell"
                      type={column === 'wifi_passphrase' ? 'password' : 'text'}
                      autoComplete="off"
                      spellCheck={false}
                      aria-label={`Row ${index + 2} ${COLUMN_LABELS[column]}`}
                      aria-invalid={problem === '' ? undefined : true}
                      aria-describedby={problem === '' ? undefined : `${id}-problem`}
                      value={row[column]}
                      onChange={(e) => edit(index, column, e.target.value)}
                      onPaste={paste(index, column)}
                      onKeyDown={move(index, column)}
                    />
                    {problem !== '' && (
                      // Read out with the cell; shown once, in the list of problems under the table.
                      <span id={`${id}-problem`} className="visually-hidden">
                        {problem}
                      </span>
                    )}
                  </td>
                );
              })}
              <td>
                <button type="button" className="button small" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  Remove
                  <span className="visually-hidden"> row {index + 2}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
