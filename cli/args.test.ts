import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  const spec = { noun: 'target', count: { min: 1, max: 2 }, expects: 'one or two targets', flags: ['--json'], values: ['--data', '-m'], lists: ['--erase'] };

  it('keeps every value of a list option, and the last of a value option', () => {
    const parsed = parseArgs('push', ['a', '--erase', '/dev/sda', '--erase=/dev/sdb', '--data', 'x', '--data=y', '--json'], spec);
    expect(parsed).toEqual({ positional: ['a'], flags: new Set(['--json']), values: new Map([['--data', 'y']]), lists: new Map([['--erase', ['/dev/sda', '/dev/sdb']]]) });
  });

  it('takes what follows -- as positional, even when it starts with -', () => {
    expect(parseArgs('x', ['--', '-weird', '--json'], spec)).toMatchObject({ positional: ['-weird', '--json'], flags: new Set() });
  });

  it('reads short value options', () => {
    expect(parseArgs('lbu', ['box', '-m', 'saved by cron'], spec)).toMatchObject({ values: new Map([['-m', 'saved by cron']]) });
  });

  it('says what the range of positionals is', () => {
    expect(parseArgs('x', [], spec)).toBe('cairn x takes one or two targets (none was given).');
    expect(parseArgs('x', ['a', 'b', 'c'], spec)).toBe('cairn x takes one or two targets (got 3).');
    expect(parseArgs('x', ['a', 'b', 'c'], { noun: 'target', count: { min: 1 } })).toMatchObject({ positional: ['a', 'b', 'c'] });
  });

  it('names options without a value, unknown ones, and a flag given a value', () => {
    expect(parseArgs('x', ['a', '--erase'], spec)).toBe('cairn x: --erase needs a value.');
    expect(parseArgs('x', ['a', '--json=yes', '--nope'], spec)).toBe('cairn x has no option --json=yes, --nope.');
  });
});
