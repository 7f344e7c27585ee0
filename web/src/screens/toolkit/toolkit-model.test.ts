import { describe, expect, it } from 'vitest';
import { ClientPlanSchema } from '../../../../src/server/domain/schemas.js';
import { filterCatalogue, indexCatalogue, nameWithModality } from './catalogue';
import {
  EMPTY_MATCH_FORM,
  blendInterventions,
  formFromProfile,
  planWithChoices,
  recommendInput,
} from './toolkit-model';
import type { BlendFit, Recommendation, ToolkitCatalog } from './toolkit-types';

const SRC = [{ title: 'Manual', citation: 'Author (2020).' }];

const CATALOG: ToolkitCatalog = {
  interventions: [
    {
      id: 'exposure.in_vivo',
      name: 'In vivo exposure',
      modality: 'Exposure therapy',
      description: 'Graded real-life approach to feared situations.',
      useCases: ['phobias', 'PTSD avoidance'],
      concerns: ['anxiety', 'trauma_ptsd'],
      consentExpected: true,
      harmMonitoring: 'SUDS each step.',
      sources: SRC,
      cautions: [],
    },
    {
      id: 'cbt.cognitive_restructuring',
      name: 'Cognitive restructuring',
      modality: 'Cognitive Behavioral Therapy',
      description: 'Identify and test automatic thoughts.',
      useCases: ['depression'],
      concerns: ['depression'],
      consentExpected: false,
      harmMonitoring: null,
      sources: SRC,
      cautions: [],
    },
  ],
  concerns: [
    { id: 'trauma_ptsd', name: 'Trauma / PTSD', interventions: ['exposure.in_vivo'], sources: SRC },
    { id: 'depression', name: 'Depression', interventions: [], sources: SRC },
  ],
  blends: [],
  tags: { preferences: [], culture: [], contraindications: [], features: [] },
};

const BLEND: BlendFit = {
  id: 'ptsd_avoidance',
  name: 'PTSD with avoidance',
  interventionIds: ['tfcbt.trauma_narrative', 'dbt.distress_tolerance', 'expressive.art'],
  rationale: 'Stabilise, then process.',
  expectedOutcomes: ['Less avoidance', 'Fewer intrusions'],
  matchedOn: 'Trauma / PTSD with avoidance',
  blocked: [{ interventionId: 'expressive.art', reason: 'excluded by the clinician' }],
  sources: SRC,
};

const REC: Recommendation = {
  interventionId: 'tfcbt.trauma_narrative',
  name: 'Trauma narrative',
  modality: 'TF-CBT',
  score: 3,
  rank: 1,
  rationale: ['First-line for PTSD.', 'Targets avoidance.'],
  cautions: [],
  consentExpected: true,
  sources: SRC,
};

describe('the matching form', () => {
  it('ticks presenting concerns that are catalogue concerns (id or name) and keeps the rest as words', () => {
    const form = formFromProfile(
      { presentingConcerns: ['trauma_ptsd', 'depression ', 'Depression', 'nightmares'] },
      CATALOG,
    );
    expect(form.concernIds).toEqual(['trauma_ptsd', 'depression']);
    expect(form.otherConcerns).toBe('nightmares');
    // Nothing else is guessed from the profile.
    expect(form.features).toEqual([]);
    expect(form.contraindications).toEqual([]);
  });

  it('builds the request, and none without a concern', () => {
    expect(recommendInput(EMPTY_MATCH_FORM)).toBeNull();
    expect(
      recommendInput({
        ...EMPTY_MATCH_FORM,
        concernIds: ['trauma_ptsd'],
        otherConcerns: 'PTSD with avoidance, ',
        features: ['avoidance'],
      }),
    ).toEqual({
      concerns: ['trauma_ptsd', 'PTSD with avoidance'],
      features: ['avoidance'],
      preferences: [],
      culture: [],
      contraindications: [],
    });
  });
});

