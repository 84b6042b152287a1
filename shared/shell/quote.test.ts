import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { op, quote, sh } from './quote';

const shEcho = (line: string) => spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' }).stdout;

describe('quote', () => {
  it('leaves plain words alone and quotes everything else', () => {
    expect(quote('Europe/Berlin')).toBe('Europe/Berlin');
    expect(quote('')).toBe("''");
    expect(quote("O'Brien")).toBe(`'O'\\''Brien'`);
    expect(quote('$(reboot)')).toBe("'$(reboot)'");
  });

  it('refuses NUL, which no shell word can hold', () => {
    expect(() => quote('a\0b')).toThrow(/NUL/);
  });

  it('round-trips any string through a real /bin/sh unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
        (s) => {
          expect(shEcho(`printf %s ${quote(s)}`)).toBe(s);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('sh', () => {
  it('quotes data and passes only known operators', () => {
    expect(sh('rc-update', 'add', 'sshd', 'default', op('&&'), 'echo', 'a b')).toBe("rc-update add sshd default && echo 'a b'");
    expect(() => op('$(x)')).toThrow(/not an allowed/);
    expect(shEcho(sh('printf', '%s|', 'a b', '$HOME', op(';'), 'printf', 'x'))).toBe('a b|$HOME|x');
  });
});
