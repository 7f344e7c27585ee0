/**
 * Measurement-based care (issue 5) for `npm run bench` (`--skip-measures` leaves it out), or on
 * its own:
 *
 *   npx tsx bench/measures.ts [--budget-ms 3000] [--concurrency 4] [--out out/bench-measures.json]
 *
 * Core: bench/measures-core.ts (scoring, outcome summary, matching). API: bench/measures-api.ts
 * (the real app in process on SQLite, seeded through the routes). About 30–45 s on 2 cores.
 * Prints a table; on its own it also writes the JSON (the runner puts it in bench-results.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runMeasuresApiBench, type ApiMeasuresResult } from './measures-api.js';
import { runMeasuresCoreBench, type CoreBenchResult } from './measures-core.js';
import { mb } from './measures-stats.js';

export interface MeasuresBenchReport {
  loadAverageAtStart: number;
  core: CoreBenchResult;
  /** `error`: the API part failed (the runner exits 1). */
  api: ApiMeasuresResult | { error: string };
  peakRssMB: number;
}

export async function runMeasuresBench(
  opts: { budgetMs?: number; concurrency?: number; log?: (line: string) => void } = {},
): Promise<MeasuresBenchReport> {
  const loadAverageAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const core = runMeasuresCoreBench({ budgetMs: Math.min(1000, opts.budgetMs ?? 1000) });
  const api = await runMeasuresApiBench(opts).catch((e: unknown) => ({
    error: e instanceof Error ? e.message : String(e),
  }));
  return {
    loadAverageAtStart,
    core,
    api,
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
  };
}

const pad = (s: string, n: number): string => s.padEnd(n);
const num = (x: number, digits: number, n = 10): string => x.toFixed(digits).padStart(n);

/** Lines in the style of bench/run.ts's table. */
export function formatMeasuresBench(report: MeasuresBenchReport): string[] {
  const lines: string[] = [
    '',
    'Measurement-based care: core (pure, one core, per call after warm-up; scoring in batches of 100)',
    '',
    `${pad('function', 34)} ${'p50 µs'.padStart(10)} ${'p95 µs'.padStart(10)} ${'calls/s'.padStart(10)} ${'kept/result'.padStart(12)}`,
    ...report.core.figures.map(
      (f) =>
        `${pad(f.what, 34)} ${num(f.perCallUs.p50, 1)} ${num(f.perCallUs.p95, 1)} ${num(f.callsPerSecond, 0)} ` +
        (f.retainedBytesPerResult === null
          ? '-'
          : `${(f.retainedBytesPerResult / 1024).toFixed(1)} kB`
        ).padStart(12),
    ),
    '',
  ];
  const { api } = report;
  if ('error' in api) {
    lines.push(`measures API             FAILED: ${api.error}`);
  } else {
    lines.push(
      `Measurement-based care: API (real app in process, SQLite, no HTTP socket; seeded through the routes in ${api.seedSeconds} s)`,
      '',
      `${pad('route', 36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'body'.padStart(9)}  conditions`,
      ...api.figures.map(
        (f) =>
          `${pad(f.what, 36)} ${num(f.requestsPerSecond, 0, 8)} ${num(f.latencyMs.p50, 2, 8)} ${num(f.latencyMs.p95, 2, 8)} ` +
          `${num(f.latencyMs.p99, 2, 8)} ${(f.responseKB === null ? '-' : `${f.responseKB} kB`).padStart(9)}  ${f.conditions}`,
      ),
      `memory: heap after seeding ${api.memoryMB.heapAfterSeed} MB, after the load ${api.memoryMB.heapAfterLoad} MB ` +
        `(after full GC); peak RSS ${api.memoryMB.rssPeak} MB`,
    );
  }
  if (report.loadAverageAtStart > cpus().length * 0.5) {
    lines.push(
      `warning: load average ${report.loadAverageAtStart.toFixed(1)} on ${cpus().length} cores at start: ` +
        'other processes were running; latencies are upper bounds (p95/p99 most affected)',
    );
  }
  return lines;
}

// Run on its own: `npx tsx bench/measures.ts`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values: args } = parseArgs({
    options: {
      'budget-ms': { type: 'string', default: '3000' },
      concurrency: { type: 'string', default: '4' },
      out: {
        type: 'string',
        default: join(resolve(import.meta.dirname, '..'), 'out/bench-measures.json'),
      },
    },
  });
  const report = await runMeasuresBench({
    budgetMs: Math.max(500, Number(args['budget-ms']) || 3000),
    concurrency: Math.max(1, Number(args.concurrency) || 4),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatMeasuresBench(report).join('\n') + '\n');
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(
    args.out,
    JSON.stringify({ measuredAt: new Date().toISOString(), ...report }, null, 2) + '\n',
  );
  process.stdout.write(`wrote ${args.out}\n`);
  if ('error' in report.api) process.exitCode = 1;
}
