export interface Verdict {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function printVerdicts(verdicts: Verdict[]): void {
  const width = Math.max(...verdicts.map((v) => v.name.length));
  console.log('');
  for (const v of verdicts) console.log(`${v.pass ? 'PASS' : 'FAIL'}  ${v.name.padEnd(width)}  ${v.measured}  (target ${v.target})`);
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
