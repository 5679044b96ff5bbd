import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCompact, formatDate, formatHourMinute, useFormatPrefs } from '../../lib/format.ts';
import './charts.css';

export type ChartSeries = {
  label: string;
  /** A colour token of styles.css ("--accent", "--bad"): resolved at draw time, so both themes read. */
  token: string;
  bars?: boolean;
  /** A value that holds until the next point (a balance), drawn as steps. */
  stepped?: boolean;
};

type Props = {
  /** The figure's name for assistive tech and its visible heading. */
  title: string;
  /** x in epoch milliseconds, then one array of y values per series. */
  x: readonly number[];
  ys: readonly (readonly (number | null)[])[];
  series: readonly ChartSeries[];
  /** How the x axis reads: time of day (per-minute buckets) or the date (per-day buckets). */
  xUnit: 'minute' | 'day';
  height?: number;
  /** The text equivalent, shown under the chart and read by screen readers in place of the canvas. */
  summary: string;
  /** Optional row-by-row data for screen readers (visually hidden). */
  table?: { head: readonly string[]; rows: readonly (readonly string[])[] };
  /** A sparkline: no axes, legend or cursor; the title and sentence are for screen readers only. */
  spark?: boolean;
};

/**
 * A CSS token resolved to an rgb() the canvas can use: tokens are `light-dark(…)` values, which a
 * custom property read returns unresolved, so a probe element's computed colour does it.
 */
function resolve(el: HTMLElement, token: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${token})`;
  el.appendChild(probe);
  const c = getComputedStyle(probe).color;
  probe.remove();
  return c;
}

/** Bumps on a theme change (the Settings override or the OS), so the chart redraws in the new colours. */
function useThemeVersion(): number {
  const [v, setV] = useState(0);
  useEffect(() => {
    const bump = () => setV((n) => n + 1);
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', bump);
    const mo = new MutationObserver(bump);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      mq.removeEventListener('change', bump);
      mo.disconnect();
    };
  }, []);
  return v;
}

/** One uPlot, created and destroyed with the component, following the theme, locale and container width. */
export function UPlotChart({ title, x, ys, series, xUnit, height = 140, summary, table, spark = false }: Props) {
  const box = useRef<HTMLDivElement | null>(null);
  const theme = useThemeVersion();
  const prefs = useFormatPrefs();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ink = resolve(el, '--muted');
    const grid = resolve(el, '--line');
    const tick = xUnit === 'minute' ? formatHourMinute : formatDate;
    const half = spark ? 0 : xUnit === 'minute' ? 30 : 43_200;
    const minWidth = spark ? 40 : 200;
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
    const opts: uPlot.Options = {
      width: Math.max(minWidth, el.clientWidth),
      height,
      // The zone follows the UTC toggle, so splits fall on the hours the labels name.
      tzDate: (ts) => (prefs.utc ? uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') : new Date(ts * 1e3)),
      legend: { show: !spark, live: false },
      cursor: { show: !spark, drag: { x: false, y: false } },
      // Half a bucket either side, so the first and last bars are whole, not cut at the edge.
      scales: { x: { time: true, range: (_u, min, max) => [min - half, max + half] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: spark
        ? [{ show: false }, { show: false }]
        : [
            // Room for the widest label ("Nov 30, 2026", "09:57 AM"), so ticks never run into each other.
            { ...axis, space: xUnit === 'minute' ? 70 : 100, values: (_u, splits) => splits.map((s) => tick(s * 1000)) },
            { ...axis, size: 50, space: 20, values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formatCompact(s) : '')) },
          ],
      series: [
        {},
        ...series.map((s) => {
          const c = resolve(el, s.token);
          return s.bars
            ? { label: s.label, stroke: c, fill: c, width: 0, paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } }
            : { label: s.label, stroke: c, width: spark ? 1.5 : 2, points: { show: false }, ...(s.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}) };
        }),
      ],
    };
    const data = [x.map((ms) => ms / 1000), ...ys.map((y) => [...y])] as uPlot.AlignedData;
    const u = new uPlot(opts, data, el);
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(minWidth, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
    };
  }, [x, ys, series, xUnit, height, theme, prefs, spark]);
  return (
    <figure className={spark ? 'chart chart-spark' : 'chart'} aria-label={title}>
      <figcaption className={spark ? 'sr-only' : 'chart-title'}>{title}</figcaption>
      <div ref={box} className="chart-canvas" aria-hidden="true" />
      <p className={spark ? 'sr-only' : 'chart-summary small muted'}>{summary}</p>
      {table && (
        <table className="sr-only">
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r[0]}>
                {r.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
