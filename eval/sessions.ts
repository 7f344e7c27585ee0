/**
 * Scores the engine on labelled therapy sessions (`sNN.txt` + `sNN.gold.json`, the format of
 * ../shared/corpus/sessions/README.md): delivered and not-delivered interventions, indicators,
 * risk, homework, consent, speaker roles and duration.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  analyze,
  parseTranscript,
  type Analysis,
  type Indicator,
  type RiskKind,
} from '../src/core/index.js';
import { RISK_KINDS } from '../src/core/analysis/schema.js';
import { LabelCounts, type Counts, prf, type Prf } from './metrics.js';

const GoldIndicatorSchema = z.looseObject({
  kind: z.string(),
  from: z.number().optional(),
  to: z.number().optional(),
  value: z.number().optional(),
  minutes: z.number().optional(),
  count: z.number().optional(),
  instrument: z.string().optional(),
  status: z.string().optional(),
});
type GoldIndicator = z.infer<typeof GoldIndicatorSchema>;

export const GoldSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  speakers: z.record(z.string(), z.string()),
  duration_minutes: z.number(),
  interventions: z.array(z.object({ id: z.string(), evidence_times: z.array(z.string()) })),
  not_delivered: z.array(z.string()),
  indicators: z.array(GoldIndicatorSchema),
  risk: z.array(z.object({ kind: z.string(), status: z.string() })),
  homework: z.object({ reviewed: z.boolean(), assigned: z.boolean() }),
  consent_discussed: z.array(z.string()),
  goals: z.array(z.string()),
});
export type GoldSession = z.infer<typeof GoldSessionSchema>;

export interface SessionResult {
  id: string;
  title: string;
  delivered: { predicted: string[]; gold: string[]; fp: string[]; fn: string[] };
  /** Gold not-delivered ids the engine listed as delivered: must be empty. */
  notDeliveredAsDelivered: string[];
  indicators: { matched: number; gold: number; predicted: number; missed: string[] };
  risk: { kind: RiskKind; gold: string; predicted: string }[];
  homework: { reviewed: [boolean, boolean]; assigned: [boolean, boolean] };
  rolesCorrect: boolean;
  durationMinutes: [number | null, number];
  ms: number;
}

export interface CorpusResult {
  name: string;
  sessions: SessionResult[];
  delivered: { micro: Prf; microWithoutHomework: Prf; perLabel: Map<string, Prf> };
  notDelivered: { micro: Prf; perLabel: Map<string, Prf> };
  indicators: { micro: Prf; perKind: Map<string, Prf> };
  risk: {
    accuracy: number;
    endorsedRecall: Prf;
    /** "denied" where the gold is not denied (asked-and-denied is the only allowed denial). */
    falseDenials: number;
    perKind: Map<string, Prf>;
  };
  homework: { accuracy: number };
  consent: { micro: Prf };
  roles: { accuracy: number };
  duration: { withinOneMinute: number };
}

/** Load `*.gold.json` + transcript pairs from a folder. */
export function loadCorpus(dir: string): { gold: GoldSession; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = GoldSessionSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      return { gold, text: readFileSync(join(dir, f.replace(/\.gold\.json$/, '.txt')), 'utf8') };
    });
}

