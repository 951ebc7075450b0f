import { RefObject, useLayoutEffect, useState } from 'react';

/** Up to this many lines the table renders them all: no scroll listener, no blank flashes. */
export const RENDER_ALL_LIMIT = 300;
/** Lines rendered beyond each edge of the window, so that a quick scroll shows no gap. */
const OVERSCAN = 10;

interface Range {
  start: number;
  end: number;
}

function rangeFor(body: HTMLElement, count: number, lineHeight: number): Range {
  const top = body.getBoundingClientRect().top;
  const height = window.innerHeight || document.documentElement.clientHeight;
  const first = Math.floor(-top / lineHeight) - OVERSCAN;
  const last = Math.ceil((height - top) / lineHeight) + OVERSCAN;
  return {
    start: Math.max(0, Math.min(count, first)),
    end: Math.max(0, Math.min(count, last)),
  };
}

/**
 * The lines of a list in or near the browser window, for a list that scrolls with the page (any
 * scrolling ancestor: Backstage scrolls its content area, not the window). All lines up to
 * {@link RENDER_ALL_LIMIT}.
 */
export function useVisibleRange(
  bodyRef: RefObject<HTMLElement>,
  count: number,
  lineHeight: number,
): Range {
  const all = count <= RENDER_ALL_LIMIT;
  // A first guess without layout: the overscan only, as for a list starting below the window
  // (the tab's table usually does, under the node map). The layout effect measures before the
  // browser paints, and adds the lines in view when the list is higher.
  const [range, setRange] = useState<Range>(() => ({
    start: 0,
    end: Math.min(count, OVERSCAN),
  }));
  useLayoutEffect(() => {
    if (all) return undefined;
    let frame = 0;
    const update = () => {
      frame = 0;
      const body = bodyRef.current;
      if (!body) return;
      const next = rangeFor(body, count, lineHeight);
      // A range that already covers the needed lines, with little to spare, is kept: no
      // re-render (the first measurement after mount usually lands here).
      setRange(r =>
        r.start <= next.start &&
        r.end >= next.end &&
        r.end - r.start <= next.end - next.start + 2 * OVERSCAN
          ? r
          : next,
      );
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    // Capture: scroll events of inner scroll containers do not bubble.
    document.addEventListener('scroll', schedule, {
      capture: true,
      passive: true,
    });
    window.addEventListener('resize', schedule, { passive: true });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      document.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
    };
  }, [all, bodyRef, count, lineHeight]);
  return all ? { start: 0, end: count } : range;
}
