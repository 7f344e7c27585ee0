import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONCERNS, getConcern, interventionsForConcern } from './concerns.js';
import { INTERVENTIONS, getIntervention } from './interventions.js';

const TAXONOMY = [
  new URL('../../../../shared/docs/TAXONOMY.md', import.meta.url),
  new URL('file:///work/shared/docs/TAXONOMY.md'),
].find((u) => existsSync(u));

function taxonomyIds(): string[] {
  if (!TAXONOMY) throw new Error('TAXONOMY.md not found');
  const text = readFileSync(TAXONOMY, 'utf8');
  const section = text.split('## Interventions')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([a-z]+\.[a-z_]+)` \|/gm)].map((m) => m[1] ?? '');
}

describe('intervention knowledge base', () => {
  it.skipIf(!TAXONOMY)('has an entry for every taxonomy id', () => {
    const ids = taxonomyIds();
    expect(ids.length).toBeGreaterThanOrEqual(59);
    const missing = ids.filter((id) => !getIntervention(id));
    expect(missing).toEqual([]);
  });

  it.skipIf(!TAXONOMY)('has unique ids, all from the taxonomy', () => {
    const ids = INTERVENTIONS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taxonomy = new Set(taxonomyIds());
    expect(ids.filter((id) => !taxonomy.has(id))).toEqual([]);
  });

  it('compiles every cue as a regular expression', () => {
    const bad: string[] = [];
    for (const i of INTERVENTIONS) {
      const cues = [...i.explicitCues, ...i.implicitCues, ...i.components.flatMap((c) => c.cues)];
      for (const c of cues) {
        try {
          new RegExp(c.pattern);
        } catch {
          bad.push(`${i.id}: ${c.pattern}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('gives every detectable intervention cues and sources', () => {
    for (const i of INTERVENTIONS) {
      expect(i.sources.length, i.id).toBeGreaterThan(0);
      if (i.id.startsWith('homework.')) continue;
      expect(i.explicitCues.length + i.implicitCues.length, i.id).toBeGreaterThan(0);
    }
  });

  it('expects consent and harm monitoring for distress-raising interventions', () => {
    const intense = [
      'exposure.in_vivo',
      'exposure.imaginal',
      'exposure.interoceptive',
      'exposure.flooding',
      'tfcbt.trauma_narrative',
      'trauma.narrative_processing',
      'trauma.emdr',
      'tech.vr_exposure',
    ];
    for (const id of intense) {
      const i = getIntervention(id);
      expect(i?.consentExpected, id).toBe(true);
      expect(i?.harmMonitoring, id).toBeTruthy();
    }
    expect(getIntervention('cbt.cognitive_restructuring')?.consentExpected).toBe(false);
  });

  it('describes protocol components (restructuring steps, exposure, DEAR MAN)', () => {
    const comp = (id: string): string[] => getIntervention(id)?.components.map((c) => c.id) ?? [];
    expect(comp('cbt.cognitive_restructuring')).toEqual(
      expect.arrayContaining([
        'identify_thought',
        'rate_belief',
        'examine_evidence',
        'alternative_thought',
        'rerate',
      ]),
    );
    expect(comp('exposure.in_vivo')).toEqual(
      expect.arrayContaining([
        'hierarchy',
        'suds_ratings',
        'response_prevention',
        'stay_until_drop',
      ]),
    );
    expect(comp('dbt.interpersonal_effectiveness')).toHaveLength(7);
  });
});

describe('concerns', () => {
  it('recommends only known interventions', () => {
    for (const c of CONCERNS) {
      for (const id of c.interventions)
        expect(getIntervention(id), `${c.id} → ${id}`).toBeDefined();
    }
  });

  it('covers the seed table and toolkit use cases', () => {
    for (const id of [
      'anxiety',
      'depression',
      'trauma_ptsd',
      'emotion_dysregulation',
      'relationship_issues',
      'articulation_of_emotion',
      'obsessive_fearful_thinking',
      'self_harm',
      'ocd',
      'panic',
      'crisis',
      'low_verbal',
    ]) {
      expect(getConcern(id), id).toBeDefined();
    }
    expect(interventionsForConcern('depression').map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'cbt.behavioral_activation',
        'cbt.cognitive_restructuring',
        'mbct.mindfulness',
        'ipt.grief',
      ]),
    );
    expect(interventionsForConcern('obsessive_fearful_thinking')[0]?.id).toBe('act.defusion');
    expect(interventionsForConcern('no_such_concern')).toEqual([]);
  });

  it('links interventions only to concern ids that exist', () => {
    for (const i of INTERVENTIONS) {
      for (const c of i.concerns) expect(getConcern(c), `${i.id} → ${c}`).toBeDefined();
    }
  });
});
