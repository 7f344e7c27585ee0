import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../transcript/parse.js';
import { buildContext } from './context.js';
import { extractHomework } from './homework.js';
import { extractIndicators } from './indicators.js';
import { assessRisk } from './risk.js';
import type { Indicator } from './schema.js';

/** The six labelled public sessions (outside the repository; skipped when absent). */
const DIR = fileURLToPath(new URL('../../../../shared/corpus/sessions/', import.meta.url));
const HAVE = existsSync(DIR);
const IDS = HAVE
  ? readdirSync(DIR)
      .filter((f) => /^s\d+\.txt$/.test(f))
      .map((f) => f.slice(0, -4))
      .sort()
  : [];

interface Gold {
  indicators: {
    kind: string;
    from?: number;
    to?: number;
    value?: number;
    count?: number;
    minutes?: number;
    status?: string;
    instrument?: string;
  }[];
  risk: { kind: string; status: string }[];
  homework: { reviewed: boolean; assigned: boolean };
}

function load(id: string) {
  const ctx = buildContext(parseTranscript(readFileSync(`${DIR}${id}.txt`, 'utf8')));
  const gold = JSON.parse(readFileSync(`${DIR}${id}.gold.json`, 'utf8')) as Gold;
  return { ctx, gold };
}

function matches(g: Gold['indicators'][number], p: Indicator): boolean {
  if (g.kind !== p.kind) return false;
  if (g.kind === 'suds' || g.kind === 'rating')
    return g.value !== undefined ? p.value === g.value : p.from === g.from && p.to === g.to;
  if (g.kind === 'measure') return p.instrument === g.instrument && p.value === g.value;
  if (g.kind === 'frequency') return p.count === g.count;
  if (g.kind === 'duration') return p.minutes === g.minutes;
  return p.status === g.status;
}

describe.skipIf(!HAVE)('labelled sessions', () => {
  it.each(IDS)('%s: risk exactly as gold (unlisted kinds not_assessed)', (id) => {
    const { ctx, gold } = load(id);
    for (const r of assessRisk(ctx)) {
      const want = gold.risk.find((g) => g.kind === r.kind)?.status ?? 'not_assessed';
      expect(`${r.kind}:${r.status}`).toBe(`${r.kind}:${want}`);
      if (r.status !== 'not_assessed') expect(r.evidence.length).toBeGreaterThan(0);
      if (r.status === 'denied') expect(r.evidence[0]?.utteranceIds.length).toBe(2);
    }
  });

  it.each(IDS)('%s: homework reviewed / assigned exactly as gold', (id) => {
    const { ctx, gold } = load(id);
    const hw = extractHomework(ctx);
    expect(hw.reviewed).toBe(gold.homework.reviewed);
    expect(hw.assigned.length > 0).toBe(gold.homework.assigned);
  });

  it('indicator recall over the six sessions is at least 0.9, precision at least 0.75', () => {
    let tp = 0;
    let goldN = 0;
    let predN = 0;
    for (const id of IDS) {
      const { ctx, gold } = load(id);
      const pred = extractIndicators(ctx);
      const used = new Set<Indicator>();
      for (const g of gold.indicators) {
        const hit = pred.find((p) => !used.has(p) && matches(g, p));
        if (hit) used.add(hit);
      }
      tp += used.size;
      goldN += gold.indicators.length;
      predN += pred.length;
      for (const p of pred) expect(p.evidence.length).toBeGreaterThan(0);
    }
    expect(tp / goldN).toBeGreaterThanOrEqual(0.9);
    expect(tp / predN).toBeGreaterThanOrEqual(0.75);
  });
});
