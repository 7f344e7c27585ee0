/**
 * Layout of one instrument's score chart, as numbers the SVG draws: the plot box, a time scale
 * (administrations and sessions), a score scale over the instrument's range, the severity bands
 * (shaded rectangles with labels), the caseness cut-off line, each administration as a point
 * (invalid ones — no total — on the axis, marked), the line through the valid points, and the
 * sessions' interventions as numbered markers under the time axis. Pure: no DOM, no dates
 * formatted here (ticks are times; the component formats them).
 */
import type { InstrumentOutcome } from '../../../../src/core/measures/outcome-schema.js';
import type { Band } from '../../../../src/core/measures/schema.js';
import type { SessionLogEntry } from '../../../../src/server/domain/schemas.js';

const DAY = 86_400_000;

export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** Room on the right for band labels, below for date ticks and the intervention markers. */
const DEFAULT_BOX: ChartBox = {
  width: 720,
  height: 320,
  margin: { top: 12, right: 132, bottom: 72, left: 66 },
};

export interface BandRect {
  label: string;
  severity: Band['severity'];
  min: number;
  max: number;
  y: number;
  height: number;
  /** Where its label's baseline goes (the band's middle). */
  labelY: number;
}

export interface ChartPoint {
  x: number;
  y: number;
  at: string;
  total: number | null;
  valid: boolean;
  administrationId: string | undefined;
}

export interface InterventionMarker {
  /** 1-based number shown on the marker and in the legend. */
  n: number;
  x: number;
  y: number;
  sessionId: string;
  date: string;
  names: string[];
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  bands: BandRect[];
  cutoff: { y: number; score: number } | null;
  yTicks: { y: number; value: number }[];
  /** Times (ms since the epoch, UTC midnight) and where they go. */
  xTicks: { x: number; t: number }[];
  /** SVG path through the valid points in time order ('' with none). */
  line: string;
  points: ChartPoint[];
  markers: InterventionMarker[];
  /** The y of the marker strip's centre line. */
  markerY: number;
}

const r1 = (v: number): number => Math.round(v * 10) / 10;

/** A `YYYY-MM-DD` calendar date as noon UTC (the middle of the day wherever the reader is). */
export function dateTime(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
}

/** A linear scale from `domain` to `range`; an empty domain maps to the range's middle. */
export function linear(
  domain: readonly [number, number],
  range: readonly [number, number],
): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1v] = range;
  if (d1 === d0) return () => (r0 + r1v) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1v - r0);
}

/**
 * The time domain: from the first to the last time, padded by 4 % each side; one instant (or
 * none) is widened to a week around it, so a single point sits in the middle.
 */
export function timeDomain(times: readonly number[]): [number, number] {
  const ok = times.filter((t) => Number.isFinite(t));
  if (ok.length === 0) return [0, 7 * DAY];
  const lo = Math.min(...ok);
  const hi = Math.max(...ok);
  if (hi - lo < DAY) {
    const mid = (lo + hi) / 2;
    return [mid - 3.5 * DAY, mid + 3.5 * DAY];
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** Whole UTC days in the domain, at most `max` of them, evenly stepped. */
export function dayTicks(domain: readonly [number, number], max = 5): number[] {
  const [t0, t1] = domain;
  const first = Math.ceil(t0 / DAY) * DAY;
  const last = Math.floor(t1 / DAY) * DAY;
  if (last < first) return [Math.round((t0 + t1) / 2)];
  const days = Math.round((last - first) / DAY);
  const step = Math.max(1, Math.ceil(days / Math.max(1, max - 1)));
  const ticks: number[] = [];
  for (let d = 0; d <= days; d += step) ticks.push(first + d * DAY);
  return ticks;
}

/** The score range the bands cover (the instrument's range). */
export function scoreRange(bands: readonly Band[]): [number, number] {
  if (bands.length === 0) return [0, 1];
  const lo = Math.min(...bands.map((b) => b.min));
  const hi = Math.max(...bands.map((b) => b.max));
  return [lo, hi > lo ? hi : lo + 1];
}

/**
 * `range`: the instrument's score range, used when it has no bands (a feedback form); with
 * neither, the scale runs from 0 to the highest total.
 */
export function layoutChart(
  outcome: Pick<InstrumentOutcome, 'points' | 'bands' | 'cutoff'>,
  sessionLog: readonly SessionLogEntry[],
  box: ChartBox = DEFAULT_BOX,
  range?: readonly [number, number],
): ChartLayout {
  const { margin } = box;
  const plot = {
    x: margin.left,
    y: margin.top,
    width: box.width - margin.left - margin.right,
    height: box.height - margin.top - margin.bottom,
  };
  const bottom = plot.y + plot.height;
  const sessions = sessionLog
    .filter((s) => s.interventions.length > 0 && Number.isFinite(dateTime(s.date)))
    .sort((a, b) => a.date.localeCompare(b.date));
  const pointTimes = outcome.points.map((p) => Date.parse(p.at));
  const domain = timeDomain([...pointTimes, ...sessions.map((s) => dateTime(s.date))]);
  const x = linear(domain, [plot.x, plot.x + plot.width]);

  const totals = outcome.points.flatMap((p) => (p.total === null ? [] : [p.total]));
  const [lo, hi] =
    outcome.bands.length > 0 ? scoreRange(outcome.bands) : (range ?? [0, Math.max(1, ...totals)]);
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  const y = linear([lo, hi], [bottom, plot.y]);

  const bands: BandRect[] = outcome.bands.map((b) => {
    const top = y(clamp(b.max + 0.5));
    const base = y(clamp(b.min - 0.5));
    return {
      label: b.label,
      severity: b.severity,
      min: b.min,
      max: b.max,
      y: r1(top),
      height: r1(base - top),
      labelY: r1((top + base) / 2 + 4),
    };
  });

  // The line sits on the band boundary: at or above it is a case.
  const cutoff =
    outcome.cutoff > lo && outcome.cutoff <= hi
      ? { y: r1(y(outcome.cutoff - 0.5)), score: outcome.cutoff }
      : null;

  const tickValues = [...new Set([lo, ...outcome.bands.map((b) => b.min), hi])].sort(
    (a, b) => a - b,
  );
  const yTicks = tickValues.map((value) => ({ y: r1(y(clamp(value))), value }));
  const xTicks = dayTicks(domain).map((t) => ({ x: r1(x(t)), t }));

  const points: ChartPoint[] = outcome.points
    .map((p, i) => ({ p, t: pointTimes[i] ?? Number.NaN }))
    .filter(({ t }) => Number.isFinite(t))
    .sort((a, b) => a.t - b.t)
    .map(({ p, t }) => ({
      x: r1(x(t)),
      y: r1(p.total === null ? bottom : y(clamp(p.total))),
      at: p.at,
      total: p.total,
      valid: p.total !== null,
      administrationId: p.administrationId,
    }));
  const line = points
    .filter((p) => p.valid)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`)
    .join(' ');

  const markerY = bottom + 46;
  const markers: InterventionMarker[] = sessions.map((s, i) => ({
    n: i + 1,
    x: r1(x(dateTime(s.date))),
    y: markerY,
    sessionId: s.sessionId,
    date: s.date,
    names: s.interventions.map((iv) => iv.name),
  }));

  return {
    width: box.width,
    height: box.height,
    plot,
    bands,
    cutoff,
    yTicks,
    xTicks,
    line,
    points,
    markers,
    markerY,
  };
}
