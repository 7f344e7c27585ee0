/**
 * FHIR R4 export of a client's measures, pure: EVERY instrument of the catalogue
 * (core/measures/instruments.ts) is exported: the symptom measures PHQ-9, GAD-7 and PCL-5, and
 * the DocScrib session feedback form (`feedback`: the client's rating of a session; a DocScrib
 * form, so no LOINC codes: its total is `feedback-total` in the DocScrib measure code system,
 * its answers `feedback-<value>` in the DocScrib answer system, its form
 * `https://docscrib.dev/fhir/Questionnaire/feedback`). A `collection` Bundle with the Patient,
 * the practice's Organization (when given) and, per administration:
 *
 * - a QuestionnaireResponse (status `completed`; `questionnaire` = the DocScrib canonical
 *   `https://docscrib.dev/fhir/Questionnaire/<instrument>`: LOINC publishes panel codes (PHQ-9
 *   44249-1 in the FHIR R4 Questionnaire example) but no canonical Questionnaire URL we could
 *   verify, so none is claimed); one item per answered question, `linkId` = the DocScrib item id
 *   (`phq9_9`), the answer a `valueCoding` (LOINC answer code where the label is one of the verified
 *   LOINC answers LA6568-5 / LA6569-3 / LA6570-1 / LA6571-9, else the DocScrib answer system) with
 *   the item value as its `ordinalValue` extension; unanswered items are left out.
 * - an Observation of the total (status `final`, category `survey`): code = the instrument's LOINC
 *   total code from the instrument data (PHQ-9 44261-6, GAD-7 70274-6); an instrument without a
 *   verified one (PCL-5, the feedback form) gets a DocScrib code
 *   (`https://docscrib.dev/fhir/CodeSystem/measure`, `pcl5-total`, `feedback-total`) and text,
 *   never an invented LOINC code. `valueInteger` = the total, or a `dataAbsentReason` when the
 *   administration was not scorable; `interpretation` = the band as text (none for the feedback
 *   form: it has no bands); `derivedFrom` = the QuestionnaireResponse; `performer` = the practice
 *   (it scored it).
 * - for PHQ-9, an Observation of item 9 (LOINC 44260-8 from the instrument data) with the answer,
 *   when answered.
 *
 * Ids are UUIDs derived from the administration ids (same input → same Bundle, given the same
 * `generatedAt`). No clinical text is invented: the values are the stored answers and score.
 *
 * Used by `GET /api/clients/:id/measures/fhir` ([measures-server]): pass the client, ALL the
 * administrations to export (any order: they are sorted oldest first), and the practice from the
 * settings; validate the result with `validateFhir` like the note exports do.
 */
import { getInstrument } from '../../core/measures/score.js';
import type { Instrument } from '../../core/measures/schema.js';
import type { Client, MeasureAdministration } from '../domain/schemas.js';
import {
  docscribId,
  fhirString,
  organization,
  patientResource,
  practiceUuid,
  recordUuid,
} from './fhir.js';
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Observation,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
} from './fhir-types.js';
import type { PracticeRef } from './input.js';

const LOINC = 'http://loinc.org';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

/** DocScrib canonical of an instrument's form (no verified LOINC canonical exists). */
export const QUESTIONNAIRE_CANONICAL = 'https://docscrib.dev/fhir/Questionnaire';
/** DocScrib codes for measure results without a verified LOINC code (e.g. `pcl5-total`). */
export const MEASURE_CODE_SYSTEM = 'https://docscrib.dev/fhir/CodeSystem/measure';
/** DocScrib answer codes (`<instrument>-<value>`) where no LOINC answer code is verified. */
export const ANSWER_CODE_SYSTEM = 'https://docscrib.dev/fhir/CodeSystem/measure-answer';

/**
 * LOINC answer codes (answer list LL358-3, "Not at all" … "Nearly every day"), by label: the
 * answers of PHQ-9 and GAD-7 items. Source: LOINC answer list LL358-3 (loinc.org/LL358-3).
 */
const LOINC_ANSWERS: Readonly<Record<string, string>> = {
  'Not at all': 'LA6568-5',
  'Several days': 'LA6569-3',
  'More than half the days': 'LA6570-1',
  'Nearly every day': 'LA6571-9',
};

