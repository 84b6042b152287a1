import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { visibleLines, type RunLog } from './run-log';

/** Longer logs are virtualised: only the lines in view are in the page. */
export const VIRTUALIZE_FROM = 400;
const LINE_HEIGHT = 19;
// Before layout (or in a DOM without layout, like jsdom) the pane measures 0×0; assume a screenful until measured.
const NO_LAYOUT: Rect = { width: 640, height: 360 };
const observeOrAssume = (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));

function PlainLines({ lines }: { lines: readonly string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <div key={i} className="log-line">
          {line === '' ? '\u00a0' : line}
        </div>
      ))}
    </>
  );
}

function VirtualLines({ lines, scroller, follow }: { lines: readonly string[]; scroller: RefObject<HTMLDivElement | null>; follow: boolean }) {
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    initialRect: NO_LAYOUT,
    observeElementRect: observeOrAssume,
  });
  useEffect(() => {
    if (follow && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [follow, lines.length, virtualizer]);
  return (
    <div className="log-virtual" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => (
        <div key={item.key} className="log-line" style={{ transform: `translateY(${item.start}px)` }} data-index={item.index}>
          {lines[item.index] === '' ? '\u00a0' : lines[item.index]}
        </div>
      ))}
    </div>
  );
}

/**
 * A run's output in a monospace pane that follows new lines while "Follow"
 * is on; scrolling is the person's once it is off.
 */
export function RunLogView({ log, label, truncatedFrom }: { log: RunLog; label: string; truncatedFrom: number }) {
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => visibleLines(log), [log]);
  const virtual = lines.length >= VIRTUALIZE_FROM;
  const followId = useId();

  useEffect(() => {
    const el = scroller.current;
    if (follow && el && !virtual) el.scrollTop = el.scrollHeight;
  }, [follow, lines, virtual]);

  return (
    <div className="run-log-block">
      <div className="row spread">
        <h4>Log</h4>
        <label className="choice-row" htmlFor={followId}>
          <input id={followId} type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow new output
        </label>
      </div>
      {(log.dropped > 0 || truncatedFrom > 0) && <p className="muted">Earlier output is not shown here; the whole log is in the run’s output.log on this computer.</p>}
      {/* role=log, but not read aloud line by line: an install prints hundreds of lines. */}
      <div ref={scroller} className="run-log mono" role="log" aria-live="off" aria-label={label} tabIndex={0}>
        {lines.length === 0 ? <p className="muted">No output yet.</p> : virtual ? <VirtualLines lines={lines} scroller={scroller} follow={follow} /> : <PlainLines lines={lines} />}
      </div>
    </div>
  );
}
