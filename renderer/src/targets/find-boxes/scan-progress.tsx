import { progressText } from './scan-sentences';

/** How far a search got; indeterminate until the main process has said how many addresses it covers. */
export function ScanProgress({ probed, total, found }: { probed: number; total: number | null; found: number }) {
  const text = total === null ? 'Starting the search…' : progressText(probed, total);
  const share = total === null || total === 0 ? 0 : Math.min(100, Math.round((probed / total) * 100));
  return (
    <div className="scan-progress">
      <div
        className="scan-bar"
        role="progressbar"
        aria-label="Search progress"
        aria-valuemin={0}
        {...(total === null ? {} : { 'aria-valuenow': probed, 'aria-valuemax': total, 'aria-valuetext': text })}
      >
        <div className="scan-bar-fill" data-indeterminate={total === null || undefined} style={{ width: total === null ? undefined : `${share}%` }} />
      </div>
      <p className="scan-progress-text" aria-live="polite">
        {text}
        {found > 0 && <span className="muted">; {found === 1 ? 'found 1 box' : `found ${found} boxes`} so far</span>}
      </p>
    </div>
  );
}
