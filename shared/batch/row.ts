import type { BatchColumn } from './csv-columns';

// The table's shapes, apart from its rules (batch.ts): the window edits and
// reads CSV with these without loading the profile checks and catalogues.

/** One box of a batch: its SSH target and the values that differ from the profile (an empty cell keeps the profile's). */
export type BatchRow = Record<BatchColumn, string>;

/** Where a problem is: a row (1-based, as a spreadsheet counts below its header) and column, or the batch's own settings. */
export interface BatchProblem {
  row: number | null;
  column: BatchColumn | 'ipv4Pool' | 'hostname-pattern' | 'profile';
  message: string;
}

/**
 * A profile plus one row per box. `hostname` may be a pattern numbering the
 * rows (pi-{nn}); `ipv4Pool` hands out the first interface's address, in row
 * order, to rows that name none.
 */
export interface Batch {
  hostname: string;
  ipv4Pool: string;
  rows: BatchRow[];
}

export const emptyRow = (): BatchRow => ({ target: '', hostname: '', ipv4: '', ipv6: '', wifi_ssid: '', wifi_passphrase: '', packages: '' });
