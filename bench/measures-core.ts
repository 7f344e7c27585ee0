/**
 * Core figures of the measurement-based-care benchmark (issue 5), pure functions in this process:
 * `scoreInstrument` (PHQ-9, one call), `summarizeOutcome` over 200 PHQ-9 administrations,
 * `recommend` for three concerns with features, preferences, culture and a contraindication, and
 * `alternativesFor` (the plateau prompt). Each is timed per call after a warm-up, for a fixed
 * time budget; scoring is timed in batches of 100 calls (one call is a few microseconds, close to
 * the timer's resolution). Memory: the heap one result keeps alive (after a full collection).
 */
import { performance } from 'node:perf_hooks';
import {
  alternativesFor,
  recommend,
  type RecommendInput,
} from '../src/core/knowledge/matching/index.js';
import type { MeasurePoint } from '../src/core/measures/outcome-schema.js';
import { summarizeOutcome } from '../src/core/measures/outcome.js';
import { scoreInstrument } from '../src/core/measures/score.js';
import { quantiles, round, settledHeap, type Quantiles } from './measures-stats.js';
import { mulberry32 } from '../test/support/random.js';

export interface CoreFigure {
  what: string;
  /** Per-call latency in microseconds. */
  perCallUs: Quantiles;
  callsPerSecond: number;
  /** Heap one result keeps alive (bytes, average over many results); null when not measured. */
  retainedBytesPerResult: number | null;
}

export interface CoreBenchResult {
  budgetMsPerFunction: number;
  figures: CoreFigure[];
}

/** 200 weekly PHQ-9 totals: improving from 20 then flat around 12 (so plateau rules run). */
export function phq9Series(count: number, endAt: Date): MeasurePoint[] {
  const next = mulberry32(7);
  return Array.from({ length: count }, (_, i) => {
    const trend = Math.max(12, 20 - i * 0.2);
    const total = Math.max(0, Math.min(27, Math.round(trend + (next() - 0.5) * 4)));
    const at = new Date(endAt.getTime() - (count - 1 - i) * 7 * 86_400_000).toISOString();
    return { at, total, administrationId: `adm-${i}` };
  });
}

export const RECOMMEND_INPUT: RecommendInput = {
  concerns: ['depression', 'anxiety', 'trauma_ptsd'],
  features: ['avoidance', 'sleep_problems', 'rumination'],
  preferences: ['skills_based', 'short_term'],
  culture: ['faith_spirituality'],
  contraindications: ['severe_dissociation'],
};

/** Time `fn` per call until `budgetMs` has passed (at least `minCalls`), after `warmup` calls. */
function timeCalls(
  fn: () => unknown,
  opts: { budgetMs: number; warmup: number; minCalls: number; batch: number },
): { perCallUs: Quantiles; callsPerSecond: number } {
  for (let i = 0; i < opts.warmup; i++) fn();
  const samples: number[] = [];
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < opts.budgetMs || calls < opts.minCalls) {
    const t0 = performance.now();
    for (let i = 0; i < opts.batch; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / opts.batch);
    calls += opts.batch;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perCallUs: quantiles(samples), callsPerSecond: round(calls / seconds, 0) };
}

/** Average heap kept alive by one result of `make` (keeps `count` results, then collects). */
function retainedPerResult(make: () => unknown, count: number): number {
  const before = settledHeap();
  const kept: unknown[] = [];
  for (let i = 0; i < count; i++) kept.push(make());
  const after = settledHeap();
  if (kept.length !== count) throw new Error('unreachable');
  return Math.max(0, Math.round((after - before) / count));
}

export function runMeasuresCoreBench(opts: { budgetMs?: number } = {}): CoreBenchResult {
  const budgetMs = opts.budgetMs ?? 1000;
  const next = mulberry32(42);
  // 1,000 PHQ-9 answer sets (0–3 per item, item 9 mostly 0), used round-robin.
  const answerSets = Array.from({ length: 1000 }, () =>
    Array.from({ length: 9 }, (_, item) =>
      item === 8 ? (next() < 0.1 ? 1 : 0) : Math.floor(next() * 4),
    ),
  );
  let k = 0;
  const score = (): unknown => scoreInstrument('phq9', answerSets[k++ % answerSets.length] ?? []);
  const series = phq9Series(200, new Date('2026-01-01T09:00:00.000Z'));
  const summarize = (): unknown => summarizeOutcome('phq9', series);
  const rec = (): unknown => recommend(RECOMMEND_INPUT);
  const first = recommend(RECOMMEND_INPUT);
  if (first.recommendations.length === 0) throw new Error('recommend() returned nothing');
  // What has been tried: the two top recommendations for depression + anxiety.
  const tried = recommend({ concerns: ['depression', 'anxiety'], limit: 2 }).recommendations.map(
    (r) => r.interventionId,
  );
  const alt = (): unknown => alternativesFor(['depression', 'anxiety'], tried, 3);
  if (alternativesFor(['depression', 'anxiety'], tried, 3).length === 0) {
    throw new Error('alternativesFor() returned nothing');
  }

  const cases: [string, () => unknown, { batch: number; warmup: number; retained: number }][] = [
    ['scoreInstrument PHQ-9 (1 call)', score, { batch: 100, warmup: 2000, retained: 2000 }],
    ['summarizeOutcome PHQ-9 × 200', summarize, { batch: 1, warmup: 20, retained: 50 }],
    ['recommend 3 concerns + tags', rec, { batch: 1, warmup: 50, retained: 100 }],
    ['alternativesFor 2 concerns', alt, { batch: 1, warmup: 50, retained: 100 }],
  ];
  const figures = cases.map(([what, fn, o]): CoreFigure => {
    const timed = timeCalls(fn, { budgetMs, warmup: o.warmup, minCalls: 50, batch: o.batch });
    return { what, ...timed, retainedBytesPerResult: retainedPerResult(fn, o.retained) };
  });
  return { budgetMsPerFunction: budgetMs, figures };
}
