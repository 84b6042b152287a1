/**
 * A run's output as the window keeps it: complete lines, and the line still
 * being written. Very long logs keep their newest lines, and a very long line
 * its end; the whole log is always in the run's file on disk.
 */
export interface RunLog {
  readonly lines: readonly string[];
  /** The end of the line still being written: at most MAX_LINE_CHARS of it. */
  readonly partial: string;
  /** Characters cut from the start of the line still being written, to keep `partial` bounded. */
  readonly partialCut: number;
  /** Lines dropped from the start to keep the window light. */
  readonly dropped: number;
}

export const MAX_LOG_LINES = 20_000;

/**
 * The most of one line the window keeps (64 Ki characters): output that never
 * ends its line (a progress bar without \r, binary noise) would otherwise be
 * joined again at every event, slower each time, until V8's string limit.
 */
export const MAX_LINE_CHARS = 64 * 1024;

export const emptyLog: RunLog = { lines: [], partial: '', partialCut: 0, dropped: 0 };

/** What stands in front of a line whose start was cut. */
export const cutMarker = (chars: number) => `[… ${chars.toLocaleString('en')} characters cut from the start of this line] `;

/** The last `max` characters of `text`, not starting inside a surrogate pair. */
function tailOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = text.slice(-max);
  const first = tail.charCodeAt(0);
  return first >= 0xdc00 && first <= 0xdfff ? tail.slice(1) : tail;
}

/** A line's text grown by `more`, keeping its end: what it holds and how many characters its start has lost. */
function grow(kept: string, cut: number, more: string, max: number): { text: string; cut: number } {
  // Only a bounded piece is ever joined: `more` is sliced first when it alone overfills the line.
  const joined = more.length >= max ? tailOf(more, max) : kept + more;
  const text = tailOf(joined, max);
  return { text, cut: cut + kept.length + more.length - text.length };
}

// Carriage returns redraw a terminal line (apk's progress); a log shows the last state of the line.
function shown(line: string, cut: number): string {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  const redrawn = trimmed.lastIndexOf('\r');
  if (redrawn >= 0) return trimmed.slice(redrawn + 1);
  return cut > 0 ? cutMarker(cut) + trimmed : trimmed;
}

export function appendLog(log: RunLog, text: string, max = MAX_LOG_LINES, maxLine = MAX_LINE_CHARS): RunLog {
  if (text === '') return log;
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  if (parts.length === 0) {
    const line = grow(log.partial, log.partialCut, last, maxLine);
    return { ...log, partial: line.text, partialCut: line.cut };
  }
  const ended = parts.map((part, i) => {
    const line = i === 0 ? grow(log.partial, log.partialCut, part, maxLine) : grow('', 0, part, maxLine);
    return shown(line.text, line.cut);
  });
  const next = grow('', 0, last, maxLine);
  const lines = [...log.lines, ...ended];
  const over = Math.max(0, lines.length - max);
  return { lines: over > 0 ? lines.slice(over) : lines, partial: next.text, partialCut: next.cut, dropped: log.dropped + over };
}

export const logFromText = (text: string, max = MAX_LOG_LINES): RunLog => appendLog(emptyLog, text, max);

/** Every line to show, the one still being written last. */
export const visibleLines = (log: RunLog): readonly string[] => (log.partial === '' && log.partialCut === 0 ? log.lines : [...log.lines, shown(log.partial, log.partialCut)]);