describe('saving choices to the plan', () => {
  const plan = ClientPlanSchema.parse({
    plannedInterventions: [{ interventionId: 'dbt.distress_tolerance', rationale: 'Mine' }],
    conceptualization: 'Earlier thoughts.',
    signature: {
      signedBy: 'user_0000001',
      signerName: 'Dr A',
      signedAt: '2026-01-01T00:00:00.000Z',
    },
  });

  it('adds the chosen interventions with rationale and expected outcomes, keeps planned ones, appends the blend once', () => {
    const body = planWithChoices(
      plan,
      ['tfcbt.trauma_narrative', 'dbt.distress_tolerance', 'exposure.in_vivo'],
      [REC],
      BLEND,
    );
    expect(body).not.toHaveProperty('signature');
    expect(body.plannedInterventions).toEqual([
      {
        interventionId: 'dbt.distress_tolerance',
        rationale: 'Mine',
        expectedOutcomes: '',
        goalIds: [],
        frequency: '',
      },
      {
        interventionId: 'tfcbt.trauma_narrative',
        rationale: 'First-line for PTSD. Targets avoidance.',
        expectedOutcomes: 'Less avoidance; Fewer intrusions',
        goalIds: [],
        frequency: '',
      },
      // Not recommended and not in the blend: nothing invented for it.
      {
        interventionId: 'exposure.in_vivo',
        rationale: '',
        expectedOutcomes: '',
        goalIds: [],
        frequency: '',
      },
    ]);
    expect(body.conceptualization).toBe(
      'Earlier thoughts.\n\nPTSD with avoidance: Stabilise, then process.',
    );
    // The server accepts it as a plan body.
    expect(() =>
      ClientPlanSchema.omit({ signature: true, updatedAt: true }).parse(body),
    ).not.toThrow();
    const again = planWithChoices(
      ClientPlanSchema.parse({ ...body }),
      ['tfcbt.trauma_narrative'],
      [REC],
      BLEND,
    );
    expect(again.conceptualization).toBe(body.conceptualization);
    expect(again.plannedInterventions).toHaveLength(3);
  });

  it('a blend’s blocked interventions are not brought in; without a recommendation the blend gives the rationale', () => {
    expect(blendInterventions(BLEND)).toEqual(['tfcbt.trauma_narrative', 'dbt.distress_tolerance']);
    const body = planWithChoices(ClientPlanSchema.parse({}), ['dbt.distress_tolerance'], [], BLEND);
    expect(body.plannedInterventions?.[0]).toMatchObject({
      rationale: 'PTSD with avoidance: Stabilise, then process.',
      expectedOutcomes: 'Less avoidance; Fewer intrusions',
    });
    expect(body.conceptualization).toBe('PTSD with avoidance: Stabilise, then process.');
  });
});

describe('the catalogue', () => {
  it('filters by modality, concern and words', () => {
    const ids = (f: Parameters<typeof filterCatalogue>[1]) =>
      filterCatalogue(CATALOG, f).map((i) => i.id);
    expect(ids({ modality: '', concern: '', text: '' })).toHaveLength(2);
    expect(ids({ modality: 'Exposure therapy', concern: '', text: '' })).toEqual([
      'exposure.in_vivo',
    ]);
    expect(ids({ modality: '', concern: 'depression', text: '' })).toEqual([
      'cbt.cognitive_restructuring',
    ]);
    expect(ids({ modality: '', concern: '', text: 'AUTOMATIC thoughts' })).toEqual([
      'cbt.cognitive_restructuring',
    ]);
    expect(ids({ modality: '', concern: '', text: 'ptsd avoidance' })).toEqual([
      'exposure.in_vivo',
    ]);
  });

  it('names interventions with their modality, and unknown ids as the notes do', () => {
    const index = indexCatalogue(CATALOG);
    expect(nameWithModality(index, 'exposure.in_vivo')).toBe('In vivo exposure (Exposure therapy)');
    expect(nameWithModality(indexCatalogue(null), 'cbt.cognitive_restructuring')).not.toBe('');
  });
});
