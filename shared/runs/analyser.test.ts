import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputAnalyser, verdictOf, type AnalyserEvent } from './analyser';

// The real setup-alpine runs live beside the repository (../shared), never in it.
const RUNS = path.resolve(import.meta.dirname, '../../../shared/alpine/setup-alpine-runs');
const output = (name: string) => readFileSync(path.join(RUNS, name, 'output.log'), 'utf8');

/** Feeds the text cut at the given positions and collects every event. */
function analyse(text: string, cuts: number[] = []) {
  const analyser = new OutputAnalyser();
  const events: AnalyserEvent[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    events.push(...analyser.feed(text.slice(at, cut)));
    at = cut;
  }
  events.push(...analyser.feed(text.slice(at)), ...analyser.end());
  return { analyser, events };
}

const sections = (events: AnalyserEvent[]) => events.flatMap((e) => (e.kind === 'progress' ? [`${e.progress.index}/${e.progress.total} ${e.progress.section}`] : []));
const ALL = ['1/9 Keymap', '2/9 Hostname', '3/9 Interface', '4/9 Timezone', '5/9 Proxy', '6/9 Network Time Protocol', '7/9 APK Mirror', '8/9 User', '9/9 Disk & Install'];

describe('setup-alpine output of real runs', () => {
  it('follows a good run through every section and finds nothing wrong', () => {
    const { analyser, events } = analyse(output('ok'));
    expect(sections(events)).toEqual(ALL);
    expect(analyser.findings).toEqual([]);
    expect(verdictOf(analyser.findings)).toBe('ok');
  });

  it('fails a bad hostname although setup-alpine exits 0', () => {
    const { analyser, events } = analyse(output('badhost'));
    expect(sections(events)).toEqual(ALL);
    expect(analyser.findings).toEqual([
      expect.objectContaining({
        kind: 'invalid-hostname',
        severity: 'error',
        section: 'Hostname',
        line: expect.stringMatching(/^Hostname must only contain/),
        reason: expect.stringContaining('rejected the hostname'),
      }),
    ]);
    expect(verdictOf(analyser.findings)).toBe('error');
  });

  it('warns about a time zone the box does not have, naming it', () => {
    const { analyser } = analyse(output('badzone'));
    expect(analyser.findings).toEqual([
      expect.objectContaining({ kind: 'invalid-timezone', severity: 'warning', section: 'Timezone', reason: expect.stringContaining('"Mars/Base" does not exist') }),
    ]);
    expect(verdictOf(analyser.findings)).toBe('warning');
  });

  it('says the user was not created when setup-user prints its usage', () => {
    const { analyser } = analyse(output('splituser'));
    expect(analyser.findings).toEqual([
      expect.objectContaining({ kind: 'user-not-created', severity: 'error', section: 'User', reason: expect.stringContaining('no user was created') }),
    ]);
  });

  it('reports a disk that is not a block device under Disk & Install', () => {
    const { analyser } = analyse(output('sysdisk'));
    expect(analyser.progress).toEqual({ section: 'Disk & Install', index: 9, total: 9 });
    expect(analyser.findings).toEqual([
      expect.objectContaining({ kind: 'not-a-block-device', severity: 'error', section: 'Disk & Install', reason: expect.stringContaining('/dev/sda is not a disk on this box') }),
    ]);
  });

  it('detects the endless keymap prompt and stays in the Keymap section', () => {
    const { analyser, events } = analyse(output('badkeymap'));
    expect(sections(events)).toEqual(['1/9 Keymap']);
    expect(analyser.promptLoop).toEqual(expect.objectContaining({ kind: 'prompt-loop', severity: 'error', section: 'Keymap', line: "Select variant (or 'abort'):" }));
    expect(analyser.promptLoop?.reason).toContain('the keymap in the profile does not exist');
    expect(analyser.findings.filter((f) => f.kind === 'prompt-loop')).toHaveLength(1);
  });

  it.each(['ok', 'badhost', 'badzone', 'splituser', 'sysdisk', 'badkeymap'])('reads %s the same however the stream is cut', (name) => {
    const text = output(name);
    const whole = analyse(text);
    const oneByOne = analyse(
      text,
      Array.from({ length: text.length }, (_, i) => i),
    );
    expect(oneByOne.events).toEqual(whole.events);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 40 }), (cuts) => {
        expect(analyse(text, cuts).events).toEqual(whole.events);
      }),
      { numRuns: 50 },
    );
  });
});

