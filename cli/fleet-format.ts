import type { ResponseOf } from '../shared/api/channels';
import type { BatchProblem } from '../shared/batch/batch';

export type BatchBoxLine = ResponseOf<'runs:check-batch'>['boxes'][number];
/** A problem as runs:check-batch answers it (its column as text) or as the command finds it. */
export type BatchProblemLine = ResponseOf<'runs:check-batch'>['problems'][number];

/** Where the batch's problems are told: the CSV file, and the profile file and options for problems of no row. */
export interface BatchFiles {
  csv: string;
  profile: string;
}

/** The batch's own settings, by the option that sets them on the command line. */
const SETTING: Partial<Record<string, (files: BatchFiles) => string>> = {
  ipv4Pool: () => '--ipv4-pool',
  'hostname-pattern': () => '--hostname',
  profile: (files) => files.profile,
  target: (files) => files.csv,
};

/**
 * A problem of the table as a spreadsheet user finds it: the file, the row
 * (the header is row 1) and the column as the CSV header names it; one of no
 * row is told by the option or file it comes from.
 */
export function batchProblemLine(p: BatchProblemLine, files: BatchFiles): string {
  if (p.row !== null) return `${files.csv}: row ${p.row}, ${p.column}: ${p.message}`;
  const where = Object.hasOwn(SETTING, p.column) ? SETTING[p.column] : undefined;
  return `${(where ?? (() => files.csv))(files)}: ${p.message}`;
}

/** A problem of the CSV file itself (quotes, header, cell count), by its line. */
export const csvProblemLine = (p: Pick<BatchProblem, 'row' | 'message'>, csv: string): string => `${csv}:${p.row === null ? '' : `${p.row}:`} ${p.message}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The last line after the problems: how many, and that nothing was sent. */
export const problemsSummary = (count: number, csv: string): string =>
  `${csv}: ${plural(count, 'problem', 'problems')} to fix (each named by row and column above); nothing was sent to the boxes.`;

/**
 * One line per box, in order, its columns aligned: the batch row (when the
 * boxes come from one), the target, the hostname it gets and its static
 * addresses.
 */
export function formatBoxLines(boxes: ReadonlyArray<Omit<BatchBoxLine, 'row'> & { row?: number }>): string[] {
  const rowText = (b: { row?: number }) => (b.row === undefined ? null : `row ${b.row}`);
  const width = (texts: ReadonlyArray<string | null>) => Math.max(0, ...texts.map((t) => t?.length ?? 0));
  const [rows, targets, hostnames] = [width(boxes.map(rowText)), width(boxes.map((b) => b.target)), width(boxes.map((b) => b.hostname))];
  return boxes.map((b) => {
    const row = rowText(b);
    const addresses = b.addresses.length === 0 ? 'no static address' : b.addresses.join(', ');
    return [...(row === null ? [] : [row.padEnd(rows)]), b.target.padEnd(targets), b.hostname.padEnd(hostnames), addresses].join('  ');
  });
}

/** What a dry run ends with on stderr. */
export const dryRunSummary = (boxes: number): string => `${plural(boxes, 'box', 'boxes')} ready; nothing was contacted (--dry-run).`;
