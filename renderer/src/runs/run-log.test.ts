import { describe, expect, it } from 'vitest';
import { appendLog, cutMarker, emptyLog, logFromText, MAX_LINE_CHARS, visibleLines } from './run-log';

describe('a run’s log in the window', () => {
  it('joins output that arrives in pieces into whole lines, keeping the line still being written', () => {
    let log = appendLog(emptyLog, ' Keym');
    log = appendLog(log, 'ap\n---');
    expect(log.lines).toEqual([' Keymap']);
    expect(visibleLines(log)).toEqual([' Keymap', '---']);
    log = appendLog(log, '---\n\n');
    expect(visibleLines(log)).toEqual([' Keymap', '------', '']);
  });

  it('shows the last state of a line redrawn with carriage returns (apk’s progress), and CRLF endings without the CR', () => {
    expect(logFromText('fetch 10%\rfetch 55%\rfetch 100%\r\nOK: 5 MiB\r\n').lines).toEqual(['fetch 100%', 'OK: 5 MiB']);
  });

  it('keeps the newest lines of a very long log and counts what it dropped', () => {
    const log = logFromText(Array.from({ length: 25 }, (_, i) => `line ${i}\n`).join(''), 10);
    expect(log.lines).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 15}`));
    expect(log.dropped).toBe(15);
    expect(appendLog(log, 'line 25\n', 10)).toMatchObject({ dropped: 16, lines: expect.arrayContaining(['line 25']) });
  });

  it('keeps the end of an overlong line and marks that its start was cut, both while it is written and once it ends', () => {
    let log = appendLog(emptyLog, 'done\n', 10, 8);
    log = appendLog(log, 'abcdef', 10, 8);
    log = appendLog(log, 'ghij', 10, 8);
    expect(log).toMatchObject({ partial: 'cdefghij', partialCut: 2 });
    expect(visibleLines(log)).toEqual(['done', `${cutMarker(2)}cdefghij`]);
    log = appendLog(log, 'klmnopqrstuvwxyz\n0123456789abc\nok', 10, 8);
    expect(log.lines).toEqual(['done', `${cutMarker(18)}stuvwxyz`, `${cutMarker(5)}56789abc`]);
    expect(log).toMatchObject({ partial: 'ok', partialCut: 0 });
    // A line redrawn with a carriage return after the cut shows its last state, with nothing cut from it.
    expect(appendLog(emptyLog, 'x'.repeat(20) + '\r99%\n', 10, 8).lines).toEqual(['99%']);
  });

  it('takes a line without an end, larger than a string can be, in chunks: no error, bounded memory and time', () => {
    const chunk = 'x'.repeat(1024 * 1024);
    const chunks = 640; // 640 Mi characters: more than V8's longest string
    const started = performance.now();
    let log = emptyLog;
    for (let i = 0; i < chunks; i++) log = appendLog(log, chunk);
    expect(log.partial.length).toBe(MAX_LINE_CHARS);
    expect(log.partialCut).toBe(chunks * chunk.length - MAX_LINE_CHARS);
    log = appendLog(log, 'end\nnext');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toBe(`${cutMarker(chunks * chunk.length + 3 - MAX_LINE_CHARS)}${'x'.repeat(MAX_LINE_CHARS - 3)}end`);
    expect(visibleLines(log).at(-1)).toBe('next');
    // Each chunk costs its own length plus at most one bounded line: a few seconds at most even on a slow machine.
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
