import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useAppStore } from '../store/store-context';
import { Field, fieldId } from './field';

const ROW = 32;
// Before layout (hidden, or a DOM without layout such as jsdom) the list
// measures 0×0 and would show nothing; assume a screenful until measured.
const NO_LAYOUT: Rect = { width: 320, height: 320 };

function observeOrAssume(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : NO_LAYOUT));
}

interface SearchableListProps {
  path: string;
  label: ReactNode;
  items: readonly string[];
  value: string | null;
  onChange: (value: string) => void;
  hint?: ReactNode;
  /** Shown for an item beside its name (secondary text). */
  describe?: (item: string) => string | undefined;
}

/**
 * A search box over a long list, virtualised. Arrow keys move through the
 * matches, Enter picks one, Escape clears the search. The search text is a
 * draft in the store, so it is still there after visiting another step.
 */
export function SearchableList({ path, label, items, value, onChange, hint, describe }: SearchableListProps) {
  const draftKey = `${path}#search`;
  const query = useAppStore((s) => s.wizard.drafts[draftKey]) ?? '';
  const edit = useAppStore((s) => s.wizard.edit);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q === '') return items;
    const starts = items.filter((i) => i.toLowerCase().startsWith(q));
    const contains = items.filter((i) => !i.toLowerCase().startsWith(q) && i.toLowerCase().includes(q));
    return [...starts, ...contains];
  }, [items, query]);

  const selectedIndex = value === null ? -1 : matches.indexOf(value);
  const [active, setActive] = useState<{ query: string; index: number } | null>(null);
  const activeIndex = active && active.query === query ? active.index : Math.max(0, selectedIndex);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: matches.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 6,
    initialRect: NO_LAYOUT,
    observeElementRect: observeOrAssume,
  });

  // Show the chosen item when the list appears; later, typing goes back to the top.
  const [initialIndex] = useState(selectedIndex);
  useEffect(() => {
    if (initialIndex > 0) virtualizer.scrollToIndex(initialIndex, { align: 'center' });
  }, [virtualizer, initialIndex]);
  const setQuery = (q: string) => {
    edit((w) => ({ drafts: { ...w.drafts, [draftKey]: q } }));
    virtualizer.scrollToOffset(0);
  };

  const id = fieldId(path);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  const moveTo = (i: number) => {
    const index = Math.min(matches.length - 1, Math.max(0, i));
    setActive({ query, index });
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  // The search box and the list itself (a Tab stop of its own, so it can be scrolled from the keyboard) share keys.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight || NO_LAYOUT.height) / ROW) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    const by = moves[e.key];
    const inList = e.currentTarget.getAttribute('role') === 'listbox';
    if (by !== undefined) {
      e.preventDefault();
      moveTo(activeIndex + by);
    } else if (inList && (e.key === 'Home' || e.key === 'End')) {
      e.preventDefault();
      moveTo(e.key === 'Home' ? 0 : matches.length - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = matches[activeIndex];
      if (item !== undefined) onChange(item);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  };

  const virtualItems = virtualizer.getVirtualItems();
  const activeRendered = virtualItems.some((v) => v.index === activeIndex);
  return (
    <Field
      path={path}
      label={label}
      hint={
        <>
          {`Chosen: ${value ?? 'nothing'}. `}
          {hint}
          {hint ? ' ' : ''}
          {matches.length === 0 ? 'Nothing matches the search.' : `${matches.length} shown. Up and down arrows move, Enter picks, Escape clears the search.`}
        </>
      }
    >
      {(control) => (
        <div className="searchable-list">
          <input
            {...control}
            className="input wide"
            type="search"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={matches.length > 0 && activeRendered ? optionId(activeIndex) : undefined}
            value={query}
            placeholder={value ?? 'Search'}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <div
            ref={scrollRef}
            className="listbox-scroll"
            role="listbox"
            id={listId}
            aria-labelledby={`${id}-label`}
            tabIndex={0}
            aria-activedescendant={matches.length > 0 && activeRendered ? optionId(activeIndex) : undefined}
            onKeyDown={onKeyDown}
          >
            <div role="presentation" className="listbox" style={{ height: virtualizer.getTotalSize() }}>
              {virtualItems.map((v) => {
                const item = matches[v.index] ?? '';
                const note = describe?.(item);
                return (
                  <div
                    key={item}
                    id={optionId(v.index)}
                    role="option"
                    aria-selected={item === value}
                    data-active={v.index === activeIndex}
                    className="option"
                    style={{ transform: `translateY(${v.start}px)`, height: v.size }}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => {
                      setActive({ query, index: v.index });
                      onChange(item);
                    }}
                  >
                    {item}
                    {note && <span className="option-note"> {note}</span>}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </Field>
  );
}
