export interface Verdict {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
  /** Why the figure could not be measured on this machine; such a goal counts as not met. */
  notRun?: string;
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const ratio = (x: number) => `${x.toFixed(2)}x`;

/** The final table: every figure with its goal, measured or not, before the exit code says whether all were met. */
export function printVerdicts(verdicts: Verdict[]): void {
  const width = Math.max(...verdicts.map((v) => v.name.length));
  const measured = Math.max(...verdicts.map((v) => (v.notRun === undefined ? v.measured.length : 0)));
  console.log('\nVerdicts (goals):');
  for (const v of verdicts) {
    const label = v.notRun !== undefined ? 'NOT RUN' : v.pass ? 'PASS' : 'FAIL';
    const figure = v.notRun !== undefined ? `not run (goal ${v.target}): ${v.notRun}` : `${v.measured.padEnd(measured)}  (goal ${v.target})`;
    console.log(`${label.padEnd(7)}  ${v.name.padEnd(width)}  ${figure}`);
  }
}

/** The middle value (the lower middle of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/** The largest number of timestamps inside any window of `ms`. */
export function mostInWindow(times: number[], ms = 1000): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Samples the process's resident memory until stopped; returns the peak. */
export function rssSampler(everyMs = 50): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}