/** LOINC-coded answers only for instruments whose whole scale is the LL358-3 list. */
function usesLoincAnswers(inst: Instrument): boolean {
  return inst.answerOptions.every((o) => LOINC_ANSWERS[o.label] !== undefined);
}

export interface MeasuresFhirInput {
  /** The client: the Patient is built from it as in the note exports (`patientResource`). */
  client: Pick<Client, 'id' | 'profile'>;
  /** The administrations to export (any order; exported oldest first). */
  administrations: readonly MeasureAdministration[];
  /** The practice from the settings: an Organization entry and each Observation's performer. */
  practice?: PracticeRef | undefined;
  /** When the Bundle is made (ISO date-time with offset); default: now. */
  generatedAt?: string | undefined;
}

const url = (uuid: string): string => `urn:uuid:${uuid}`;

/** The answer as a Coding: LOINC answer code where verified, else the DocScrib answer code. */
function answerCoding(inst: Instrument, value: number): Coding {
  const label = inst.answerOptions.find((o) => o.value === value)?.label ?? String(value);
  const loinc = usesLoincAnswers(inst) ? LOINC_ANSWERS[label] : undefined;
  return {
    ...(loinc
      ? { system: LOINC, code: loinc }
      : { system: ANSWER_CODE_SYSTEM, code: `${inst.id}-${value}` }),
    display: label,
  };
}

function questionnaireResponse(
  a: MeasureAdministration,
  inst: Instrument,
  id: string,
  patient: Reference,
): QuestionnaireResponse {
  const item: QuestionnaireResponseItem[] = [];
  inst.items.forEach((it, i) => {
    const value = a.answers[i];
    if (value === null || value === undefined) return;
    item.push({
      linkId: it.id,
      text: fhirString(it.text),
      answer: [
        {
          valueCoding: {
            extension: [{ url: ORDINAL_VALUE, valueDecimal: value }],
            ...answerCoding(inst, value),
          },
        },
      ],
    });
  });
  return {
    resourceType: 'QuestionnaireResponse',
    id,
    identifier: docscribId('measure', a.id),
    questionnaire: `${QUESTIONNAIRE_CANONICAL}/${inst.id}`,
    status: 'completed',
    subject: patient,
    authored: a.administeredAt,
    // The client answered (self-report), whether through a link or read out by the clinician.
    source: patient,
    ...(item.length > 0 ? { item } : {}),
  };
}

function totalCode(inst: Instrument): CodeableConcept {
  const coding: Coding = inst.loinc.total
    ? { system: LOINC, code: inst.loinc.total }
    : {
        system: MEASURE_CODE_SYSTEM,
        code: `${inst.id}-total`,
        display: `${inst.shortName} total score`,
      };
  return { coding: [coding], text: `${inst.shortName} total score` };
}

const SURVEY: CodeableConcept[] = [
  { coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] },
];

function totalObservation(
  a: MeasureAdministration,
  inst: Instrument,
  id: string,
  refs: { patient: Reference; response: Reference; practice: Reference | undefined },
): Observation {
  const s = a.score;
  const obs: Observation = {
    resourceType: 'Observation',
    id,
    identifier: [docscribId('measure-total', a.id)],
    status: 'final',
    category: SURVEY,
    code: totalCode(inst),
    subject: refs.patient,
    effectiveDateTime: a.administeredAt,
    issued: a.createdAt,
    ...(refs.practice ? { performer: [refs.practice] } : {}),
  };
  if (s.total !== null) {
    obs.valueInteger = s.total;
    if (s.band) obs.interpretation = [{ text: fhirString(s.band.label) }];
    if (s.prorated) {
      obs.note = [
        { text: `Prorated total: ${s.answered} of ${s.answered + s.missing} items answered.` },
      ];
    }
  } else {
    obs.dataAbsentReason = {
      coding: [{ system: DATA_ABSENT_REASON, code: 'unknown', display: 'Unknown' }],
      text: fhirString(s.reason ?? 'Not scorable: too many unanswered items.'),
    };
  }
  obs.derivedFrom = [refs.response];
  return obs;
}