export function evaluateCorpus(name: string, dir: string): CorpusResult {
  const delivered = new LabelCounts();
  const deliveredNoHw = new LabelCounts();
  const notDelivered = new LabelCounts();
  const indicators = new LabelCounts();
  const riskCounts = new LabelCounts();
  const consent = new LabelCounts();
  const endorsed: Counts = { tp: 0, fp: 0, fn: 0 };
  let riskRight = 0;
  let riskTotal = 0;
  let falseDenials = 0;
  let hwRight = 0;
  let rolesRight = 0;
  let durationRight = 0;
  const sessions: SessionResult[] = [];

  for (const { gold, text } of loadCorpus(dir)) {
    const t0 = performance.now();
    const analysis = analyze(parseTranscript(text));
    const ms = performance.now() - t0;

    const pred = analysis.interventions.map((i) => i.id);
    const goldIds = gold.interventions.map((i) => i.id);
    delivered.addSets(pred, goldIds);
    const noHw = (ids: string[]) => ids.filter((id) => !id.startsWith('homework.'));
    deliveredNoHw.addSets(noHw(pred), noHw(goldIds));
    notDelivered.addSets(
      analysis.mentionedNotDelivered.map((m) => m.id),
      gold.not_delivered,
    );
    consent.addSets(
      analysis.consent.map((c) => c.interventionId),
      gold.consent_discussed,
    );

    const ind = matchIndicators(analysis.indicators, gold.indicators);
    for (const [kind, c] of ind.byKind) {
      indicators.add(kind, 'tp', c.tp);
      indicators.add(kind, 'fp', c.fp);
      indicators.add(kind, 'fn', c.fn);
    }

    const risk = RISK_KINDS.map((kind) => {
      const g = gold.risk.find((r) => r.kind === kind)?.status ?? 'not_assessed';
      const p = analysis.risk.find((r) => r.kind === kind)?.status ?? 'not_assessed';
      riskTotal++;
      if (g === p) riskRight++;
      if (p === 'denied' && g !== 'denied') falseDenials++;
      if (g === 'endorsed') endorsed[p === 'endorsed' ? 'tp' : 'fn']++;
      else if (p === 'endorsed') endorsed.fp++;
      if (g !== 'not_assessed' || p !== 'not_assessed') {
        riskCounts.add(`${kind}:${g}`, g === p ? 'tp' : 'fn');
        if (g !== p) riskCounts.add(`${kind}:${p}`, 'fp');
      }
      return { kind, gold: g, predicted: p };
    });

    const hw = analysis.homework;
    const assigned = hw.assigned.length > 0;
    if (hw.reviewed === gold.homework.reviewed) hwRight++;
    if (assigned === gold.homework.assigned) hwRight++;

    const rolesCorrect = Object.entries(gold.speakers).every(([label, role]) => {
      const got = analysis.speakers.find((s) => s.label === label)?.role;
      if (role === 'parent') return got === 'other';
      if (role === 'partner') return got === 'client' || got === 'other';
      return got === role;
    });
    if (rolesCorrect) rolesRight++;
    const dm = analysis.session.durationMinutes;
    if (dm !== null && Math.abs(dm - gold.duration_minutes) <= 1) durationRight++;

    sessions.push({
      id: gold.id,
      title: gold.title,
      delivered: {
        predicted: pred,
        gold: goldIds,
        fp: pred.filter((p) => !goldIds.includes(p)),
        fn: goldIds.filter((g) => !pred.includes(g)),
      },
      notDeliveredAsDelivered: gold.not_delivered.filter((id) => pred.includes(id)),
      indicators: {
        matched: ind.matched,
        gold: gold.indicators.length,
        predicted: analysis.indicators.length,
        missed: ind.missed,
      },
      risk,
      homework: {
        reviewed: [hw.reviewed, gold.homework.reviewed],
        assigned: [assigned, gold.homework.assigned],
      },
      rolesCorrect,
      durationMinutes: [dm, gold.duration_minutes],
      ms,
    });
  }

  const n = sessions.length;
  return {
    name,
    sessions,
    delivered: {
      micro: delivered.micro(),
      microWithoutHomework: deliveredNoHw.micro(),
      perLabel: delivered.perLabel(),
    },
    notDelivered: { micro: notDelivered.micro(), perLabel: notDelivered.perLabel() },
    indicators: { micro: indicators.micro(), perKind: indicators.perLabel() },
    risk: {
      accuracy: riskTotal ? riskRight / riskTotal : 1,
      endorsedRecall: prf(endorsed),
      falseDenials,
      perKind: riskCounts.perLabel(),
    },
    homework: { accuracy: n ? hwRight / (2 * n) : 1 },
    consent: { micro: consent.micro() },
    roles: { accuracy: n ? rolesRight / n : 1 },
    duration: { withinOneMinute: n ? durationRight / n : 1 },
  };
}

/** The numbers that identify a gold indicator; a prediction matches when its numbers agree. */
function indicatorMatches(p: Indicator, g: GoldIndicator): boolean {
  if (p.kind !== g.kind) return false;
  switch (p.kind) {
    case 'suds':
      return p.from === g.from && p.to === g.to;
    case 'rating':
      return g.value !== undefined
        ? p.value === g.value || p.to === g.value
        : p.from === g.from && p.to === g.to;
    case 'measure':
      return p.instrument?.toUpperCase() === g.instrument?.toUpperCase() && p.value === g.value;
    case 'duration':
      return p.minutes === g.minutes;
    case 'frequency':
      return p.count === g.count;
    case 'homework_completion':
      return p.status === g.status;
  }
}

function matchIndicators(
  predicted: readonly Indicator[],
  gold: readonly GoldIndicator[],
): { matched: number; missed: string[]; byKind: Map<string, Counts> } {
  const used = new Set<number>();
  const byKind = new Map<string, Counts>();
  const counts = (k: string) => {
    let c = byKind.get(k);
    if (!c) byKind.set(k, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const missed: string[] = [];
  let matched = 0;
  for (const g of gold) {
    const i = predicted.findIndex((p, j) => !used.has(j) && indicatorMatches(p, g));
    if (i >= 0) {
      used.add(i);
      matched++;
      counts(g.kind).tp++;
    } else {
      counts(g.kind).fn++;
      missed.push(describeGold(g));
    }
  }
  predicted.forEach((p, j) => {
    if (!used.has(j)) counts(p.kind).fp++;
  });
  return { matched, missed, byKind };
}

function describeGold(g: GoldIndicator): string {
  const nums = ['from', 'to', 'value', 'minutes', 'count'] as const;
  const parts = nums.flatMap((k) => (g[k] !== undefined ? [`${k}=${g[k]}`] : []));
  return [g.kind, g.instrument, g.status, ...parts].filter(Boolean).join(' ');
}

export type { Analysis };