describe('lines skipped without a copy', () => {
  // Whole chunks take the quick path for lines that can hold nothing; one character at a time every line takes the full one.
  const LINES = [
    ' Keymap',
    '----------',
    ' Hostname\r',
    '\x1b[1m-----------\x1b[0m',
    'ERROR: unable to select packages:',
    "'vda' is not a valid choice.",
    'xyz is not a block device',
    'Select keyboard layout: [none]',
    'Which one?   ',
    'Hostname: ',
    'plain text',
    'abcdef=\r',
    '',
    '\x1b[31mplain\x1b[0m',
    'Erase the above disk(s) and continue? (y/n) [n]',
  ];
  it('finds the same progress, findings and prompt loops as the full path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), (picked) => {
        const text = picked.join('\n') + '\n';
        const whole = analyse(text);
        expect(whole.events).toEqual(
          analyse(
            text,
            Array.from({ length: text.length }, (_, i) => i),
          ).events,
        );
        expect(whole.analyser.promptLoop).toEqual(
          analyse(
            text,
            Array.from({ length: text.length }, (_, i) => i),
          ).analyser.promptLoop,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('output the real runs do not show', () => {
  it('notices a prompt repeated without newlines', () => {
    const { analyser } = analyse(`\n Interface\n-----------\n${"Which one? (or 'done') [eth0] ".repeat(200)}`);
    expect(analyser.promptLoop).toEqual(expect.objectContaining({ section: 'Interface', reason: expect.stringContaining('Which one?') }));
  });

  it('notices the erase question setup-disk repeats', () => {
    const { analyser } = analyse(`\n Disk & Install\n----------------\n${'WARNING: Erase the above disk(s) and continue? (y/n) [n] \n'.repeat(5)}`);
    expect(analyser.promptLoop?.reason).toContain('ERASE_DISKS must list exactly');
  });

  it('does not call a few repeated labels a loop, nor long output without newlines', () => {
    const { analyser } = analyse(`Address:\nAddress:\nAddress:\n${'x'.repeat(200_000)}\n${'abcd'.repeat(10_000)}`);
    expect(analyser.promptLoop).toBeNull();
  });

  it('strips colours from headings and carriage returns from line ends', () => {
    const { events } = analyse('\x1b[97m Timezone\x1b[0m\r\n\x1b[97m----------\x1b[0m\r\n');
    expect(sections(events)).toEqual(['4/9 Timezone']);
  });

  it('explains a disk name ending in a carriage return (an answer file with CRLF endings)', () => {
    const { analyser } = analyse('none\r is not a block device suitable for partitioning\n');
    expect(analyser.findings[0]?.reason).toContain('Windows line endings');
  });

  it.each([
    ['Please retry.', 'retry', 'error'],
    ["Hostname 'x' is too long.", 'invalid-hostname', 'error'],
    ["Hostname must not start with a '-'", 'invalid-hostname', 'error'],
    ['ERROR: unable to select packages:', 'apk-error', 'warning'],
    ["'eth9' is not a valid choice.", 'invalid-choice', 'warning'],
  ])('reads "%s" as %s (%s)', (line, kind, severity) => {
    expect(analyse(`${line}\n`).analyser.findings).toEqual([expect.objectContaining({ kind, severity, line })]);
  });

  it('lets ordinary lines that start like a finding pass', () => {
    expect(analyse("Hostname set\n'quoted' text\nPlease wait\nusage: other\nEverything fine\n").analyser.findings).toEqual([]);
  });

  it('reports a finding once however often the line repeats', () => {
    const { analyser } = analyse("'x' is not a valid choice.\n'x' is not a valid choice.\n");
    expect(analyser.findings).toHaveLength(1);
  });
});
