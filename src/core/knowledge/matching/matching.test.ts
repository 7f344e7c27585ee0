import { describe, expect, it } from 'vitest';
import { CONCERNS } from '../concerns.js';
import { getIntervention } from '../interventions.js';
import { concernsWithKeywords, readConcern } from './concern-text.js';
import {
  BLENDS,
  CONTRAINDICATIONS,
  CULTURE,
  FEATURES,
  MATCHING_SOURCES,
  PREFERENCES,
  RecommendResultSchema,
  ToolkitCatalogSchema,
  alternativesFor,
  recommend,
  toolkitCatalog,
  type RecommendResult,
} from './index.js';

const ids = (r: RecommendResult): string[] => r.recommendations.map((x) => x.interventionId);
const rankOf = (r: RecommendResult, id: string): number =>
  r.recommendations.find((x) => x.interventionId === id)?.rank ?? Number.POSITIVE_INFINITY;

describe('matching data', () => {
  it('names only interventions and concerns that exist, and sources every entry', () => {
    const named = [
      ...PREFERENCES.flatMap((p) => [...p.favours, ...p.disfavours]),
      ...CULTURE.flatMap((c) => [...c.favours, ...c.notes.map((n) => n.interventionId)]),
      ...CONTRAINDICATIONS.flatMap((c) => [...c.exclude, ...c.caution, ...c.prioritise]),
      ...FEATURES.flatMap((f) => f.targets),
      ...BLENDS.flatMap((b) => b.interventionIds),
    ];
    expect(named.filter((id) => !getIntervention(id))).toEqual([]);
    const concernIds = CONCERNS.map((c) => c.id);
    expect(
      BLENDS.flatMap((b) => [...b.concerns, ...b.withConcerns]).filter(
        (c) => !concernIds.includes(c),
      ),
    ).toEqual([]);
    for (const entry of [
      ...PREFERENCES,
      ...CULTURE,
      ...CONTRAINDICATIONS,
      ...FEATURES,
      ...BLENDS,
    ]) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      for (const s of entry.sources) expect(s.citation.length, entry.id).toBeGreaterThan(5);
    }
  });

  it('cites every source it lists', () => {
    const cited = [...PREFERENCES, ...CULTURE, ...CONTRAINDICATIONS, ...FEATURES, ...BLENDS]
      .flatMap((e) => e.sources)
      .map((s) => s.citation);
    const unused = Object.entries(MATCHING_SOURCES)
      .filter(([, s]) => !cited.includes(s.citation))
      .map(([k]) => k);
    expect(unused).toEqual([]);
  });

  it('frames cultural considerations as "consider"", never as a statement about a group', () => {
    for (const c of CULTURE) {
      for (const a of c.adaptations) expect(a, c.id).toMatch(/consider/i);
      for (const n of c.notes) expect(n.text, c.id).toMatch(/consider/i);
    }
  });

  it('every flag that excludes or cautions says why', () => {
    for (const c of CONTRAINDICATIONS) {
      expect(c.exclude.length + c.caution.length + c.prioritise.length, c.id).toBeGreaterThan(0);
      expect(c.rationale.length, c.id).toBeGreaterThan(40);
    }
  });

  it('has free-text keywords for every concern', () => {
    expect(CONCERNS.map((c) => c.id).filter((id) => !concernsWithKeywords().includes(id))).toEqual(
      [],
    );
  });

  it('builds a catalogue that matches its schema, with cautions per intervention', () => {
    const cat = ToolkitCatalogSchema.parse(toolkitCatalog());
    expect(cat.interventions.length).toBeGreaterThanOrEqual(59);
    const flooding = cat.interventions.find((i) => i.id === 'exposure.flooding');
    expect(flooding?.cautions.map((c) => `${c.flag}:${c.effect}`)).toContain(
      'active_suicidal_ideation:exclude',
    );
    const interoceptive = cat.interventions.find((i) => i.id === 'exposure.interoceptive');
    expect(interoceptive?.cautions.map((c) => c.flag)).toEqual(
      expect.arrayContaining(['cardiac_or_respiratory_condition', 'pregnancy']),
    );
    expect(cat.tags.preferences.map((t) => t.id)).toContain('minimal_homework');
  });
});

