import { createHash } from 'node:crypto';
import type { NoteSentence } from '../../core/index.js';
import { interventionLabel } from '../../core/notes/labels.js';
import type { Client } from '../domain/schemas.js';
import { InternalError } from '../errors.js';
import type {
  Attachment,
  Bundle,
  CodeableConcept,
  Coding,
  Composition,
  CompositionSection,
  DocumentReference,
  Encounter,
  Identifier,
  Narrative,
  Organization,
  Patient,
  Period,
  Practitioner,
  Reference,
} from './fhir-types.js';
import {
  displayTime,
  documentTime,
  documentTimeZone,
  isoInstant,
  noteTitle,
  personName,
  plainSentence,
  sessionFacts,
  sortedAddenda,
  zonedDateTime,
  type NoteExportInput,
  type PersonRef,
  type PracticeRef,
} from './input.js';
import { noteFullText } from './text.js';

/**
 * FHIR R4 export of a signed progress note:
 * - `noteToComposition` → a `document` Bundle: the Composition first, then the Patient, the
 *   Practitioner(s), the Encounter and the practice's Organization (the Composition's custodian)
 *   it refers to (`urn:uuid:` full URLs).
 * - `noteToDocumentReference` → a self-contained DocumentReference (Patient, Practitioners and
 *   the custodian Organization contained) carrying the whole note as `text/plain`, and the PDF
 *   when given.
 * The practice (from the settings) is named with its NPI (`http://hl7.org/fhir/sid/us-npi`),
 * work phone and address; without one the documents have no custodian.
 *
 * Ids are UUIDs derived from the DocScrib record ids (a FHIR id cannot hold `_`), so the same
 * note always gives the same resources; the DocScrib ids travel as identifiers. Drafts are
 * refused (an `InternalError`: NoteService answers 409 before a draft gets here); private process notes cannot be passed in (the input has no field for them).
 */

export const DOCSCRIB_ID_SYSTEM = 'https://docscrib.dev/fhir/id';
export const NOTE_SECTION_SYSTEM = 'https://docscrib.dev/fhir/CodeSystem/note-section';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
/** The NPI identifier system (US Core). */
export const US_NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const CPT = 'http://www.ama-assn.org/go/cpt';
const US_CORE_DOC_CATEGORY =
  'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** LOINC 11506-3: the document type of every exported note. */
export const PROGRESS_NOTE_TYPE: Coding = {
  system: LOINC,
  code: '11506-3',
  display: 'Progress note',
};

/** LOINC section codes where one fits the section; the others use the DocScrib code system. */
const LOINC_SECTIONS: Readonly<Record<string, Coding>> = {
  subjective: { system: LOINC, code: '61150-9', display: 'Subjective Narrative' },
  objective: { system: LOINC, code: '61149-1', display: 'Objective Narrative' },
  assessment: { system: LOINC, code: '51848-0', display: 'Evaluation note' },
  plan: { system: LOINC, code: '18776-5', display: 'Plan of care note' },
  intervention: { system: LOINC, code: '62387-6', display: 'Interventions Document' },
  goals: { system: LOINC, code: '61146-7', display: 'Goals' },
};

export const INTERVENTION_COMPONENTS_CODE = 'intervention-components';
export const ADDENDA_CODE = 'addenda';

// ── Text helpers ─────────────────────────────────────────────────────────────

