/**
 * The intervention toolkit API: GET /api/toolkit (the catalogue) and POST /api/toolkit/recommend
 * (matching), against the real app. Who may call them is in the authorization matrix; malformed
 * bodies in bad-input.test.ts. Here: what the answers hold, that tags are checked and named, and
 * that nothing is stored or audited.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CONTRAINDICATION_IDS,
  CULTURE_IDS,
  FEATURE_IDS,
  PREFERENCE_IDS,
  RecommendResultSchema,
  ToolkitCatalogSchema,
} from '../../src/core/knowledge/matching/index.js';
import { INTERVENTIONS } from '../../src/core/index.js';
import { errorOf, read, useApi } from './harness.js';

const api = useApi();

describe('GET /api/toolkit', () => {
  it('gives the catalogue: interventions with cautions, concerns, blends and every tag', async () => {
    const clinician = await api.user('clinician');
    const cat = read(ToolkitCatalogSchema, await clinician.get('/api/toolkit'));
    expect(cat.interventions.map((i) => i.id)).toEqual(INTERVENTIONS.map((i) => i.id));
    const imaginal = cat.interventions.find((i) => i.id === 'exposure.imaginal');
    expect(imaginal?.consentExpected).toBe(true);
    expect(imaginal?.harmMonitoring).toEqual(expect.any(String));
    expect(imaginal?.cautions.map((c) => c.flag)).toEqual(
      expect.arrayContaining(['active_suicidal_ideation', 'severe_dissociation']),
    );
    expect(cat.concerns.find((c) => c.id === 'trauma_ptsd')?.interventions[0]).toBe(
      'tfcbt.psychoeducation',
    );
    expect(cat.blends.find((b) => b.id === 'ptsd_avoidance')?.interventionIds).toEqual(
      expect.arrayContaining(['dbt.distress_tolerance', 'expressive.art']),
    );
    expect(cat.tags.preferences.map((t) => t.id)).toEqual([...PREFERENCE_IDS]);
    expect(cat.tags.culture.map((t) => t.id)).toEqual([...CULTURE_IDS]);
    expect(cat.tags.contraindications.map((t) => t.id)).toEqual([...CONTRAINDICATION_IDS]);
    expect(cat.tags.features.map((t) => t.id)).toEqual([...FEATURE_IDS]);
    for (const t of Object.values(cat.tags).flat()) expect(t.label.length).toBeGreaterThan(2);
  });
});

describe('POST /api/toolkit/recommend', () => {
  it('ranks PTSD with avoidance under active suicidal ideation: safety first, the seed blend, cautions', async () => {
    const supervisor = await api.user('supervisor');
    const r = read(
      RecommendResultSchema,
      await supervisor.post('/api/toolkit/recommend', {
        concerns: ['PTSD with avoidance', 'quarterly tax returns'],
        contraindications: ['active_suicidal_ideation'],
        preferences: ['creative_expression'],
        culture: ['interpreter_or_second_language'],
        limit: 20,
      }),
    );
    expect(r.matchedConcerns.map((m) => m.concernId)).toEqual(['trauma_ptsd']);
    expect(r.unmatchedConcerns).toEqual(['quarterly tax returns']);
    expect(r.inferredFeatures).toEqual(['avoidance']);
    expect(r.recommendations.slice(0, 3).map((x) => x.interventionId)).toEqual(
      expect.arrayContaining(['safety.risk_assessment', 'safety.safety_planning']),
    );
    expect(r.blends.map((b) => b.id)).toEqual(['ptsd_avoidance']);
    expect(r.blends[0]?.expectedOutcomes).toHaveLength(4);
    const narrative = r.recommendations.find((x) => x.interventionId === 'tfcbt.trauma_narrative');
    expect(narrative?.consentExpected).toBe(true);
    expect(narrative?.cautions.join(' ')).toMatch(/Active suicidal ideation/);
    expect(r.excluded.map((x) => x.interventionId)).toContain('exposure.flooding');
    const art = r.recommendations.find((x) => x.interventionId === 'expressive.art');
    expect(art?.rationale.join(' ')).toMatch(/preference: creative expression/);
    expect(art?.rationale.join(' ')).toMatch(/cultural consideration/);
    expect(r.adaptations.length).toBeGreaterThan(0);
    expect(new Set(r.adaptations.map((a) => a.culture))).toEqual(
      new Set(['interpreter_or_second_language']),
    );
    expect(r.recommendations.every((x) => x.sources.length > 0)).toBe(true);
  });

  it('names an unknown tag in a 400, without echoing it', async () => {
    const clinician = await api.user('clinician');
    const res = await clinician.post('/api/toolkit/recommend', {
      concerns: ['depression'],
      preferences: ['minimal_homework', 'Qwertyuiop_pref'],
    });
    expect(res.status).toBe(400);
    const e = errorOf(res);
    expect(e.code).toBe('validation_failed');
    expect(e.issues?.map((i) => i.path)).toEqual(['body.preferences[1]']);
    expect(res.text).not.toContain('Qwertyuiop');
    const none = await clinician.post('/api/toolkit/recommend', { concerns: [] });
    expect(errorOf(none).issues?.map((i) => i.path)).toEqual(['body.concerns']);
  });

  it('stores and audits nothing', async () => {
    const admin = await api.user('admin');
    const clinician = await api.user('clinician');
    const Audit = z.object({ entries: z.array(z.unknown()) });
    const before = read(Audit, await admin.get('/api/audit?limit=500')).entries.length;
    const res = await clinician.post('/api/toolkit/recommend', { concerns: ['grief'] });
    expect(res.status).toBe(200);
    expect((await clinician.get('/api/toolkit')).status).toBe(200);
    const after = read(Audit, await admin.get('/api/audit?limit=500')).entries.length;
    expect(after).toBe(before);
  });
});
