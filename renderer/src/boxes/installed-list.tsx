import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import type { ResponseOf } from '../../../shared/api/channels';
import { BusyButton } from '../components/busy-button';

type Installed = ResponseOf<'boxes:packages'>['packages'][number];

const ROW = 34;
// jsdom (and a hidden list) measures 0×0 and would show nothing; assume a screenful until measured.
const NO_LAYOUT: Rect = { width: 480, height: 340 };

function observeOrAssume(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));
}

/**
 * Every installed package, filtered by name and virtualised (a box has
 * hundreds). Packages asked for by name can be removed; the ones pulled in
 * by others go with them.
 */
export function InstalledList({ packages, targetName, busy, onRemove }: { packages: readonly Installed[]; targetName: string; busy: boolean; onRemove: (name: string) => void }) {
  const [filter, setFilter] = useState('');
  const id = useId();
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const sorted = [...packages].sort((a, b) => a.name.localeCompare(b.name));
    return q === '' ? sorted : sorted.filter((p) => p.name.toLowerCase().includes(q));
  }, [packages, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 8,
    initialRect: NO_LAYOUT,
    observeElementRect: observeOrAssume,
  });
  const asked = packages.filter((p) => p.inWorld).length;
  return (
    <div className="installed">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-filter`}>
          Find an installed package
        </label>
        <input
          id={`${id}-filter`}
          className="input"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-count`}
        />
        <p className="field-hint" id={`${id}-count`}>
          {packages.length} installed, {asked} asked for by name; {shown.length === packages.length ? 'all shown' : `${shown.length} match`}.
        </p>
      </div>
      <div ref={scrollRef} className="installed-scroll" role="region" aria-label={`Installed packages of ${targetName}`} tabIndex={0}>
        <ul className="installed-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const p = shown[v.index];
            if (p === undefined) return null;
            return (
              <li key={p.name} className="installed-row" style={{ transform: `translateY(${v.start}px)`, height: v.size }}>
                <span className="mono">{p.name}</span>
                <span className="muted mono">{p.version}</span>
                {p.inWorld ? (
                  <BusyButton className="button small" waiting={busy} onClick={() => onRemove(p.name)}>
                    Remove<span className="visually-hidden"> {p.name}</span>
                  </BusyButton>
                ) : (
                  <span className="muted">dependency</span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
