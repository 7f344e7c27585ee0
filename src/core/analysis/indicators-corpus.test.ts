import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHomework } from './homework.js';
import { extractIndicators } from './indicators.js';
import { assessRisk } from './risk.js';
import type { Indicator } from './schema.js';
import { SHARED_SESSIONS_DIR, loadSession, matchesGold, sessionIds } from './test-helpers.js';

/** The six labelled public sessions (outside the repository; skipped when absent). */
const DIR = SHARED_SESSIONS_DIR;
const HAVE = existsSync(DIR);
const IDS = sessionIds(DIR, /^s\d+\.txt$/);
const load = (id: string) => loadSession(DIR, id);

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
        const hit = pred.find((p) => !used.has(p) && matchesGold(g, p));
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
