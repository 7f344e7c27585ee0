/**
 * `npm run bench`: speed and memory of the core pipeline on a 60-minute session
 * (~600 turns, ~9,000 words), one core, sequential.
 *
 *   npm run bench -- --iterations 200 --warmup 20
 *
 * Prints a table and writes out/bench-results.json. Budget: analysis + note under 50 ms (median).
 * Then the API figures (the built server on SQLite: requests/s and latency for reading and saving
 * notes) and the web bundle size, from bench/api.ts; `--skip-api` leaves them out.
 * Then the speech figures (real-time factor per engine, decode and diarization speed, end of a
 * live session → note), from bench/speech.ts; `--skip-speech` leaves them out and
 * `--speech-minutes 50` streams a 50-minute session (default 5, to stay quick);
 * `--speech-live-engine openai` streams it with the openai client against a local test server
 * (minutes instead of ~minutes × RTF; no recogniser).
 * Then measurement-based care (issue 5: scoring, outcomes, matching; the measures, outcomes, alerts,
 * reminders, public link and FHIR routes on SQLite) from bench/measures.ts; `--skip-measures`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  analyze,
  isDocscribError,
  parseTranscript,
  renderMarkdown,
  reviewNote,
  writeNote,
  type TreatmentPlan,
} from '../src/core/index.js';
import { formatApiBench, runApiBench } from './api.js';
import { formatMeasuresBench, runMeasuresBench } from './measures.js';
import { formatSpeechBench, runSpeechBench } from './speech.js';
import { generateTranscript } from './transcript.js';

const BUDGET_MS = 50;
const ROOT = resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    iterations: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '10' },
    out: { type: 'string', default: join(ROOT, 'out/bench-results.json') },
    'large-mb': { type: 'string', default: '10' },
    'skip-api': { type: 'boolean', default: false },
    'skip-speech': { type: 'boolean', default: false },
    'skip-measures': { type: 'boolean', default: false },
    'speech-minutes': { type: 'string', default: '5' },
    'speech-live-engine': { type: 'string', default: 'pocketsphinx' },
  },
});
const iterations = Math.max(50, Number(args.iterations));
// Other processes on the machine inflate the figures: record the load so results can be judged.
const loadAtStart = loadavg()[0] ?? 0;
const warmup = Math.max(1, Number(args.warmup));

const PLAN: TreatmentPlan = {
  goals: [
    { id: 'g1', text: 'Reduce anxiety in social and work situations', keywords: ['anxiety'] },
    { id: 'g2', text: 'Return to regular exercise and pleasant activities', keywords: ['walk'] },
  ],
};
const session = generateTranscript({ seed: 42 });
const PREVIOUS = [1, 2].map((seed) => {
  const t = parseTranscript(generateTranscript({ seed, turns: 300 }).text);
  return renderMarkdown(writeNote(analyze(t, { plan: PLAN }), { format: 'soap', plan: PLAN }));
});

// --- memory sampling -------------------------------------------------------------------------
const peak = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) peak.rss = m.rss;
  if (m.heapUsed > peak.heapUsed) peak.heapUsed = m.heapUsed;
}

// --- one session, stage by stage -------------------------------------------------------------
interface StageTimes {
  parse: number;
  analyze: number;
  note: number;
  review: number;
}

function runOnce(): StageTimes {
  const t0 = performance.now();
  const transcript = parseTranscript(session.text);
  const t1 = performance.now();
  sampleMemory();
  const analysis = analyze(transcript, { plan: PLAN, previousNotes: PREVIOUS });
  const t2 = performance.now();
  sampleMemory();
  const note = writeNote(analysis, { format: 'soap', plan: PLAN });
  const markdown = renderMarkdown(note);
  const t3 = performance.now();
  sampleMemory();
  const findings = reviewNote({ note, analysis, previousNotes: PREVIOUS });
  const t4 = performance.now();
  sampleMemory();
  if (markdown.length === 0 || !Array.isArray(findings)) throw new Error('empty output');
  return { parse: t1 - t0, analyze: t2 - t1, note: t3 - t2, review: t4 - t3 };
}

function stats(xs: readonly number[]): { median: number; p95: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  return { median: at(0.5), p95: at(0.95), min: s[0] ?? 0, max: s[s.length - 1] ?? 0 };
}

for (let i = 0; i < warmup; i++) runOnce();
const runs: StageTimes[] = [];
for (let i = 0; i < iterations; i++) runs.push(runOnce());

const series = {
  parse: runs.map((r) => r.parse),
  analyze: runs.map((r) => r.analyze),
  'note (write + render)': runs.map((r) => r.note),
  review: runs.map((r) => r.review),
  'analysis + note': runs.map((r) => r.analyze + r.note),
  'total (parse → review)': runs.map((r) => r.parse + r.analyze + r.note + r.review),
};
const table = Object.fromEntries(Object.entries(series).map(([k, v]) => [k, stats(v)]));

// --- throughput: whole sessions back to back for ~2 seconds -----------------------------------
let sessions = 0;
const tpStart = performance.now();
while (performance.now() - tpStart < 2000 || sessions < 20) {
  runOnce();
  sessions++;
}
const sessionsPerSecond = sessions / ((performance.now() - tpStart) / 1000);
const sessionPeak = { ...peak };
const sessionMaxRssKb = process.resourceUsage().maxRSS;

// --- a large transcript: parse only ---------------------------------------------------------
const largeTarget = Number(args['large-mb']) * 1024 * 1024;
const chunks: string[] = [];
let largeBytes = 0;
for (let seed = 1000, hour = 0; largeBytes < largeTarget; seed++, hour++) {
  const part = generateTranscript({ seed, turns: 600, seconds: 3600, startSeconds: hour * 3600 });
  chunks.push(part.text);
  largeBytes += Buffer.byteLength(part.text);
}
const largeText = chunks.join('');
const large: { bytes: number; turns?: number; parseMs?: number[]; rejected?: string } = {
  bytes: Buffer.byteLength(largeText),
};
try {
  large.parseMs = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const t = parseTranscript(largeText);
    large.parseMs.push(performance.now() - t0);
    large.turns = t.turns.length;
    sampleMemory();
  }
} catch (e) {
  if (!isDocscribError(e)) throw e;
  large.rejected = e.code;
}

// --- report ----------------------------------------------------------------------------------
const mb = (b: number): number => Math.round((b / 1024 / 1024) * 10) / 10;
const round = (x: number): number => Math.round(x * 100) / 100;
const maxRssKb = process.resourceUsage().maxRSS;
const budget = table['analysis + note']?.median ?? Infinity;

const lines = [
  `DocScrib benchmark: ${session.turns} turns, ${session.words} words, 60 minutes; ` +
    `${iterations} iterations after ${warmup} warm-up; Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}`,
  '',
  `${'stage'.padEnd(24)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(10)} ${'min ms'.padStart(10)}`,
  ...Object.entries(table).map(
    ([k, s]) =>
      `${k.padEnd(24)} ${s.median.toFixed(2).padStart(10)} ${s.p95.toFixed(2).padStart(10)} ${s.min.toFixed(2).padStart(10)}`,
  ),
  '',
  `throughput               ${sessionsPerSecond.toFixed(1)} sessions/s (full pipeline, one core, sequential)`,
  `peak memory (sessions)   rss ${mb(sessionPeak.rss)} MB, heapUsed ${mb(sessionPeak.heapUsed)} MB, maxRSS ${mb(sessionMaxRssKb * 1024)} MB`,
  `peak memory (with large) rss ${mb(peak.rss)} MB, heapUsed ${mb(peak.heapUsed)} MB, maxRSS ${mb(maxRssKb * 1024)} MB`,
  `large transcript         ${mb(large.bytes)} MB` +
    (large.rejected
      ? `: rejected by the parser (${large.rejected})`
      : `, ${large.turns ?? 0} turns: parse median ${stats(large.parseMs ?? []).median.toFixed(0)} ms`),
  ...(loadAtStart > cpus().length * 0.5
    ? [
        `warning: load average ${loadAtStart.toFixed(1)} on ${cpus().length} cores at start: ` +
          'other processes were running; figures are upper bounds',
      ]
    : []),
  '',
  `budget: analysis + note median ${budget.toFixed(2)} ms ${budget < BUDGET_MS ? '<' : '>='} ${BUDGET_MS} ms: ${budget < BUDGET_MS ? 'OK' : 'OVER BUDGET'}`,
];
process.stdout.write(lines.join('\n') + '\n');

// --- API (built server, SQLite) and web bundle size: bench/api.ts ----------------------------
const api = args['skip-api'] ? null : await runApiBench();
if (api) process.stdout.write(formatApiBench(api).join('\n') + '\n');
if (api && 'error' in api.api) process.exitCode = 1;

// --- measurement-based care (issue 5): bench/measures.ts -------------------------------------
const measures = args['skip-measures']
  ? null
  : await runMeasuresBench({ log: (line) => process.stderr.write(`${line}\n`) });
if (measures) process.stdout.write(formatMeasuresBench(measures).join('\n') + '\n');
if (measures && 'error' in measures.api) process.exitCode = 1;

// --- speech: bench/speech.ts -------------------------------------------------------------------
const speech = args['skip-speech']
  ? null
  : await runSpeechBench({
      minutes: Math.max(1, Number(args['speech-minutes']) || 5),
      liveEngine: args['speech-live-engine'] === 'openai' ? 'openai' : 'pocketsphinx',
      log: (line) => process.stderr.write(`${line}\n`),
    });
if (speech) process.stdout.write(formatSpeechBench(speech).join('\n') + '\n');
if (speech && 'error' in speech.live) process.exitCode = 1;

const results = {
  measuredAt: new Date().toISOString(),
  commit: gitCommit(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: cpus()[0]?.model ?? null,
  cores: cpus().length,
  loadAverageAtStart: round(loadAtStart),
  session: { turns: session.turns, words: session.words, minutes: 60 },
  iterations,
  warmup,
  stagesMs: Object.fromEntries(
    Object.entries(table).map(([k, s]) => [
      k,
      { median: round(s.median), p95: round(s.p95), min: round(s.min), max: round(s.max) },
    ]),
  ),
  budgetMs: BUDGET_MS,
  withinBudget: budget < BUDGET_MS,
  sessionsPerSecond: round(sessionsPerSecond),
  memoryMB: {
    sessions: {
      peakRss: mb(sessionPeak.rss),
      peakHeapUsed: mb(sessionPeak.heapUsed),
      maxRss: mb(sessionMaxRssKb * 1024),
    },
    withLargeParse: {
      peakRss: mb(peak.rss),
      peakHeapUsed: mb(peak.heapUsed),
      maxRss: mb(maxRssKb * 1024),
    },
  },
  large: {
    megabytes: mb(large.bytes),
    turns: large.turns ?? null,
    parseMedianMs:
      large.parseMs && large.parseMs.length > 0 ? round(stats(large.parseMs).median) : null,
    rejected: large.rejected ?? null,
  },
  ...(api ? { api: api.api, webBundle: api.webBundle } : {}),
  ...(speech ? { speech } : {}),
  ...(measures ? { measures } : {}),
};
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`wrote ${args.out}\n`);

function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (+ uncommitted changes in src)` : head;
  } catch {
    return null;
  }
}
