/**
 * Small helpers shared by the measurement-based-care benchmark (bench/measures*.ts): quantiles,
 * rounding, memory figures, and a garbage collector for retained-heap measurements (exposed at
 * run time through V8 flags, so `npx tsx bench/measures.ts` needs no `--expose-gc`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Quantiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank quantiles of `xs` (ms or µs, as given), rounded to 3 decimals. */
export function quantiles(xs: readonly number[]): Quantiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return {
    n: s.length,
    p50: round(at(0.5), 3),
    p95: round(at(0.95), 3),
    p99: round(at(0.99), 3),
    max: round(s.at(-1) ?? 0, 3),
  };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

let collect: (() => void) | null = null;
/** A full garbage collection (V8's `gc`, exposed once through the flags at run time). */
export function gc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/** Heap used after a full collection (bytes). */
export function settledHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
