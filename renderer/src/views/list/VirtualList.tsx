// A fixed-row-height virtual list: only the rows in view (plus a few either side) are in the DOM, with a
// spacer above and below standing in for the rest. Written here rather than taken from a library because
// fixed heights make it about sixty lines, and the list needs nothing a library would add (variable
// heights, grids, sticky items) that would be worth a new dependency in a security-minded app.
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling does not flash blank rows. */
  overscan?: number;
  /** Used before the container is measured (and in test DOMs, which have no layout). */
  fallbackHeight?: number;
  label: string;
  /** Render row `index`; its focusable element must carry data-row-index={index} for arrow keys to work. */
  renderRow: (index: number) => ReactNode;
  /** A stable key for row `index`, so React keeps row state (and focus) while the list scrolls. */
  rowKey: (index: number) => string;
}

export function VirtualList({ count, rowHeight, overscan = 6, fallbackHeight = 800, label, renderRow, rowKey }: VirtualListProps) {
  const container = useRef<HTMLDivElement>(null);
  const [first, setFirst] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = (): void => setHeight(element.clientHeight || fallbackHeight);
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallbackHeight]);

  const onScroll = useCallback(() => {
    // Only the first visible index is state, so scrolling within one row does not re-render.
    setFirst(Math.floor((container.current?.scrollTop ?? 0) / rowHeight));
  }, [rowHeight]);

  // When filtering shrinks the list below the scroll position, snap back into range.
  useEffect(() => {
    if (first > 0 && first >= count) {
      const element = container.current;
      if (element) element.scrollTop = 0;
      setFirst(0);
    }
  }, [count, first]);

  const reveal = (index: number): void => {
    const element = container.current;
    if (!element) return;
    const top = index * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
    setFirst(Math.floor(element.scrollTop / rowHeight));
  };

  // Arrow keys, Home and End move between rows, including rows not rendered yet.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row) return;
    const index = Number(row.dataset.rowIndex);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1 }[event.key];
    if (next === undefined || next < 0 || next >= count) return;
    event.preventDefault();
    reveal(next);
    setPendingFocus(next);
  };

  useLayoutEffect(() => {
    if (pendingFocus === null) return;
    const target = container.current?.querySelector<HTMLElement>(`[data-row-index="${pendingFocus}"]`);
    if (target) {
      target.focus();
      setPendingFocus(null);
    }
  });

  const visible = Math.ceil(height / rowHeight);
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index += 1) rows.push(<Fragment key={rowKey(index)}>{renderRow(index)}</Fragment>);

  return (
    <div ref={container} className="virtual-list" onScroll={onScroll} onKeyDown={onKeyDown}>
      <div role="list" aria-label={label}>
        <div aria-hidden="true" style={{ height: start * rowHeight }} />
        {rows}
        <div aria-hidden="true" style={{ height: Math.max(0, count - end) * rowHeight }} />
      </div>
    </div>
  );
}
