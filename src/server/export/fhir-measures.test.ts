import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../core/measures/score.js';
import type { InstrumentId } from '../../core/measures/schema.js';
import type { MeasureAdministration } from '../domain/schemas.js';
import {
  ANSWER_CODE_SYSTEM,
  MEASURE_CODE_SYSTEM,
  QUESTIONNAIRE_CANONICAL,
  measuresToFhir,
} from './fhir-measures.js';
import type { Bundle, FhirResource, Observation, QuestionnaireResponse } from './fhir-types.js';
import { validateFhir } from './fhir-validate.js';
import { exportInput, randomId } from './test-fixtures.js';

function administration(
  instrument: InstrumentId,
  answers: (number | null)[],
  administeredAt: string,
): MeasureAdministration {
  return {
    id: randomId(),
    clientId: 'c1',
    instrument,
    answers,
    score: scoreInstrument(instrument, answers),
    administeredAt,
    source: 'clinician',
    sessionId: null,
    enteredBy: 'u1',
    linkId: null,
    createdAt: administeredAt,
  };
}

const resources = (b: Bundle): FhirResource[] =>
  (b.entry ?? []).map((e) => e.resource).filter((r): r is FhirResource => r !== undefined);
const observations = (b: Bundle): Observation[] =>
  resources(b).filter((r): r is Observation => r.resourceType === 'Observation');
