/**
 * Dev scorer for intervention detection: parses every transcript in the shared corpus, runs
 * the detector and prints per-id TP/FP/FN and micro-F1 for delivered and not-delivered
 * interventions (with and without homework.*, which another extractor owns).
 *
 *   npx tsx scripts/dev-interventions.ts [corpusDir] [--verbose] [--asr] [--bench]
 *
 * --bench also times detection on a 600-turn session made of the corpus turns (best and mean
 * of batches, after warm-up).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from '../src/core/transcript/parse.js';
import { buildContext } from '../src/core/analysis/context.js';
import { detectInterventions } from '../src/core/analysis/interventions.js';

interface Gold {
  id: string;
  speakers?: Record<string, string>;
  interventions: { id: string }[];
  not_delivered: string[];
  homework?: { reviewed: boolean; assigned: boolean };
  consent_discussed?: string[];
}

const args = process.argv.slice(2);
/** Print evidence words, not only ids (the project's fictional corpora only; never real client data). */
const showText = args.includes('--show-text');
const verbose = args.includes('--verbose');
/** Imitate speech-recognition output: lower case, no punctuation. */
const asr = args.includes('--asr');
const dir = args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpus/sessions';
const bench = args.includes('--bench');
const benchTurns: Parameters<typeof buildContext>[0]['turns'][number][] = [];

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const perId = new Map<string, Counts>();
const totals = { delivered: zero(), deliveredNoHw: zero(), notDelivered: zero(), consent: zero() };
function zero(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}
function f1(c: Counts): number {
  return c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}
function tally(c: Counts, gold: Set<string>, pred: Set<string>, track = false): string[] {
  const notes: string[] = [];
  for (const id of pred) {
    const k = track ? (perId.get(id) ?? zero()) : undefined;
    if (gold.has(id)) {
      c.tp++;
      if (k) k.tp++;
    } else {
      c.fp++;
      if (k) k.fp++;
      notes.push(`FP ${id}`);
    }
    if (k) perId.set(id, k);
  }
  for (const id of gold) {
    if (pred.has(id)) continue;
    c.fn++;
    if (track) {
      const k = perId.get(id) ?? zero();
      k.fn++;
      perId.set(id, k);
    }
    notes.push(`FN ${id}`);
  }
  return notes;
}

const ROLE: Record<string, 'clinician' | 'client' | 'other'> = {
  clinician: 'clinician',
  client: 'client',
  parent: 'other',
  partner: 'client',
};

let violations = 0;
let totalMs = 0;
for (const file of readdirSync(dir)
  .filter((f) => /^[a-z]+\d+\.txt$/.test(f))
  .sort()) {
  const stem = file.replace(/\.txt$/, '');
  const gold = JSON.parse(readFileSync(join(dir, `${stem}.gold.json`), 'utf8')) as Gold;
  const roles = Object.fromEntries(
    Object.entries(gold.speakers ?? {}).map(([k, v]) => [k, ROLE[v] ?? 'client']),
  );
  const transcript = parseTranscript(readFileSync(join(dir, file), 'utf8'), { roles });
  const turns = transcript.turns.map((t) => ({
    ...t,
    role: roles[t.speaker] ?? t.role,
    text: asr ? t.text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ') : t.text,
  }));
  const ctx = buildContext({ ...transcript, turns });
  benchTurns.push(...turns);
  const t0 = performance.now();
  const det = detectInterventions(ctx);
  totalMs += performance.now() - t0;

  const hw = new Set<string>();
  if (gold.homework?.reviewed) hw.add('homework.reviewed');
  if (gold.homework?.assigned) hw.add('homework.assigned');
  const goldDel = new Set(gold.interventions.map((i) => i.id));
  const goldNoHw = new Set([...goldDel].filter((id) => !id.startsWith('homework.')));
  const pred = new Set(det.delivered.map((d) => d.id));
  // With homework: assume the homework extractor gets it right (it is scored separately).
  const predWithHw = new Set([...pred, ...[...goldDel].filter((id) => hw.has(id))]);
  tally(totals.delivered, goldDel, predWithHw);
  const notes = tally(totals.deliveredNoHw, goldNoHw, pred, true);
  const ndNotes = tally(
    totals.notDelivered,
    new Set(gold.not_delivered),
    new Set(det.notDelivered.map((n) => n.id)),
  );
  const cNotes = tally(
    totals.consent,
    new Set(gold.consent_discussed ?? []),
    new Set(det.consent.map((c) => c.interventionId)),
  );
  for (const id of gold.not_delivered) if (pred.has(id)) violations++;
  const s = zero();
  tally(s, goldNoHw, pred);
  console.log(
    `${stem}: delivered F1 ${f1(s).toFixed(2)}  pred [${[...pred].join(', ')}]` +
      (notes.length ? `  ${notes.join('; ')}` : ''),
  );
  console.log(
    `      not delivered [${det.notDelivered.map((n) => `${n.id}:${n.reason}`).join(', ')}]` +
      (ndNotes.length ? `  ${ndNotes.join('; ')}` : '') +
      `  consent [${det.consent.map((c) => `${c.interventionId}:${c.outcome}`).join(', ')}]` +
      (cNotes.length ? `  ${cNotes.join('; ')}` : ''),
  );
  if (verbose) {
    for (const d of det.delivered) {
      console.log(`   ${d.id} ${d.confidence} [${d.components.join(',')}]`);
      for (const e of d.evidence) {
        const words = showText ? ` ${e.quote.slice(0, 100)}` : '';
        const ids = e.utteranceIds.join('+');
        console.log(`      ${e.start ?? '-'} ${ids}${words}`);
      }
    }
  }
}

console.log('\nper id (delivered, excluding homework):');
for (const [id, c] of [...perId.entries()].sort()) {
  console.log(`  ${id.padEnd(34)} TP ${c.tp} FP ${c.fp} FN ${c.fn}`);
}
const fmt = (c: Counts): string =>
  `micro-F1 ${f1(c).toFixed(3)} (TP ${c.tp} FP ${c.fp} FN ${c.fn})`;
console.log(`\ndelivered incl. homework (homework as gold): ${fmt(totals.delivered)}`);
console.log(`delivered excl. homework:                   ${fmt(totals.deliveredNoHw)}`);
console.log(`not delivered:                              ${fmt(totals.notDelivered)}`);
console.log(`consent discussed:                          ${fmt(totals.consent)}`);
console.log(`gold not_delivered listed as delivered: ${violations}`);
console.log(`detector time: ${totalMs.toFixed(1)} ms for all sessions`);

if (bench) {
  const turns = Array.from({ length: 600 }, (_, i) => {
    const t = benchTurns[i % benchTurns.length];
    if (!t) throw new Error('empty corpus');
    return { ...t, id: `u${i + 1}`, start: i * 6 };
  });
  const ctx = buildContext({ format: 'lines', speakers: [], turns, warnings: [] });
  for (let i = 0; i < 20; i++) detectInterventions(ctx);
  const batches: number[] = [];
  for (let b = 0; b < 20; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) detectInterventions(ctx);
    batches.push((performance.now() - t0) / 10);
  }
  const mean = batches.reduce((x, y) => x + y, 0) / batches.length;
  console.log(
    `600-turn detection: best ${Math.min(...batches).toFixed(2)} ms, mean ${mean.toFixed(2)} ms`,
  );
}
