/**
 * The FHIR R4 types this exporter writes: just the elements it uses (`@types/fhir` is FHIR STU3,
 * not R4, so it is not used). Conformance is checked against the official R4 JSON schema by
 * `fhir-validate.ts`, in the tests and on every export the API sends.
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
  type?: CodeableConcept;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Narrative {
  status: 'generated' | 'extensions' | 'additional' | 'empty';
  div: string;
}

export interface HumanName {
  text?: string;
}

export interface ContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other';
  value?: string;
  use?: 'home' | 'work' | 'temp' | 'old' | 'mobile';
}

export interface Address {
  use?: 'home' | 'work' | 'temp' | 'old' | 'billing';
  type?: 'postal' | 'physical' | 'both';
  text?: string;
  line?: string[];
}

export interface Attachment {
  contentType?: string;
  language?: string;
  data?: string;
  size?: number;
  hash?: string;
  title?: string;
  creation?: string;
}

export interface Duration {
  value: number;
  unit: string;
  system: string;
  code: string;
}

interface DomainResource {
  id?: string;
  text?: Narrative;
  contained?: FhirResource[];
}

export interface Patient extends DomainResource {
  resourceType: 'Patient';
  identifier?: Identifier[];
  name?: HumanName[];
  birthDate?: string;
}

export interface Practitioner extends DomainResource {
  resourceType: 'Practitioner';
  identifier?: Identifier[];
  name?: HumanName[];
}

export interface Organization extends DomainResource {
  resourceType: 'Organization';
  identifier?: Identifier[];
  active?: boolean;
  name?: string;
  telecom?: ContactPoint[];
  address?: Address[];
}

export interface Encounter extends DomainResource {
  resourceType: 'Encounter';
  identifier?: Identifier[];
  status: 'planned' | 'arrived' | 'triaged' | 'in-progress' | 'onleave' | 'finished' | 'cancelled';
  class: Coding;
  type?: CodeableConcept[];
  subject?: Reference;
  participant?: { individual?: Reference }[];
  period?: Period;
  length?: Duration;
  location?: { location: Reference }[];
}

export interface CompositionSection {
  title?: string;
  code?: CodeableConcept;
  text?: Narrative;
  mode?: 'working' | 'snapshot' | 'changes';
  emptyReason?: CodeableConcept;
}

export interface Composition extends DomainResource {
  resourceType: 'Composition';
  identifier?: Identifier;
  status: 'preliminary' | 'final' | 'amended' | 'entered-in-error';
  type: CodeableConcept;
  category?: CodeableConcept[];
  subject?: Reference;
  encounter?: Reference;
  date: string;
  author: Reference[];
  title: string;
  confidentiality?: string;
  /** The organization that keeps the document (the practice). */
  custodian?: Reference;
  attester?: {
    mode: 'personal' | 'professional' | 'legal' | 'official';
    time?: string;
    party?: Reference;
  }[];
  event?: { code?: CodeableConcept[]; period?: Period }[];
  section?: CompositionSection[];
}

export interface DocumentReference extends DomainResource {
  resourceType: 'DocumentReference';
  masterIdentifier?: Identifier;
  identifier?: Identifier[];
  status: 'current' | 'superseded' | 'entered-in-error';
  docStatus?: 'preliminary' | 'final' | 'amended' | 'entered-in-error';
  type?: CodeableConcept;
  category?: CodeableConcept[];
  subject?: Reference;
  date?: string;
  author?: Reference[];
  authenticator?: Reference;
  /** The organization that keeps the document (the practice). */
  custodian?: Reference;
  description?: string;
  securityLabel?: CodeableConcept[];
  content: { attachment: Attachment }[];
  context?: {
    encounter?: Reference[];
    event?: CodeableConcept[];
    period?: Period;
  };
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource;
}

export interface Bundle {
  resourceType: 'Bundle';
  id?: string;
  identifier?: Identifier;
  type: 'document' | 'collection';
  timestamp?: string;
  entry?: BundleEntry[];
}

export interface Quantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}

export interface Annotation {
  text: string;
}

export interface Extension {
  url: string;
  valueDecimal?: number;
  valueString?: string;
}

export interface Observation extends DomainResource {
  resourceType: 'Observation';
  identifier?: Identifier[];
  status: 'registered' | 'preliminary' | 'final' | 'amended' | 'cancelled' | 'entered-in-error';
  category?: CodeableConcept[];
  code: CodeableConcept;
  subject?: Reference;
  effectiveDateTime?: string;
  issued?: string;
  performer?: Reference[];
  valueInteger?: number;
  valueCodeableConcept?: CodeableConcept;
  dataAbsentReason?: CodeableConcept;
  interpretation?: CodeableConcept[];
  note?: Annotation[];
  method?: CodeableConcept;
  derivedFrom?: Reference[];
  component?: {
    code: CodeableConcept;
    valueInteger?: number;
    valueCodeableConcept?: CodeableConcept;
    valueString?: string;
  }[];
}

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: { valueCoding?: Coding & { extension?: Extension[] }; valueInteger?: number }[];
}

export interface QuestionnaireResponse extends DomainResource {
  resourceType: 'QuestionnaireResponse';
  identifier?: Identifier;
  questionnaire?: string;
  status: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  subject?: Reference;
  authored?: string;
  author?: Reference;
  source?: Reference;
  item?: QuestionnaireResponseItem[];
}

export type FhirResource =
  | Patient
  | Practitioner
  | Organization
  | Encounter
  | Composition
  | DocumentReference
  | Bundle
  | Observation
  | QuestionnaireResponse;