const responses = (b: Bundle): QuestionnaireResponse[] =>
  resources(b).filter(
    (r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse',
  );

const { client } = exportInput();
const PHQ9 = [2, 2, 1, 2, 1, 1, 1, 0, 1]; // 11, moderate; item 9 = 1
const GAD7 = [3, 3, 3, 3, 3, 3, 3]; // 21, severe
const PCL5 = Array.from({ length: 20 }, () => 2); // 40, above the cut-off

describe('measuresToFhir', () => {
  const admins = [
    administration('gad7', GAD7, '2025-03-11T10:00:00.000Z'),
    administration('phq9', PHQ9, '2025-03-04T10:00:00.000Z'),
    administration('pcl5', PCL5, '2025-03-18T10:00:00+01:00'),
  ];
  const bundle = measuresToFhir({
    client,
    administrations: admins,
    practice: { name: 'Harbourview Counselling', npi: '1234567893' },
    generatedAt: '2025-04-01T12:00:00.000Z',
  });

  it('is a valid FHIR R4 collection Bundle', () => {
    expect(bundle.type).toBe('collection');
    expect(validateFhir(bundle)).toEqual({ valid: true, errors: [] });
    const types = resources(bundle).map((r) => r.resourceType);
    expect(types.slice(0, 2)).toEqual(['Patient', 'Organization']);
    expect(types.filter((t) => t === 'QuestionnaireResponse')).toHaveLength(3);
    // 3 totals + PHQ-9 item 9.
    expect(types.filter((t) => t === 'Observation')).toHaveLength(4);
  });

  it('codes totals with the verified LOINC codes and PCL-5 with a DocScrib code, never LOINC', () => {
    const totals = observations(bundle).filter((o) => o.code.text?.endsWith('total score'));
    const codes = totals.map((o) => o.code.coding?.[0]);
    expect(codes).toEqual([
      { system: 'http://loinc.org', code: '44261-6' },
      { system: 'http://loinc.org', code: '70274-6' },
      { system: MEASURE_CODE_SYSTEM, code: 'pcl5-total', display: 'PCL-5 total score' },
    ]);
    expect(totals.map((o) => o.valueInteger)).toEqual([11, 21, 40]);
    expect(totals.map((o) => o.interpretation?.[0]?.text)).toEqual([
      'Moderate',
      'Severe',
      'Probable PTSD (provisional cut-off ≥ 33)',
    ]);
    for (const o of totals) {
      expect(o.status).toBe('final');
      expect(o.category?.[0]?.coding?.[0]?.code).toBe('survey');
      expect(o.derivedFrom?.[0]?.reference).toMatch(/^urn:uuid:/);
      expect(o.performer?.[0]?.display).toBe('Harbourview Counselling');
    }
    expect(totals.map((o) => o.effectiveDateTime)).toEqual([
      '2025-03-04T10:00:00.000Z',
      '2025-03-11T10:00:00.000Z',
      '2025-03-18T10:00:00+01:00',
    ]);
  });

  it('exports PHQ-9 item 9 as its own Observation (LOINC 44260-8) with the LOINC answer', () => {
    const item9 = observations(bundle).find((o) => o.code.coding?.[0]?.code === '44260-8');
    expect(item9?.valueCodeableConcept?.coding?.[0]).toEqual({
      system: 'http://loinc.org',
      code: 'LA6569-3',
      display: 'Several days',
    });
    expect(item9?.component?.[0]?.valueInteger).toBe(1);
    const qr = responses(bundle)[0];
    expect(item9?.derivedFrom?.[0]?.reference).toBe(
      bundle.entry?.find((e) => e.resource === qr)?.fullUrl,
    );
  });

  it('writes QuestionnaireResponses with item ids, coded answers and ordinal values', () => {
    const [phq, gad, pcl] = responses(bundle);
    expect(phq?.status).toBe('completed');
    expect(phq?.questionnaire).toBe(`${QUESTIONNAIRE_CANONICAL}/phq9`);
    expect(phq?.item?.map((i) => i.linkId)).toEqual(PHQ9.map((_, i) => `phq9_${i + 1}`));
    expect(phq?.item?.[0]?.answer?.[0]?.valueCoding).toMatchObject({
      system: 'http://loinc.org',
      code: 'LA6570-1',
      display: 'More than half the days',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 2 }],
    });
    expect(gad?.item?.[0]?.answer?.[0]?.valueCoding?.code).toBe('LA6571-9');
    // PCL-5 answers ("Moderately") have no verified LOINC answer code here.
    expect(pcl?.item?.[0]?.answer?.[0]?.valueCoding).toMatchObject({
      system: ANSWER_CODE_SYSTEM,
      code: 'pcl5-2',
      display: 'Moderately',
    });
    expect(phq?.subject?.reference).toBe(bundle.entry?.[0]?.fullUrl);
  });

  it('exports the session feedback form with DocScrib codes only (no LOINC exists for it)', () => {
    const fb = measuresToFhir({
      client,
      administrations: [administration('feedback', [4, 3, 0, 2], '2025-03-25T10:00:00.000Z')],
      generatedAt: '2025-04-01T12:00:00.000Z',
    });
    expect(validateFhir(fb)).toEqual({ valid: true, errors: [] });
    const [qr] = responses(fb);
    expect(qr?.questionnaire).toBe(`${QUESTIONNAIRE_CANONICAL}/feedback`);
    expect(qr?.item?.map((i) => i.answer?.[0]?.valueCoding)).toEqual(
      [
        ['feedback-4', 'Completely', 4],
        ['feedback-3', 'Mostly', 3],
        ['feedback-0', 'Not at all', 0],
        ['feedback-2', 'Somewhat', 2],
      ].map(([code, display, v]) => ({
        system: ANSWER_CODE_SYSTEM,
        code,
        display,
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: v },
        ],
      })),
    );
    const obs = observations(fb);
    expect(obs).toHaveLength(1); // the total only: no item Observations
    expect(obs[0]?.code).toEqual({
      coding: [
        {
          system: MEASURE_CODE_SYSTEM,
          code: 'feedback-total',
          display: 'Session feedback total score',
        },
      ],
      text: 'Session feedback total score',
    });
    expect(obs[0]?.valueInteger).toBe(9);
    expect(obs[0]?.interpretation).toBeUndefined(); // no bands
    expect(JSON.stringify(fb)).not.toContain('loinc.org');
  });

  it('states an unscorable administration as data absent, leaves unanswered items out', () => {
    const partial = [2, 2, null, 2, 1, 1, 1, 0, null];
    const b = measuresToFhir({
      client,
      administrations: [administration('phq9', partial, '2025-03-04T10:00:00.000Z')],
      generatedAt: '2025-04-01T12:00:00.000Z',
    });
    expect(validateFhir(b)).toEqual({ valid: true, errors: [] });
    const [total, ...rest] = observations(b);
    expect(total?.valueInteger).toBeUndefined();
    expect(total?.dataAbsentReason?.coding?.[0]?.code).toBe('unknown');
    expect(total?.interpretation).toBeUndefined();
    expect(rest).toHaveLength(0); // item 9 unanswered: no item Observation
    expect(responses(b)[0]?.item?.map((i) => i.linkId)).not.toContain('phq9_9');
    expect(resources(b).some((r) => r.resourceType === 'Organization')).toBe(false);
  });

  it('is deterministic and valid with no administrations', () => {
    const again = measuresToFhir({
      client,
      administrations: [...admins].reverse(),
      practice: { name: 'Harbourview Counselling', npi: '1234567893' },
      generatedAt: '2025-04-01T12:00:00.000Z',
    });
    expect(again).toEqual(bundle);
    const empty = measuresToFhir({
      client,
      administrations: [],
      generatedAt: '2025-04-01T12:00:00Z',
    });
    expect(validateFhir(empty).valid).toBe(true);
    expect(empty.entry).toHaveLength(1);
  });
});
