import { describe, expect, it } from 'vitest';
import { extractHomework } from './homework.js';
import { extractIndicators } from './indicators.js';
import { assessRisk } from './risk.js';
import type { Indicator } from './schema.js';
import { evalSetDir, loadSession, matchesGold, sessionIds } from './test-helpers.js';

/**
 * The development sets written after the detectors (eval/corpus h01–h08, eval/corpus-blind
 * b01–b06, eval/corpus-final f01–f06 and eval/corpus-holdout g01–g06). Risk is a hard requirement:
 * no endorsed risk missed and no "denied" that the gold does not say. Homework and indicators have
 * floors, not exact matches; the last set, written blind, has lower floors.
 */
const SETS = ['corpus', 'corpus-blind', 'corpus-final', 'corpus-holdout'] as const;
const FLOORS: Readonly<Record<string, { homework: number; recall: number }>> = {
  'corpus-holdout': { homework: 0.8, recall: 0.55 },
};
const DEFAULT_FLOORS = { homework: 0.9, recall: 0.6 };
const load = (set: string, id: string) => loadSession(evalSetDir(set), id);

for (const set of SETS) {
  const list = sessionIds(evalSetDir(set), /^[a-z]+\d+\.txt$/, { withGold: true });
  const floors = FLOORS[set] ?? DEFAULT_FLOORS;
  describe.skipIf(list.length === 0)(`development set eval/${set}`, () => {
    it.each(list)('%s: no endorsed risk missed, no "denied" the client did not give', (id) => {
      const { ctx, gold } = load(set, id);
      for (const r of assessRisk(ctx)) {
        const want = gold.risk.find((g) => g.kind === r.kind)?.status ?? 'not_assessed';
        if (want === 'endorsed') expect(`${r.kind}:${r.status}`).toBe(`${r.kind}:endorsed`);
        if (r.status === 'denied') expect(`${r.kind}:${want}`).toBe(`${r.kind}:denied`);
        if (r.status === 'denied') expect(r.evidence[0]?.utteranceIds.length).toBe(2);
      }
    });

    it(`homework reviewed / assigned: at least ${String(floors.homework)} of the fields right`, () => {
      let ok = 0;
      let n = 0;
      for (const id of list) {
        const { ctx, gold } = load(set, id);
        const hw = extractHomework(ctx);
        n += 2;
        ok +=
          (hw.reviewed === gold.homework.reviewed ? 1 : 0) +
          (hw.assigned.length > 0 === gold.homework.assigned ? 1 : 0);
      }
      expect(ok / n).toBeGreaterThanOrEqual(floors.homework);
    });

    it(`indicator recall is at least ${String(floors.recall)}`, () => {
      let tp = 0;
      let goldN = 0;
      for (const id of list) {
        const { ctx, gold } = load(set, id);
        const pred = extractIndicators(ctx);
        const used = new Set<Indicator>();
        for (const g of gold.indicators) {
          const hit = pred.find((p) => !used.has(p) && matchesGold(g, p));
          if (hit) used.add(hit);
        }
        tp += used.size;
        goldN += gold.indicators.length;
        for (const p of pred) expect(p.evidence.length).toBeGreaterThan(0);
      }
      expect(tp / goldN).toBeGreaterThanOrEqual(floors.recall);
    });
  });
}
