import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries, ChartSpec } from './chartSpecs.ts';

/**
 * Draws one ChartSpec with uPlot, on a canvas. Loaded lazily (this module and uPlot are their own
 * chunk). Periods are categories 0…n−1; bars are drawn by a small path builder (stacked by sign
 * for `stack` series); colours come from the CSS custom properties, so dark mode follows tokens.
 */

interface UChartProps {
  spec: ChartSpec;
  height: number;
  /** The period under the pointer, or null when it leaves. */
  onHover?: (index: number | null) => void;
}

/** Follows the system's light or dark mode, to redraw the canvas in the new colours. */
function useColorScheme(): 'light' | 'dark' {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark ? 'dark' : 'light';
}

type Values = Array<number | null>;

/** Stacks the `stack` series: positives up from 0, negatives down; returns each one's bases and tops. */
function stack(series: ChartSeries[], n: number): Map<string, { bases: Values; tops: Values }> {
  const up = new Array<number>(n).fill(0);
  const down = new Array<number>(n).fill(0);
  const out = new Map<string, { bases: Values; tops: Values }>();
  for (const s of series) {
    if (s.kind !== 'stack') continue;
    const bases: Values = [];
    const tops: Values = [];
    for (let i = 0; i < n; i++) {
      const v = s.values[i] ?? null;
      if (v === null || v === 0) {
        bases.push(null);
        tops.push(null);
      } else if (v > 0) {
        bases.push(up[i]!);
        up[i]! += v;
        tops.push(up[i]!);
      } else {
        bases.push(down[i]!);
        down[i]! += v;
        tops.push(down[i]!);
      }
    }
    out.set(s.key, { bases, tops });
  }
  return out;
}

/** Bars from `bases` (or 0) to the series' values, 70 % of a period's width, at most 44 px. */
function barPaths(bases: Values | null): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const path = new Path2D();
    const ys = u.data[seriesIdx]!;
    const slot = Math.abs(u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true));
    const width = Math.max(2, Math.min(slot * 0.7, 44 * uPlot.pxRatio));
    for (let i = idx0; i <= idx1; i++) {
      const top = ys[i];
      const base = bases ? bases[i] : 0;
      if (top === null || top === undefined || base === null || base === undefined) continue;
      const x = u.valToPos(i, 'x', true);
      const y0 = u.valToPos(base, 'y', true);
      const y1 = u.valToPos(top, 'y', true);
      path.rect(Math.round(x - width / 2), Math.round(Math.min(y0, y1)), Math.round(width), Math.max(1, Math.round(Math.abs(y1 - y0))));
    }
    return { stroke: path, fill: path };
  };
}

let measurer: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = font;
  return measurer.measureText(text).width;
}

function options(spec: ChartSpec, el: HTMLElement, width: number, height: number, onCursor: (i: number | null) => void): uPlot.Options {
  const css = getComputedStyle(el);
  const color = (name: string, fallback = '#777') => css.getPropertyValue(name).trim() || fallback;
  const font = `12px ${css.fontFamily}`;
  const n = spec.names.length;
  const stacks = stack(spec.series, n);
  const muted = color('--color-text-muted');
  const grid = color('--color-border');
  const surface = color('--color-surface', 'transparent');
  const widest = Math.max(...spec.ticks.map((t) => textWidth(t, font)), 10);

  const series: uPlot.Series[] = [{}];
  for (const s of spec.series) {
    const c = color(s.color);
    if (s.kind === 'line') {
      series.push({ label: s.label, stroke: c, width: 2, dash: s.dash ? [6, 4] : undefined, spanGaps: false, points: { show: n <= 60, size: 6, fill: s.dash ? surface : c, stroke: c, width: 2 } });
    } else {
      // Stacked parts are parted by a hairline of the surface; a bar may have an edge colour of its own.
      const edge = color(`${s.color}-edge`, '');
      series.push({ label: s.label, fill: c, stroke: edge || surface, width: edge || s.kind === 'stack' ? 1 : 0, paths: barPaths(stacks.get(s.key)?.bases ?? null), points: { show: false } });
    }
  }

  return {
    width,
    height,
    series,
    legend: { show: false },
    padding: [12, 8, 0, 0],
    scales: {
      x: { time: false, range: () => [-0.5, n - 0.5] },
      y: {
        range: (_u, min, max) => {
          let lo = Math.min(0, min ?? 0);
          let hi = Math.max(0, max ?? 0, spec.yMinTop ?? 0);
          if (lo === hi) hi = lo + 1;
          const span = hi - lo;
          hi += span * 0.06;
          if (lo < 0) lo -= span * 0.04;
          return [lo, hi];
        },
      },
    },
    axes: [
      {
        stroke: muted,
        font,
        grid: { show: false },
        ticks: { stroke: grid, width: 1, size: 4 },
        gap: 4,
        size: 28,
        space: widest + 14,
        incrs: [1, 2, 3, 4, 6, 8, 12, 13, 26, 52, 104],
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) && v >= 0 && v < n ? spec.ticks[v]! : '')),
      },
      {
        stroke: muted,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        gap: 6,
        space: 36,
        values: (_u, splits) => splits.map((v) => spec.yTick(v)),
        size: (_u, values) => (values?.length ? Math.ceil(Math.max(...values.map((v) => textWidth(String(v), font)))) + 12 : 40),
      },
    ],
    cursor: {
      drag: { x: false, y: false, setScale: false },
      points: {
        show: (_u, seriesIdx) => {
          const div = document.createElement('div');
          if (spec.series[seriesIdx - 1]?.kind !== 'line') div.style.display = 'none';
          return div;
        },
        size: 10,
        width: 2,
        fill: surface,
      },
    },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  };
}

export default function UChart({ spec, height, onHover }: UChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  const hover = useRef(onHover);
  hover.current = onHover;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const n = spec.names.length;
    const stacks = stack(spec.series, n);
    const data: uPlot.AlignedData = [
      spec.names.map((_, i) => i),
      ...spec.series.map((s) => (s.kind === 'stack' ? stacks.get(s.key)!.tops : [...s.values])),
    ];
    let last: number | null = null;
    const onCursor = (i: number | null) => {
      if (i === last) return;
      last = i;
      hover.current?.(i);
    };
    const chart = new uPlot(options(spec, el, Math.max(200, el.clientWidth), height, onCursor), data, el);
    const observer = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      hover.current?.(null);
    };
  }, [spec, height, scheme]);

  return <div ref={ref} className="chart-plot" />;
}
