import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { Button, Table, type Column } from '../../ui/index.ts';
import type { ChartSpec } from './chartSpecs.ts';
import { LazyBoundary } from './LazyBoundary.tsx';

// uPlot and the code that drives it come in their own chunk, only when a chart is shown.
const loadChart = () => import('./UChart.tsx');
const UChart = lazy(loadChart);

/** Starts loading the chart code early (alongside the data), so charts appear without a wait. */
export function preloadCharts(): void {
  void loadChart().catch(() => {
    // shown by the boundary when the chart renders
  });
}

const HEIGHT = 240;

interface Row {
  index: number;
}

/**
 * One chart, as accessible as its numbers: a heading, a summary in words, a legend, the drawing
 * (an image to assistive technology, named by the heading and described by the summary), a line
 * that reads out the period under the pointer, and a "Show as table" toggle with the same numbers.
 */
export function ChartPanel({ spec }: { spec: ChartSpec }) {
  const id = useId();
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const tableId = `${id}-table`;
  const [showTable, setShowTable] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  const n = spec.names.length;
  // Until a period is pointed at, the readout shows the latest with work.
  const readoutIndex = hover ?? spec.focus;

  const columns = useMemo<Column<Row>[]>(
    () => [
      { key: 'period', label: 'Period', rowHeader: true, cell: (r) => spec.names[r.index] },
      ...spec.series.map((s) => ({ key: s.key, label: s.label, numeric: true, cell: (r: Row) => s.format(s.values[r.index] ?? null) })),
      ...(spec.extraColumns ?? []).map((c) => ({ key: c.key, label: c.label, numeric: true, cell: (r: Row) => c.values[r.index] })),
    ],
    [spec],
  );
  const rows = useMemo(() => spec.names.map((_, index) => ({ index })), [spec]);

  return (
    <figure className="chart card" aria-labelledby={titleId} data-chart={spec.id}>
      <div className="chart-head">
        <h3 id={titleId}>{spec.title}</h3>
        <Button variant="secondary" small aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Hide table' : 'Show as table'}
          <span className="visually-hidden">: {spec.title}</span>
        </Button>
      </div>
      <p id={summaryId} className="chart-summary">
        {spec.summary}
      </p>
      <ul className="chart-legend" aria-label="Legend">
        {spec.series.map((s) => (
          <li key={s.key}>
            <span className={`chart-swatch chart-swatch-${s.kind === 'line' ? (s.dash ? 'dash' : 'line') : 'bar'}`} style={{ ['--swatch' as string]: `var(${s.color})` }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="chart-frame" role="img" aria-labelledby={titleId} aria-describedby={summaryId} style={{ minHeight: HEIGHT }}>
        {n === 0 ? null : (
          <LazyBoundary fallback={<p className="chart-failed">The chart could not be loaded. “Show as table” has the same numbers.</p>}>
            <Suspense fallback={<p className="chart-loading muted small">Loading the chart…</p>}>
              <UChart spec={spec} height={HEIGHT} onHover={setHover} />
            </Suspense>
          </LazyBoundary>
        )}
      </div>
      {n > 0 ? (
        // The same numbers as the table, for sighted pointer users; the table is the accessible form.
        <p className="chart-readout small" aria-hidden="true">
          <strong>{spec.names[readoutIndex]}:</strong>{' '}
          {spec.series.map((s, i) => (
            <span key={s.key}>
              {i > 0 ? ' · ' : ''}
              {s.label} {s.format(s.values[readoutIndex] ?? null)}
            </span>
          ))}
        </p>
      ) : null}
      <div id={tableId} hidden={!showTable}>
        {showTable ? <Table caption={spec.title} hideCaption columns={columns} rows={rows} rowKey={(r) => String(r.index)} /> : null}
      </div>
    </figure>
  );
}