describe('reading concerns', () => {
  it('reads ids, names and free text, with the features the text mentions', () => {
    expect(readConcern('depression').concernIds).toEqual(['depression']);
    expect(readConcern('Trauma / PTSD').concernIds).toEqual(['trauma_ptsd']);
    expect(readConcern('PTSD with avoidance')).toEqual({
      concernIds: ['trauma_ptsd'],
      features: ['avoidance'],
    });
    expect(readConcern('low mood after a bereavement').concernIds).toEqual(['depression', 'grief']);
    expect(readConcern('self-harm').concernIds).toEqual(['self_harm']);
    expect(readConcern('fear of clowns').concernIds).toEqual(['anxiety']);
    expect(readConcern('tax returns').concernIds).toEqual([]);
  });
});

describe('recommend', () => {
  it('PTSD with avoidance → the seed blend: TF-CBT + DBT distress tolerance + expressive art', () => {
    const r = recommend({ concerns: ['trauma_ptsd'], features: ['avoidance'], limit: 30 });
    RecommendResultSchema.parse(r);
    // Exactly the seed blend, with every one of its interventions in the seed guide's order.
    expect(r.blends.map((b) => b.id)).toEqual(['ptsd_avoidance']);
    const [blend] = r.blends;
    expect(blend).toMatchObject({
      id: 'ptsd_avoidance',
      name: 'PTSD with avoidance: TF-CBT + DBT distress tolerance + expressive art',
      matchedOn: 'Trauma / PTSD with avoidance',
      interventionIds: [
        'tfcbt.psychoeducation',
        'tfcbt.relaxation',
        'tfcbt.affect_modulation',
        'tfcbt.cognitive_coping',
        'tfcbt.trauma_narrative',
        'tfcbt.in_vivo_mastery',
        'tfcbt.enhancing_safety',
        'dbt.distress_tolerance',
        'expressive.art',
      ],
    });
    expect(blend?.expectedOutcomes).toHaveLength(4);
    expect(blend?.expectedOutcomes).toContain(
      'Less avoidance of safe trauma reminders (in vivo mastery)',
    );
    expect(ids(r)).toEqual(
      expect.arrayContaining(['tfcbt.psychoeducation', 'dbt.distress_tolerance', 'expressive.art']),
    );
    // Avoidance lifts in vivo mastery above where the concern list alone puts it.
    const plain = recommend({ concerns: ['trauma_ptsd'], limit: 30 });
    expect(plain.blends).toEqual([]);
    expect(rankOf(r, 'tfcbt.in_vivo_mastery')).toBeLessThan(rankOf(plain, 'tfcbt.in_vivo_mastery'));
    const top = r.recommendations[0];
    expect(top?.rationale.join(' ')).toMatch(/Recommended for Trauma \/ PTSD \(#\d+ of 16/);
  });

  it('reads "PTSD with avoidance" as free text the same way', () => {
    const r = recommend({ concerns: ['PTSD with avoidance'] });
    expect(r.matchedConcerns).toEqual([
      { input: 'PTSD with avoidance', concernId: 'trauma_ptsd', name: 'Trauma / PTSD' },
    ]);
    expect(r.inferredFeatures).toEqual(['avoidance']);
    expect(r.blends.map((b) => b.id)).toContain('ptsd_avoidance');
  });

  it('active suicidal ideation: safety first, trauma processing cautioned, flooding excluded', () => {
    const r = recommend({
      concerns: ['trauma_ptsd', 'anxiety'],
      features: ['avoidance'],
      contraindications: ['active_suicidal_ideation'],
      limit: 40,
    });
    expect(r.recommendations.slice(0, 3).map((x) => x.interventionId)).toEqual(
      expect.arrayContaining(['safety.safety_planning', 'safety.risk_assessment']),
    );
    const narrative = r.recommendations.find((x) => x.interventionId === 'tfcbt.trauma_narrative');
    expect(narrative?.cautions.join(' ')).toMatch(/Active suicidal ideation/);
    const imaginal = r.recommendations.find((x) => x.interventionId === 'exposure.imaginal');
    expect(imaginal?.cautions.length).toBeGreaterThan(0);
    expect(r.safetyNotes.join(' ')).toMatch(/safety plan/);
    const without = recommend({
      concerns: ['trauma_ptsd', 'anxiety'],
      features: ['avoidance'],
      limit: 40,
    });
    expect(rankOf(r, 'tfcbt.trauma_narrative')).toBeGreaterThan(
      rankOf(without, 'tfcbt.trauma_narrative'),
    );
    // Flooding is excluded wherever it is a candidate.
    const flooding = recommend({
      concerns: ['anxiety'],
      exclude: [],
      contraindications: ['active_suicidal_ideation', 'severe_dissociation'],
      features: ['avoidance'],
    });
    expect(ids(flooding)).not.toContain('exposure.flooding');
    const blocked = recommend({
      concerns: ['trauma_ptsd'],
      features: ['avoidance'],
      contraindications: ['acute_crisis'],
      exclude: ['expressive.art'],
    });
    expect(blocked.blends[0]?.blocked).toEqual([
      { interventionId: 'expressive.art', reason: expect.stringMatching(/on request/) as string },
    ]);
  });

  it('lists what a flag excludes for the concerns, and what was excluded on request', () => {
    const r = recommend({
      concerns: ['anxiety'],
      contraindications: ['active_suicidal_ideation'],
      exclude: ['exposure.in_vivo'],
    });
    const flooding = r.excluded.find((x) => x.interventionId === 'exposure.flooding');
    expect(flooding?.reason).toMatch(/^Not recommended while: active suicidal ideation/);
    expect(flooding?.sources.map((s) => s.citation).join(' ')).toMatch(/Harned/);
    const inVivo = r.excluded.find((x) => x.interventionId === 'exposure.in_vivo');
    expect(inVivo?.reason).toMatch(/on request/);
    expect(ids(r)).not.toContain('exposure.in_vivo');
    expect(ids(r)).not.toContain('exposure.flooding');
    // Not listed for a concern it is not used for.
    const dep = recommend({
      concerns: ['depression'],
      contraindications: ['active_suicidal_ideation'],
    });
    expect(dep.excluded).toEqual([]);
  });

  it('interoceptive exposure with a cardiac condition is cautioned (medical clearance)', () => {
    const r = recommend({
      concerns: ['panic'],
      contraindications: ['cardiac_or_respiratory_condition'],
    });
    const ie = r.recommendations.find((x) => x.interventionId === 'exposure.interoceptive');
    expect(ie?.cautions.join(' ')).toMatch(/medical clearance/);
    expect(ie?.consentExpected).toBe(true);
  });

  it('minimal_homework lowers homework-heavy interventions', () => {
    const base = recommend({ concerns: ['depression'] });
    const pref = recommend({ concerns: ['depression'], preferences: ['minimal_homework'] });
    const score = (r: RecommendResult, id: string): number =>
      r.recommendations.find((x) => x.interventionId === id)?.score ?? Number.NaN;
    expect(score(pref, 'cbt.behavioral_activation')).toBeLessThan(
      score(base, 'cbt.behavioral_activation'),
    );
    expect(rankOf(pref, 'cbt.behavioral_activation')).toBeGreaterThan(
      rankOf(base, 'cbt.behavioral_activation'),
    );
    expect(
      pref.recommendations.find((x) => x.interventionId === 'cbt.behavioral_activation')?.cautions,
    ).toEqual([expect.stringMatching(/minimal homework/)]);
    expect(base.recommendations[0]?.interventionId).toBe('cbt.behavioral_activation');
  });

  it('depression with withdrawal → behavioural activation + values blend', () => {
    const r = recommend({ concerns: ['depression'], features: ['withdrawal'] });
    expect(r.blends.map((b) => b.id)).toEqual(['depression_withdrawal']);
    expect(ids(r)).toContain('act.values');
    expect(r.recommendations[0]?.interventionId).toBe('cbt.behavioral_activation');
  });

  it('panic with agoraphobic avoidance → psychoeducation + interoceptive + in vivo', () => {
    const r = recommend({ concerns: ['panic disorder with agoraphobia'] });
    expect(r.matchedConcerns.map((m) => m.concernId)).toEqual(['panic']);
    expect(r.inferredFeatures).toEqual(['agoraphobic_avoidance']);
    expect(r.blends.map((b) => b.id)).toContain('panic_agoraphobia');
    expect(ids(r).slice(0, 3)).toEqual(
      expect.arrayContaining(['exposure.interoceptive', 'exposure.in_vivo']),
    );
  });

  it('reports unmatched concerns and still ranks the matched ones', () => {
    const r = recommend({ concerns: ['grief', 'quarterly tax returns'] });
    expect(r.unmatchedConcerns).toEqual(['quarterly tax returns']);
    expect(r.recommendations[0]?.interventionId).toBe('ipt.grief');
    expect(r.blends.map((b) => b.id)).toContain('grief');
    const none = recommend({ concerns: ['quarterly tax returns'] });
    expect(none.recommendations).toEqual([]);
    expect(none.unmatchedConcerns).toEqual(['quarterly tax returns']);
  });

  it('cultural considerations add "consider" adaptations and notes, and re-rank mildly', () => {
    const base = recommend({ concerns: ['relationship_issues'] });
    const r = recommend({
      concerns: ['relationship_issues'],
      culture: ['collectivist_family_centred', 'lgbtq_affirming'],
    });
    expect(r.adaptations.length).toBeGreaterThanOrEqual(4);
    expect(r.adaptations.every((a) => /consider/i.test(a.text))).toBe(true);
    const fam = r.recommendations.find((x) => x.interventionId === 'systemic.family');
    expect(fam?.cautions.join(' ')).toMatch(/safe and wanted/);
    const before = base.recommendations.find((x) => x.interventionId === 'systemic.family');
    expect((fam?.score ?? 0) - (before?.score ?? 0)).toBe(1);
    expect(r.sources.map((s) => s.citation).join(' ')).toMatch(
      /American Psychological Association \(2017\)/,
    );
  });

  it('is deterministic and ranks 1..n without gaps', () => {
    const input = {
      concerns: ['trauma_ptsd', 'depression', 'self harm'],
      features: ['avoidance', 'withdrawal'] as const,
      preferences: ['skills_based', 'creative_expression'] as const,
      contraindications: ['severe_dissociation'] as const,
      limit: 25,
    };
    const a = recommend({
      ...input,
      features: [...input.features],
      preferences: [...input.preferences],
      contraindications: [...input.contraindications],
    });
    const b = recommend({
      ...input,
      features: [...input.features],
      preferences: [...input.preferences],
      contraindications: [...input.contraindications],
    });
    expect(a).toEqual(b);
    expect(a.recommendations.map((x) => x.rank)).toEqual(a.recommendations.map((_, i) => i + 1));
    // Safety-first (grounding etc. under severe dissociation) lead; scores descend within tiers.
    const first = a.recommendations.filter((x) =>
      /Safety and stabilisation first/.test(x.rationale.join(' ')),
    );
    expect(a.recommendations.slice(0, first.length)).toEqual(first);
    const rest = a.recommendations.slice(first.length).map((x) => x.score);
    expect([...rest].sort((x, y) => y - x)).toEqual(rest);
    expect(a.recommendations.every((x) => x.sources.length > 0 && x.rationale.length > 0)).toBe(
      true,
    );
  });

  it('rejects unknown tags through the schema', () => {
    expect(() =>
      recommend({ concerns: ['depression'], preferences: ['bogus' as never] }),
    ).toThrow();
    expect(() => recommend({ concerns: [] })).toThrow();
  });
});

describe('alternativesFor', () => {
  it('gives the top untried interventions with a one-line rationale', () => {
    const alts = alternativesFor(['depression'], ['cbt.behavioral_activation'], 3);
    expect(alts).toHaveLength(3);
    expect(alts.map((a) => a.interventionId)).not.toContain('cbt.behavioral_activation');
    expect(alts[0]?.interventionId).toBe('cbt.cognitive_restructuring');
    expect(alts[0]?.rationale).toMatch(/^Recommended for Depression \(#2 of 8/);
    expect(alternativesFor([], [])).toEqual([]);
    expect(alternativesFor(['nothing known'], [])).toEqual([]);
    expect(alternativesFor(['depression'], ['not an id!'], 1)).toHaveLength(1);
  });

  it('with active suicidal ideation: safety first, flooding left out, trauma processing cautioned', () => {
    const all = alternativesFor(['trauma_ptsd', 'anxiety'], [], 60);
    expect(all.map((a) => a.interventionId).slice(0, 2)).toEqual([
      'exposure.in_vivo',
      'exposure.imaginal',
    ]);
    expect(all.every((a) => !a.rationale.includes('Caution'))).toBe(true);
    const safe = alternativesFor(['trauma_ptsd', 'anxiety'], [], 60, {
      contraindications: ['active_suicidal_ideation'],
    });
    const ids = safe.map((a) => a.interventionId);
    expect(ids).not.toContain('exposure.flooding');
    expect(ids.slice(0, 3)).toEqual(
      expect.arrayContaining(['safety.risk_assessment', 'safety.safety_planning']),
    );
    for (const id of ['tfcbt.trauma_narrative', 'exposure.imaginal']) {
      const a = safe.find((x) => x.interventionId === id);
      expect(a?.rationale, id).toMatch(/\. Caution: .*Active suicidal ideation/);
    }
  });
});
