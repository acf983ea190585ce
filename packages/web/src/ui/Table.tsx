import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  /** Header text; also the label of the cell when the table stacks into cards. */
  label: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** The cell that names the row (a row header). */
  rowHeader?: boolean;
  /** Hide the label in stacked mode (e.g. for action buttons). */
  noLabel?: boolean;
  /** Long free text that may wrap; other cells keep to one line and the table scrolls instead. */
  wrap?: boolean;
}

interface TableProps<T> {
  caption: string;
  /** Show the caption only to screen readers when a heading already says it. */
  hideCaption?: boolean;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /**
   * Stack rows into cards on a narrow container (the default). A short table of many columns (a
   * sample of five rows) reads better scrolling sideways, its row headers kept in view.
   */
  stack?: boolean;
}

/**
 * A data table. On a narrow container each row becomes a card of label–value pairs; on a wide one
 * it scrolls sideways inside its own focusable box (never the page), its row headers kept in view.
 * The explicit ARIA roles keep it a table for screen readers when CSS changes its display.
 */
function cellClass<T>(c: Column<T>): string | undefined {
  return [c.numeric && 'num', c.wrap && 'wrap'].filter(Boolean).join(' ') || undefined;
}

/** Whether a box scrolls sideways: only then it needs to be a focusable region for the keyboard. */
function useScrollsSideways() {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return { ref, scrolls };
}

export function Table<T>({ caption, hideCaption, columns, rows, rowKey, stack = true }: TableProps<T>) {
  const { ref, scrolls } = useScrollsSideways();
  return (
    <div className={stack ? 'table-wrap' : 'table-wrap table-nostack'}>
      <div ref={ref} className="table-scroll" {...(scrolls ? { role: 'region', 'aria-label': `${caption} (scrolls sideways)`, tabIndex: 0 } : {})}>
        <table className="table" role="table">
          <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
          <thead role="rowgroup">
            <tr role="row">
              {columns.map((c) => (
                <th key={c.key} scope="col" role="columnheader" className={cellClass(c)}>
                  {c.noLabel ? <span className="visually-hidden">{c.label}</span> : c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((row) => (
              <tr key={rowKey(row)} role="row">
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" role="rowheader" data-label={c.label} className={cellClass(c)}>
                      <span>{c.cell(row)}</span>
                    </th>
                  ) : (
                    <td key={c.key} role="cell" data-label={c.noLabel ? '' : c.label} className={cellClass(c)}>
                      <span>{c.cell(row)}</span>
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
