/**
 * Dev scorer for indicators, risk, homework and goals on the labelled corpus.
 * Usage: npx tsx scripts/dev-indicators.ts [corpusDir] [--verbose]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildContext } from '../src/core/analysis/context.js';
import { extractIndicators } from '../src/core/analysis/indicators.js';
import { parseTranscript } from '../src/core/transcript/parse.js';
import type { Indicator } from '../src/core/analysis/schema.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus/sessions';

interface GoldIndicator {
  kind: string;
  from?: number;
  to?: number;
  value?: number;
  peak?: number;
  count?: number;
  minutes?: number;
  instrument?: string;
  status?: string;
  scale?: string;
  previous?: number;
  baseline?: number;
}

function matches(g: GoldIndicator, p: Indicator): boolean {
  if (g.kind !== p.kind) return false;
  switch (g.kind) {
    case 'suds':
    case 'rating':
      if (g.value !== undefined) return p.value === g.value;
      return p.from === g.from && p.to === g.to;
    case 'measure':
      return p.instrument === g.instrument && p.value === g.value;
    case 'frequency':
      return p.count === g.count;
    case 'duration':
      return p.minutes === g.minutes;
    case 'homework_completion':
      return p.status === g.status;
    default:
      return false;
  }
}

let tp = 0;
let goldN = 0;
let predN = 0;
for (const f of readdirSync(dir)
  .filter((n) => /^[a-z]+\d+\.txt$/.test(n))
  .sort()) {
  const id = f.replace('.txt', '');
  const gold = JSON.parse(readFileSync(join(dir, `${id}.gold.json`), 'utf8')) as {
    indicators: GoldIndicator[];
  };
  const ctx = buildContext(parseTranscript(readFileSync(join(dir, f), 'utf8')));
  const pred = extractIndicators(ctx);
  const used = new Set<Indicator>();
  const missed: GoldIndicator[] = [];
  for (const g of gold.indicators) {
    const hit = pred.find((p) => !used.has(p) && matches(g, p));
    if (hit) used.add(hit);
    else missed.push(g);
  }
  tp += gold.indicators.length - missed.length;
  goldN += gold.indicators.length;
  predN += pred.length;
  const extra = pred.filter((p) => !used.has(p));
  console.log(
    `${id}: gold ${gold.indicators.length} matched ${gold.indicators.length - missed.length} predicted ${pred.length}`,
  );
  for (const m of missed) console.log(`  MISSED ${JSON.stringify(m)}`);
  for (const e of extra) {
    const { evidence, ...rest } = e;
    console.log(`  EXTRA  ${JSON.stringify(rest)} @${evidence[0]?.start ?? '?'}`);
  }
  if (verbose)
    for (const p of pred) {
      const { evidence, ...rest } = p;
      console.log(
        `  pred ${JSON.stringify(rest)} ev=${evidence.map((e) => e.utteranceIds.join('+')).join(',')}`,
      );
    }
}
console.log(
  `indicators: recall ${(tp / goldN).toFixed(2)} (${tp}/${goldN}), precision ${(tp / predN).toFixed(2)} (${tp}/${predN})`,
);

// ---- risk ----
import { assessRisk } from '../src/core/analysis/risk.js';
let riskOk = 0;
let riskN = 0;
for (const f of readdirSync(dir)
  .filter((n) => /^[a-z]+\d+\.txt$/.test(n))
  .sort()) {
  const id = f.replace('.txt', '');
  const gold = JSON.parse(readFileSync(join(dir, `${id}.gold.json`), 'utf8')) as {
    risk: { kind: string; status: string }[];
  };
  const ctx = buildContext(parseTranscript(readFileSync(join(dir, f), 'utf8')));
  const risk = assessRisk(ctx);
  for (const r of risk) {
    const g = gold.risk.find((x) => x.kind === r.kind)?.status ?? 'not_assessed';
    riskN++;
    if (g === r.status) riskOk++;
    else
      console.log(
        `${id} risk ${r.kind}: gold ${g} got ${r.status} ${JSON.stringify(r.evidence.map((e) => e.quote))}`,
      );
  }
}
console.log(`risk: ${riskOk}/${riskN} kinds exact`);

// ---- homework and goals ----
import { extractHomework } from '../src/core/analysis/homework.js';
import { linkGoals } from '../src/core/analysis/goals.js';
let hwOk = 0;
let hwN = 0;
for (const f of readdirSync(dir)
  .filter((n) => /^[a-z]+\d+\.txt$/.test(n))
  .sort()) {
  const id = f.replace('.txt', '');
  const gold = JSON.parse(readFileSync(join(dir, `${id}.gold.json`), 'utf8')) as {
    homework: { reviewed: boolean; assigned: boolean };
    goals: string[];
  };
  const ctx = buildContext(parseTranscript(readFileSync(join(dir, f), 'utf8')));
  const hw = extractHomework(ctx);
  const assigned = hw.assigned.length > 0;
  hwN += 2;
  hwOk +=
    (hw.reviewed === gold.homework.reviewed ? 1 : 0) +
    (assigned === gold.homework.assigned ? 1 : 0);
  console.log(
    `${id} homework reviewed ${hw.reviewed} (gold ${gold.homework.reviewed}) assigned ${hw.assigned.length} (gold ${gold.homework.assigned})`,
  );
  if (verbose) {
    console.log(`   reviewed at ${hw.reviewedEvidence.map((e) => e.start).join(',')}`);
    for (const a of hw.assigned) console.log(`   assigned @${a.evidence[0]?.start}: ${a.text}`);
  }
  const goals = linkGoals(ctx);
  console.log(
    `${id} goals stated ${goals.length} (gold ${gold.goals.length}): ${goals.map((g) => g.text).join(' | ')}`,
  );
}
console.log(`homework: ${hwOk}/${hwN} fields exact`);
