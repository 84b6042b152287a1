/**
 * A run's output as the window keeps it: complete lines, and the line still
 * being written. Very long logs keep their newest lines; the whole log is
 * always in the run's file on disk.
 */
export interface RunLog {
  readonly lines: readonly string[];
  readonly partial: string;
  /** Lines dropped from the start to keep the window light. */
  readonly dropped: number;
}

export const MAX_LOG_LINES = 20_000;

export const emptyLog: RunLog = { lines: [], partial: '', dropped: 0 };

// Carriage returns redraw a terminal line (apk's progress); a log shows the last state of the line.
const shown = (line: string) => {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cut = trimmed.lastIndexOf('\r');
  return cut < 0 ? trimmed : trimmed.slice(cut + 1);
};

export function appendLog(log: RunLog, text: string, max = MAX_LOG_LINES): RunLog {
  if (text === '') return log;
  const parts = (log.partial + text).split('\n');
  const partial = parts.pop() ?? '';
  if (parts.length === 0) return { ...log, partial };
  const lines = [...log.lines, ...parts.map(shown)];
  const over = Math.max(0, lines.length - max);
  return { lines: over > 0 ? lines.slice(over) : lines, partial, dropped: log.dropped + over };
}

export const logFromText = (text: string, max = MAX_LOG_LINES): RunLog => appendLog(emptyLog, text, max);

/** Every line to show, the one still being written last. */
export const visibleLines = (log: RunLog): readonly string[] => (log.partial === '' ? log.lines : [...log.lines, shown(log.partial)]);
