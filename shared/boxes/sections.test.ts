import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sh } from '../shell';
import { sectioned, splitSections } from './sections';

const run = (line: string) => spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' }).stdout;

describe('sectioned output', () => {
  const line = fc.string({ unit: 'grapheme-ascii' }).filter((l) => !l.includes('\n') && !l.includes('\r') && !l.startsWith('::cairn::'));

  it('gives back each section as printed, with or without a final newline, through a real /bin/sh', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 4 }), fc.boolean(), (a, b, newline) => {
        const text = (lines: string[]) => lines.join('\n') + (newline && lines.length > 0 ? '\n' : '');
        const out = run(
          sh(
            ...sectioned([
              { name: 'a', parts: ['printf', '%s', text(a)] },
              { name: 'b', parts: ['printf', '%s', text(b)] },
            ]),
          ),
        );
        const trimmed = (lines: string[]) => {
          const copy = [...lines];
          while (copy.length > 0 && copy.at(-1)?.trim() === '') copy.pop();
          return copy;
        };
        expect(splitSections(out)).toEqual(
          new Map([
            ['a', trimmed(a)],
            ['b', trimmed(b)],
          ]),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('keeps going after a section fails, and notices output without its end', () => {
    const out = run(
      sh(
        ...sectioned([
          { name: 'gone', parts: ['cat', '/nonexistent/file'] },
          { name: 'next', parts: ['echo', 'still here'] },
        ]),
      ),
    );
    expect(splitSections(out)?.get('next')).toEqual(['still here']);
    expect(splitSections(out.replace('::cairn::end', ''))).toBeNull();
  });

  it('accepts only plain section names', () => {
    expect(() => sectioned([{ name: 'a b', parts: ['true'] }])).toThrow(/not a section name/);
  });
});