/** Characters XML 1.0 cannot hold (most controls, lone surrogates, U+FFFE/U+FFFF). */
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XHTML character data: markup characters escaped, XML-illegal characters removed. */
export function escapeXhtml(text: string): string {
  return text
    .replace(XML_ILLEGAL, (c) => (c.length === 1 && c.charCodeAt(0) < 0x20 ? '' : '\ufffd'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped text with its line breaks kept. */
function xhtmlLines(text: string): string {
  return escapeXhtml(text.replace(/\r\n?/g, '\n').trim()).replace(/\n/g, '<br/>');
}

/** A FHIR narrative: the XHTML `<div>` in the XHTML namespace around `inner` (already escaped). */
export function narrative(inner: string): Narrative {
  return { status: 'generated', div: `<div xmlns="${XHTML_NS}">${inner}</div>` };
}

/**
 * A FHIR `string`: no whitespace but space, tab, CR and LF (the R4 schema refuses e.g. a no-break
 * space), no control characters, trimmed; `fallback` when nothing is left.
 */
export function fhirString(text: string, fallback = 'unknown'): string {
  const s = text
    .replace(XML_ILLEGAL, '')
    .replace(/[^\S \r\n\t]/gu, ' ')
    .trim();
  return s === '' ? fallback : s;
}

/** A FHIR `code`: non-empty, single spaces only. */
function fhirCode(text: string): string {
  return fhirString(text).replace(/\s+/g, ' ');
}

/** A stable UUID (v5-style, SHA-256 based) for a DocScrib record. */
export function recordUuid(kind: string, id: string): string {
  const b = createHash('sha256').update(`docscrib:${kind}:${id}`).digest().subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A DocScrib record id as a FHIR Identifier (`https://docscrib.dev/fhir/id/<kind>`). */
export function docscribId(kind: string, value: string): Identifier {
  return { system: `${DOCSCRIB_ID_SYSTEM}/${kind}`, value };
}

// ── Resources ────────────────────────────────────────────────────────────────

/** A client's identifier: URI systems as they are; labels such as "MRN" as the identifier type. */
function clientIdentifier(id: Client['profile']['identifiers'][number]): Identifier {
  const value = fhirString(id.value);
  const label = fhirString(id.system);
  if (/^(https?:\/\/|urn:)\S+$/.test(label)) return { system: label, value };
  const mrn = /^(mrn|mr|medical record( number)?)$/i.test(label);
  return {
    type: mrn
      ? { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }], text: label }
      : { text: label },
    value,
  };
}

function patient(input: NoteExportInput, id: string): Patient {
  return patientResource(input.client, id);
}

/**
 * A client as a FHIR Patient: the DocScrib client id and the client's identifiers, name and date
 * of birth. Shared by the note exports and the measures export (fhir-measures.ts).
 */
export function patientResource(client: Pick<Client, 'id' | 'profile'>, id: string): Patient {
  const p = client.profile;
  const resource: Patient = {
    resourceType: 'Patient',
    id,
    identifier: [docscribId('client', client.id), ...p.identifiers.map(clientIdentifier)],
    name: [{ text: fhirString(p.name) }],
  };
  if (p.dateOfBirth) resource.birthDate = p.dateOfBirth;
  return resource;
}

function practitioner(person: PersonRef, id: string): Practitioner {
  return {
    resourceType: 'Practitioner',
    id,
    identifier: [docscribId('user', person.id)],
    name: [{ text: fhirString(person.name) }],
  };
}

/** The practice as the custodian Organization: name, NPI, work phone and address. */
export function organization(practice: PracticeRef, id: string): Organization {
  const resource: Organization = { resourceType: 'Organization', id };
  if (practice.npi)
    resource.identifier = [{ system: US_NPI_SYSTEM, value: fhirCode(practice.npi) }];
  resource.active = true;
  resource.name = fhirString(practice.name);
  if (practice.phone) {
    resource.telecom = [{ system: 'phone', value: fhirString(practice.phone), use: 'work' }];
  }
  const lines = (practice.address ?? '')
    .split(/\r?\n/)
    .map((l) => fhirString(l, ''))
    .filter((l) => l !== '');
  if (lines.length > 0) {
    resource.address = [{ use: 'work', type: 'both', text: lines.join(', '), line: lines }];
  }
  return resource;
}

/** A stable UUID for the practice's Organization (by NPI, else by name). */
export function practiceUuid(practice: PracticeRef): string {
  return recordUuid('practice', practice.npi ? `npi:${practice.npi}` : `name:${practice.name}`);
}

function encounterClass(input: NoteExportInput): Coding {
  switch (input.session.details.location) {
    case 'telehealth':
      return { system: ACT_CODE, code: 'VR', display: 'virtual' };
    case 'home':
      return { system: ACT_CODE, code: 'HH', display: 'home health' };
    case 'office':
    case 'other':
      return { system: ACT_CODE, code: 'AMB', display: 'ambulatory' };
  }
}

function serviceType(input: NoteExportInput): CodeableConcept {
  const f = sessionFacts(input.session, input.note);
  const cpt = input.note.body.header.cpt;
  const concept: CodeableConcept = { text: fhirString(f.serviceType) };
  if (cpt) concept.coding = [{ system: CPT, code: fhirCode(cpt) }];
  return concept;
}

/**
 * When the session happened. With the face-to-face clock times and the practice's time zone, full
 * dateTimes with the zone's offset on that date (`2025-03-04T14:00:00-06:00`); otherwise (no
 * times, no zone, or a zone this runtime does not know) the date only: clock times without a
 * zone name no instant.
 */
function sessionPeriod(input: NoteExportInput): Period {
  const f = sessionFacts(input.session, input.note);
  const zone = input.practice?.timezone;
  if (f.clock && zone !== undefined) {
    const start = zonedDateTime(f.date, f.clock.start, zone);
    const end = zonedDateTime(f.date, f.clock.end, zone);
    if (start !== null && end !== null) return { start, end };
  }
  return { start: f.date, end: f.date };
}

/**
 * The session as an Encounter: the period (see `sessionPeriod`), the length in minutes, and the
 * local times in the narrative, worded like every export (the core's `noteHeaderTimes` label:
 * `10:02–10:55 (session times)`).
 */
function encounter(
  input: NoteExportInput,
  id: string,
  patientRef: Reference,
  authorRef: Reference,
): Encounter {
  const f = sessionFacts(input.session, input.note);
  const resource: Encounter = {
    resourceType: 'Encounter',
    id,
    text: narrative(
      `<p>${escapeXhtml(`${f.serviceType}, ${f.date}, ${f.times}, ${f.duration}, ${f.location}`)}</p>`,
    ),
    identifier: [docscribId('session', input.session.id)],
    status: 'finished',
    class: encounterClass(input),
    type: [serviceType(input)],
    subject: patientRef,
    participant: [{ individual: authorRef }],
    period: sessionPeriod(input),
    location: [{ location: { display: fhirString(f.location) } }],
  };
  if (f.durationMinutes !== null) {
    resource.length = { value: f.durationMinutes, unit: 'min', system: UCUM, code: 'min' };
  }
  return resource;
}

function sentenceXhtml(s: NoteSentence): string {
  const text = xhtmlLines(plainSentence(s));
  return s.kind === 'clinician_to_complete' ? `<i>${text}</i>` : text;
}

function sectionCode(id: string, heading: string): CodeableConcept {
  const loinc = LOINC_SECTIONS[id];
  const local: Coding = {
    system: NOTE_SECTION_SYSTEM,
    code: fhirCode(id),
    display: fhirString(heading),
  };
  return { coding: [loinc ?? local], text: fhirString(heading) };
}

function sections(input: NoteExportInput): CompositionSection[] {
  const { body } = input.note;
  const out: CompositionSection[] = body.sections.map((s) => ({
    title: fhirString(s.heading),
    code: sectionCode(s.id, s.heading),
    text: narrative(
      s.sentences.length === 0
        ? '<p>Nothing recorded.</p>'
        : `<ul>${s.sentences.map((x) => `<li>${sentenceXhtml(x)}</li>`).join('')}</ul>`,
    ),
  }));
  if (body.interventions.length > 0) {
    const rows = body.interventions
      .map(
        (e) =>
          `<tr><td><b>${escapeXhtml(interventionLabel(e.interventionId))}</b><br/>${sentenceXhtml(e.intervention)}</td>` +
          `<td>${sentenceXhtml(e.response)}</td><td>${sentenceXhtml(e.progress)}</td><td>${sentenceXhtml(e.goalLink)}</td></tr>`,
      )
      .join('');
    out.push({
      title: 'Interventions (four components)',
      code: {
        coding: [
          {
            system: NOTE_SECTION_SYSTEM,
            code: INTERVENTION_COMPONENTS_CODE,
            display: 'Interventions (four components)',
          },
        ],
        text: 'Interventions (four components)',
      },
      text: narrative(
        `<table><thead><tr><th>Intervention</th><th>Client response</th><th>Progress indicator</th><th>Link to goal</th></tr></thead><tbody>${rows}</tbody></table>`,
      ),
    });
  }
  if (input.addenda.length > 0) {
    out.push({
      title: 'Addenda',
      code: {
        coding: [{ system: NOTE_SECTION_SYSTEM, code: ADDENDA_CODE, display: 'Addenda' }],
        text: 'Addenda',
      },
      text: narrative(
        sortedAddenda(input.addenda)
          .map(
            (a) =>
              `<p><b>${escapeXhtml(`Addendum, ${displayTime(a.createdAt, documentTimeZone(input))}, ${personName(input, a.authorId)}:`)}</b> ${xhtmlLines(a.text)}</p>`,
          )
          .join(''),
      ),
    });
  }
  return out;
}

interface Parties {
  author: PersonRef;
  signer: PersonRef;
  cosigner: PersonRef | null;
  signedAt: string;
}

function requireSigned(input: NoteExportInput): Parties {
  const { note } = input;
  // NoteService.fhir refuses drafts (409 conflict) before they get here: a draft here is a bug.
  if (note.status !== 'signed' || note.signedAt === null) {
    throw new InternalError(`FHIR export of note ${note.id}, which is not signed`);
  }
  return {
    author: input.author,
    signer: input.signer ?? input.author,
    cosigner: note.cosignedAt !== null ? input.cosigner : null,
    signedAt: isoInstant(note.signedAt),
  };
}

/** The Practitioners behind the author, signer and co-signer, one per person. */
function people(parties: Parties): PersonRef[] {
  const out: PersonRef[] = [];
  for (const p of [parties.author, parties.signer, parties.cosigner]) {
    if (p && !out.some((x) => x.id === p.id)) out.push(p);
  }
  return out;
}

function ref(url: string, display: string): Reference {
  return { reference: url, display: fhirString(display) };
}

/**
 * A signed note as a FHIR R4 `document` Bundle: Composition (status `final`, or `amended` once it
 * has addenda), Patient, Practitioner(s), Encounter.
 */
export function noteToComposition(input: NoteExportInput): Bundle {
  const parties = requireSigned(input);
  const { note, client, session } = input;
  const f = sessionFacts(session, note);
  const title = noteTitle(note);
  const uuid = {
    composition: recordUuid('note', note.id),
    patient: recordUuid('client', client.id),
    encounter: recordUuid('session', session.id),
  };
  const url = (u: string): string => `urn:uuid:${u}`;
  const patientRef = ref(url(uuid.patient), client.profile.name);
  const { practice } = input;
  const practiceUrl = practice ? url(practiceUuid(practice)) : undefined;
  const personUrl = (p: PersonRef): string => url(recordUuid('user', p.id));
  const authorRef = ref(personUrl(parties.author), parties.author.name);

  const attester: NonNullable<Composition['attester']> = [
    {
      mode: 'legal',
      time: parties.signedAt,
      party: ref(personUrl(parties.signer), parties.signer.name),
    },
  ];
  if (parties.cosigner && note.cosignedAt !== null) {
    attester.push({
      mode: 'professional',
      time: isoInstant(note.cosignedAt),
      party: ref(personUrl(parties.cosigner), parties.cosigner.name),
    });
  }

  const composition: Composition = {
    resourceType: 'Composition',
    id: uuid.composition,
    text: narrative(
      `<p><b>${escapeXhtml(title)}</b></p><p>${escapeXhtml(
        `${client.profile.name}, session ${f.date}; signed by ${parties.signer.name} on ${displayTime(parties.signedAt, documentTimeZone(input))}.`,
      )}</p>`,
    ),
    identifier: docscribId('progress-note', note.id),
    status: input.addenda.length > 0 ? 'amended' : 'final',
    type: { coding: [PROGRESS_NOTE_TYPE], text: 'Progress note' },
    subject: patientRef,
    encounter: ref(url(uuid.encounter), `${f.serviceType}, ${f.date}`),
    date: parties.signedAt,
    author: [authorRef],
    title,
    confidentiality: 'R',
    attester,
    ...(practice && practiceUrl ? { custodian: ref(practiceUrl, practice.name) } : {}),
    event: [{ code: [serviceType(input)], period: sessionPeriod(input) }],
    section: sections(input),
  };

  const when = documentTime(input);
  return {
    resourceType: 'Bundle',
    id: recordUuid('note-document', `${note.id}:${when}`),
    identifier: {
      system: 'urn:ietf:rfc:3986',
      value: url(recordUuid('note-document', `${note.id}:${when}`)),
    },
    type: 'document',
    timestamp: when,
    entry: [
      { fullUrl: url(uuid.composition), resource: composition },
      { fullUrl: url(uuid.patient), resource: patient(input, uuid.patient) },
      ...people(parties).map((p) => ({
        fullUrl: personUrl(p),
        resource: practitioner(p, recordUuid('user', p.id)),
      })),
      {
        fullUrl: url(uuid.encounter),
        resource: encounter(input, uuid.encounter, patientRef, authorRef),
      },
      ...(practice && practiceUrl
        ? [{ fullUrl: practiceUrl, resource: organization(practice, practiceUuid(practice)) }]
        : []),
    ],
  };
}

export interface DocumentReferenceOptions {
  /** The note's PDF (from `renderNotePdf`), to carry as a second attachment. */
  pdf?: Uint8Array;
}

function attachment(
  bytes: Buffer,
  contentType: string,
  title: string,
  creation: string,
): Attachment {
  return {
    contentType,
    language: 'en',
    data: bytes.toString('base64'),
    size: bytes.length,
    hash: createHash('sha1').update(bytes).digest('base64'),
    title,
    creation,
  };
}

/**
 * A signed note as a self-contained FHIR R4 DocumentReference: the whole note as `text/plain`
 * (and the PDF when given), the Patient and the Practitioners contained.
 */
export function noteToDocumentReference(
  input: NoteExportInput,
  options: DocumentReferenceOptions = {},
): DocumentReference {
  const parties = requireSigned(input);
  const { note, client, session } = input;
  const f = sessionFacts(session, note);
  const title = noteTitle(note);
  const when = documentTime(input);
  // Contained resources must be referenced (dom-3): the author and the signer, not the co-signer
  // (a DocumentReference has one authenticator; the co-signature is in the attached text).
  const practitioners = people({ ...parties, cosigner: null });
  const local = (p: PersonRef): string =>
    `practitioner-${practitioners.findIndex((x) => x.id === p.id) + 1}`;
  const content: DocumentReference['content'] = [
    {
      attachment: attachment(
        Buffer.from(noteFullText(input), 'utf8'),
        'text/plain; charset=utf-8',
        `${title}, ${f.date}`,
        when,
      ),
    },
  ];
  if (options.pdf) {
    content.push({
      attachment: attachment(
        Buffer.from(options.pdf),
        'application/pdf',
        `${title}, ${f.date}`,
        when,
      ),
    });
  }
  return {
    resourceType: 'DocumentReference',
    id: recordUuid('note-reference', note.id),
    contained: [
      patient(input, 'patient'),
      ...practitioners.map((p) => practitioner(p, local(p))),
      ...(input.practice ? [organization(input.practice, 'practice')] : []),
    ],
    masterIdentifier: {
      system: 'urn:ietf:rfc:3986',
      value: `urn:uuid:${recordUuid('note-document', `${note.id}:${when}`)}`,
    },
    identifier: [docscribId('progress-note', note.id)],
    status: 'current',
    docStatus: input.addenda.length > 0 ? 'amended' : 'final',
    type: { coding: [PROGRESS_NOTE_TYPE], text: 'Progress note' },
    category: [
      {
        coding: [{ system: US_CORE_DOC_CATEGORY, code: 'clinical-note', display: 'Clinical Note' }],
      },
    ],
    subject: ref('#patient', client.profile.name),
    date: when,
    author: [ref(`#${local(parties.author)}`, parties.author.name)],
    authenticator: ref(`#${local(parties.signer)}`, parties.signer.name),
    ...(input.practice ? { custodian: ref('#practice', input.practice.name) } : {}),
    description: fhirString(`${title}, session ${f.date}`),
    securityLabel: [{ coding: [{ system: CONFIDENTIALITY, code: 'R', display: 'restricted' }] }],
    content,
    context: {
      event: [serviceType(input)],
      period: sessionPeriod(input),
    },
  };
}

export type FhirExportResource = 'Composition' | 'DocumentReference';

/** One entry point for the API: the document Bundle or the DocumentReference of a signed note. */
export function noteToFhir(
  input: NoteExportInput,
  resource: FhirExportResource,
  options: DocumentReferenceOptions = {},
): Bundle | DocumentReference {
  return resource === 'Composition'
    ? noteToComposition(input)
    : noteToDocumentReference(input, options);
}
