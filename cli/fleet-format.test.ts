import { describe, expect, it } from 'vitest';
import { batchProblemLine, csvProblemLine, dryRunSummary, formatBoxLines, problemsSummary } from './fleet-format';

const files = { csv: 'rack.csv', profile: 'board.json' };

describe('the lines of a fleet dry run', () => {
  it('prints one line per box, its row, target, hostname and addresses in aligned columns', () => {
    expect(
      formatBoxLines([
        { row: 2, target: 'garage', hostname: 'pi-01', addresses: ['192.168.1.40/24'] },
        { row: 10, target: 'root@10.0.0.9:2222', hostname: 'kitchen', addresses: ['192.168.1.99/24', '2001:db8::9/64'] },
        { row: 11, target: 'rack1', hostname: 'pi-10', addresses: [] },
      ]),
    ).toEqual([
      'row 2   garage              pi-01    192.168.1.40/24',
      'row 10  root@10.0.0.9:2222  kitchen  192.168.1.99/24, 2001:db8::9/64',
      'row 11  rack1               pi-10    no static address',
    ]);
  });

  it('leaves the row out for targets given on the command line', () => {
    expect(
      formatBoxLines([
        { target: 'a', hostname: 'sensor', addresses: [] },
        { target: 'bbb', hostname: 'sensor', addresses: [] },
      ]),
    ).toEqual(['a    sensor  no static address', 'bbb  sensor  no static address']);
  });

  it('ends with how many boxes, and that none was contacted', () => {
    expect(dryRunSummary(1)).toBe('1 box ready; nothing was contacted (--dry-run).');
    expect(dryRunSummary(3)).toBe('3 boxes ready; nothing was contacted (--dry-run).');
  });
});

describe('the problems of a batch', () => {
  it('names the file, the row and the column as the CSV header names it', () => {
    expect(batchProblemLine({ row: 3, column: 'hostname', message: 'Row 2 has the same hostname (twin); each box needs its own.' }, files)).toBe(
      'rack.csv: row 3, hostname: Row 2 has the same hostname (twin); each box needs its own.',
    );
  });

  it('names the option or file a problem of no row comes from', () => {
    const of = (column: string) => batchProblemLine({ row: null, column, message: 'm' }, files);
    expect([of('ipv4Pool'), of('hostname-pattern'), of('profile'), of('target'), of('toString')]).toEqual([
      '--ipv4-pool: m',
      '--hostname: m',
      'board.json: m',
      'rack.csv: m',
      'rack.csv: m',
    ]);
  });

  it('tells a problem of the file itself by its line, and sums up that nothing was sent', () => {
    expect(csvProblemLine({ row: 1, message: '“hostnme” is not a column Cairn knows.' }, 'rack.csv')).toBe('rack.csv:1: “hostnme” is not a column Cairn knows.');
    expect(csvProblemLine({ row: null, message: 'The file is empty.' }, 'rack.csv')).toBe('rack.csv: The file is empty.');
    expect(problemsSummary(2, 'rack.csv')).toBe('rack.csv: 2 problems to fix (each named by row and column above); nothing was sent to the boxes.');
  });
});
