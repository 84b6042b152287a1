import type { Page } from '@playwright/test';

/** A control a person cannot fully see or reach: cut by a box that does not scroll, by the window, or with its own label cut short. */
export interface Clipped {
  control: string;
  by: string;
}

/**
 * Every visible control on the page that is clipped, measured by bounding
 * boxes: a control cut by an ancestor that hides overflow (and does not
 * scroll), one outside the window with no scroll area to bring it in, or a
 * button whose own text is cut. A control scrolled partly out of a scroll
 * area is not clipped: scrolling shows it.
 */
export function clippedControls(page: Page): Promise<Clipped[]> {
  return page.evaluate(() => {
    const TOLERANCE = 1;
    const inside = (r: DOMRect, o: { left: number; top: number; right: number; bottom: number }) =>
      r.left >= o.left - TOLERANCE && r.top >= o.top - TOLERANCE && r.right <= o.right + TOLERANCE && r.bottom <= o.bottom + TOLERANCE;
    const describe = (el: Element) => {
      const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim() ?? '';
      const label = name || (el as HTMLInputElement).labels?.[0]?.innerText?.trim() || el.id || el.className;
      return `${el.tagName.toLowerCase()} "${label.slice(0, 60)}"`;
    };
    const hidden = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.display === 'none' || cs.visibility === 'hidden' || a.classList.contains('visually-hidden')) return true;
      }
      return false;
    };
    const found: Array<{ control: string; by: string }> = [];
    const controls = document.querySelectorAll('button, input:not([type=hidden]), select, textarea, a[href], [role=button], [role=tab], summary');
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || hidden(el)) continue;
      // The content of a closed <details> is not shown: nothing to see there.
      const closed = el.closest('details:not([open])');
      if (closed !== null && el.closest('summary')?.parentElement !== closed) continue;
      let scrolls = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        // Sideways, a cut control is clipped even in a scroll area: a row whose buttons need sideways scrolling is cut for the person reading it.
        if (r.left < box.left - TOLERANCE || r.right > box.right + TOLERANCE) found.push({ control: describe(el), by: describe(a) });
        // Up and down, a scroll area brings it into view; a box that hides its overflow cuts it.
        if (/(auto|scroll)/.test(cs.overflowY) && a.scrollHeight > a.clientHeight) {
          scrolls = true;
          break;
        }
        if (r.top < box.top - TOLERANCE || r.bottom > box.bottom + TOLERANCE) found.push({ control: describe(el), by: describe(a) });
      }
      if (!scrolls && !inside(r, { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight })) found.push({ control: describe(el), by: 'the window' });
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + TOLERANCE) found.push({ control: describe(el), by: 'its own width (the label is cut)' });
    }
    return found;
  });
}
