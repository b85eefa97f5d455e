// A virtual list of rows whose heights are known in advance: only the rows in view (plus a few either side)
// are in the DOM, with a spacer above and below standing in for the rest. Written here rather than taken
// from a library because known heights keep it short, and the list needs nothing a library would add
// (measured heights, grids, sticky items) that would be worth a new dependency in a security-minded app.
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** Where each row sits. Uniform rows are arithmetic; mixed ones (a taller group header) use a table of tops. */
interface Layout {
  top: (index: number) => number;
  height: (index: number) => number;
  /** The row at a vertical offset, clamped to the rows there are. */
  indexAt: (offset: number) => number;
  total: number;
}

export function layoutOf(count: number, rowHeight: number | ((index: number) => number)): Layout {
  const last = Math.max(0, count - 1);
  if (typeof rowHeight === 'number') {
    return { top: (i) => i * rowHeight, height: () => rowHeight, indexAt: (y) => Math.min(last, Math.max(0, Math.floor(y / rowHeight))), total: count * rowHeight };
  }
  const tops = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 1) tops[i + 1] = (tops[i] ?? 0) + rowHeight(i);
  const indexAt = (y: number): number => {
    // The last row whose top is at or above y.
    let low = 0;
    let high = last;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((tops[middle] ?? 0) <= y) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  return { top: (i) => tops[i] ?? 0, height: (i) => (tops[i + 1] ?? 0) - (tops[i] ?? 0), indexAt, total: tops[count] ?? 0 };
}

export interface VirtualListProps {
  count: number;
  /** One height for every row, or each row's own (known before it renders: nothing is measured). */
  rowHeight: number | ((index: number) => number);
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
  const layout = useMemo(() => layoutOf(count, rowHeight), [count, rowHeight]);

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
    setFirst(layout.indexAt(container.current?.scrollTop ?? 0));
  }, [layout]);

  // When filtering shrinks the list below the scroll position, snap back into range.
  useEffect(() => {
    if (first > 0 && first >= count) {
      const element = container.current;
      if (element) element.scrollTop = 0;
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the scroll position just moved: the state follows it
      setFirst(0);
    }
  }, [count, first]);

  const reveal = (index: number): void => {
    const element = container.current;
    if (!element) return;
    const top = layout.top(index);
    const bottom = top + layout.height(index);
    if (top < element.scrollTop) element.scrollTop = top;
    else if (bottom > element.scrollTop + height) element.scrollTop = bottom - height;
    setFirst(layout.indexAt(element.scrollTop));
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
    // Again whenever the rendered rows may have changed, until the row is there.
  }, [pendingFocus, first, count, height]);

  const shownFirst = Math.min(first, count - 1);
  const lastVisible = layout.indexAt(layout.top(Math.max(0, shownFirst)) + height);
  const start = Math.max(0, shownFirst - overscan);
  const end = Math.min(count, lastVisible + 1 + overscan);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index += 1) rows.push(<Fragment key={rowKey(index)}>{renderRow(index)}</Fragment>);

  return (
    <div ref={container} className="virtual-list" onScroll={onScroll} onKeyDown={onKeyDown}>
      <div role="list" aria-label={label}>
        <div aria-hidden="true" style={{ height: layout.top(start) }} />
        {rows}
        <div aria-hidden="true" style={{ height: Math.max(0, layout.total - layout.top(end)) }} />
      </div>
    </div>
  );
}