function itemObservations(
  a: MeasureAdministration,
  inst: Instrument,
  refs: { patient: Reference; response: Reference; practice: Reference | undefined },
): BundleEntry[] {
  const out: BundleEntry[] = [];
  for (const [itemId, code] of Object.entries(inst.loinc.items)) {
    const index = inst.items.findIndex((it) => it.id === itemId);
    const value = a.answers[index];
    const item = inst.items[index];
    if (index < 0 || item === undefined || value === null || value === undefined) continue;
    const uuid = recordUuid(`measure-item:${itemId}`, a.id);
    const coding = answerCoding(inst, value);
    const obs: Observation = {
      resourceType: 'Observation',
      id: uuid,
      identifier: [docscribId(`measure-item-${item.order}`, a.id)],
      status: 'final',
      category: SURVEY,
      code: {
        coding: [{ system: LOINC, code }],
        text: fhirString(`${inst.shortName} item ${item.order}: ${item.text}`),
      },
      subject: refs.patient,
      effectiveDateTime: a.administeredAt,
      issued: a.createdAt,
      ...(refs.practice ? { performer: [refs.practice] } : {}),
      valueCodeableConcept: {
        coding: [coding],
        text: coding.display ?? String(value),
      },
      // The item value (0–3) as a component, for systems that read numbers, not answer codes.
      component: [
        {
          code: {
            coding: [{ system: MEASURE_CODE_SYSTEM, code: `${itemId}-value` }],
            text: 'Item value',
          },
          valueInteger: value,
        },
      ],
      derivedFrom: [refs.response],
    };
    out.push({ fullUrl: url(uuid), resource: obs });
  }
  return out;
}

/**
 * A client's measure administrations as a FHIR R4 `collection` Bundle (see the file comment):
 * Patient, Organization (with a practice), then per administration (oldest first) its
 * QuestionnaireResponse, total Observation and item Observations (PHQ-9 item 9).
 * An unknown instrument id throws the core's DocscribError (stored data is validated, so it
 * cannot happen in practice).
 */
export function measuresToFhir(input: MeasuresFhirInput): Bundle {
  const { client, practice } = input;
  const patientUuid = recordUuid('client', client.id);
  const patient: Reference = {
    reference: url(patientUuid),
    display: fhirString(client.profile.name),
  };
  const practiceRef: Reference | undefined = practice
    ? { reference: url(practiceUuid(practice)), display: fhirString(practice.name) }
    : undefined;
  const entries: BundleEntry[] = [
    { fullUrl: url(patientUuid), resource: patientResource(client, patientUuid) },
  ];
  if (practice) {
    entries.push({
      fullUrl: url(practiceUuid(practice)),
      resource: organization(practice, practiceUuid(practice)),
    });
  }
  const sorted = [...input.administrations].sort(
    (x, y) =>
      Date.parse(x.administeredAt) - Date.parse(y.administeredAt) || x.id.localeCompare(y.id),
  );
  for (const a of sorted) {
    const inst = getInstrument(a.instrument);
    const responseUuid = recordUuid('measure-response', a.id);
    const totalUuid = recordUuid('measure-total', a.id);
    const refs = {
      patient,
      response: { reference: url(responseUuid) },
      practice: practiceRef,
    };
    entries.push({
      fullUrl: url(responseUuid),
      resource: questionnaireResponse(a, inst, responseUuid, patient),
    });
    entries.push({ fullUrl: url(totalUuid), resource: totalObservation(a, inst, totalUuid, refs) });
    entries.push(...itemObservations(a, inst, refs));
  }
  const generatedAt = input.generatedAt ?? new Date().toISOString();
  const bundleId = recordUuid(
    'measures-bundle',
    `${client.id}:${sorted.map((a) => a.id).join(',')}:${generatedAt}`,
  );
  return {
    resourceType: 'Bundle',
    id: bundleId,
    identifier: { system: 'urn:ietf:rfc:3986', value: url(bundleId) },
    type: 'collection',
    timestamp: generatedAt,
    entry: entries,
  };
}
