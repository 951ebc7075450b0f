import {
  ReactNode,
  forwardRef,
  useCallback,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';

/** Scrolls a {@link VirtualRows} list. */
export interface VirtualRowsHandle {
  scrollToIndex(index: number): void;
}

/**
 * A fixed-row-height virtual list: renders only the rows in view (plus `overscan`), in a
 * scrolling viewport of `viewportRows` rows.
 */
export const VirtualRows = forwardRef<
  VirtualRowsHandle,
  {
    count: number;
    rowHeight: number;
    viewportRows: number;
    overscan?: number;
    renderRow: (
      index: number,
      style: { top: number; height: number },
    ) => ReactNode;
    className?: string;
  }
>(function VirtualRowList(props, ref) {
  const { count, rowHeight, viewportRows, overscan = 6, renderRow } = props;
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.max(1, Math.min(count, viewportRows)) * rowHeight;

  const scrollTo = useCallback((top: number) => {
    if (viewportRef.current) viewportRef.current.scrollTop = top;
    setScrollTop(top);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex(index: number) {
        const max = Math.max(0, count * rowHeight - height);
        const top = index * rowHeight - height / 2 + rowHeight / 2;
        scrollTo(Math.min(max, Math.max(0, top)));
        // Bring the table itself into view, e.g. when selected from the node map above it.
        viewportRef.current?.scrollIntoView?.({
          block: 'nearest',
          behavior: 'smooth',
        });
      },
    }),
    [count, rowHeight, height, scrollTo],
  );

  // Clamp when the list shrinks, e.g. after filtering.
  const maxTop = Math.max(0, count * rowHeight - height);
  const top = Math.min(scrollTop, maxTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(
    count,
    Math.ceil((top + height) / rowHeight) + overscan,
  );
  const items: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    items.push(renderRow(i, { top: i * rowHeight, height: rowHeight }));
  }

  return (
    <div
      ref={viewportRef}
      role="rowgroup"
      className={props.className}
      style={{ height, overflowY: 'auto', position: 'relative' }}
      onScroll={e => setScrollTop(e.currentTarget.scrollTop)}
      data-testid="daemonset-node-table-viewport"
    >
      <div style={{ height: count * rowHeight, position: 'relative' }}>
        {items}
      </div>
    </div>
  );
});
