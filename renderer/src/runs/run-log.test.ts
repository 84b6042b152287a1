import { describe, expect, it } from 'vitest';
import { appendLog, emptyLog, logFromText, visibleLines } from './run-log';

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
});
