import type { NoteSentence } from '../../core/index.js';
import { localParts, zonedDateTime, zoneFormat } from '../../core/time-zone.js';
import { noteHeaderTimes } from '../../core/notes/header.js';
import { evidenceRefs } from '../../core/notes/labels.js';
import { FORMAT_NAMES } from '../../core/notes/layouts.js';
import type { Addendum, Client, ProgressNote, Session, SessionDetails } from '../domain/schemas.js';

/**
 * What every exporter receives: plain domain records, already read and authorised by the caller.
 * There is deliberately no field for a private psychotherapy (process) note: the type system
 * keeps them out of every export.
 */
export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

/** The practice a document comes from (its custodian): from the practice settings. */
export interface PracticeRef {
  readonly name: string;
  /** Postal address, lines separated by newlines. */
  readonly address?: string | undefined;
  readonly phone?: string | undefined;
  /** The practice's (type 2) National Provider Identifier, 10 digits. */
  readonly npi?: string | undefined;
  /**
   * The practice's IANA time zone (e.g. `America/Chicago`): times people read in the documents
   * are shown in it, with its name. Absent (or not a zone this runtime knows): UTC.
   */
  readonly timezone?: string | undefined;
}

export interface NoteExportInput {
  readonly note: ProgressNote;
  readonly client: Client;
  readonly session: Session;
  readonly addenda: readonly Addendum[];
  /** The note's author (`note.authorId`). */
  readonly author: PersonRef;
  /** Who signed (`note.signedBy`); null for a draft. */
  readonly signer: PersonRef | null;
  /** Who co-signed (`note.cosignedBy`); null until co-signed. */
  readonly cosigner: PersonRef | null;
  /**
   * The practice: its name above the title of the PDF and the text, its contact details and NPI
   * under it; the FHIR documents' custodian Organization.
   */
  readonly practice?: PracticeRef | undefined;
}

/** The part of the input the copy-ready text needs (the practice for its time zone). */
export type NoteTextInput = Pick<
  NoteExportInput,
  'note' | 'addenda' | 'author' | 'signer' | 'cosigner' | 'practice'
>;

/** The practice's contact line: address (one line), phone, NPI; '' when there is none. */
export function practiceContact(practice: PracticeRef): string {
  const parts: string[] = [];
  const address = practice.address
    ?.split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(', ');
  if (address) parts.push(address);
  if (practice.phone) parts.push(`Phone ${practice.phone}`);
  if (practice.npi) parts.push(`NPI ${practice.npi}`);
  return parts.join(' · ');
}

export function noteTitle(note: ProgressNote): string {
  return `Progress note (${FORMAT_NAMES[note.format]})`;
}

/** An ISO instant as FHIR wants it: UTC, with seconds (`2025-03-04T14:05:00.000Z`). */
export function isoInstant(iso: string): string {
  return new Date(iso).toISOString();
}

const UTC = 'UTC';

/**
 * An ISO instant for people, as the local date and time in the practice's time zone with the
 * zone's name: `2026-11-27 14:05 (America/Chicago)`. UTC when no zone is given, or when the zone
 * is not one this runtime knows (then the name says UTC, so the time is never mislabelled).
 * FHIR instants stay UTC ISO-8601 (`isoInstant`).
 */
export function displayTime(iso: string, timeZone: string | undefined = UTC): string {
  let zone = timeZone.trim();
  let format = zoneFormat(zone);
  if (format === null) {
    zone = UTC;
    format = zoneFormat(UTC);
    if (format === null) throw new Error('this runtime has no UTC time zone');
  }
  const { year, month, day, hour, minute } = localParts(format, new Date(iso));
  return `${year}-${month}-${day} ${hour}:${minute} (${zoneName(zone, format)})`;
}

/**
 * The zone's name as the practice wrote it, in the runtime's letter case (`america/chicago` →
 * `America/Chicago`); never swapped for an alias (ICU calls `Asia/Kolkata` `Asia/Calcutta`).
 */
function zoneName(zone: string, format: Intl.DateTimeFormat): string {
  const resolved = format.resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

/** The time zone the document's times are shown in: the practice's, else UTC. */
export function documentTimeZone(input: Pick<NoteExportInput, 'practice'>): string {
  return input.practice?.timezone ?? UTC;
}

/**
 * The time the exported document describes: the latest of the note's last change, signature,
 * co-signature and addenda. Exports are a function of their input, so the same records always
 * give the same bytes.
 */
export function documentTime(input: Pick<NoteExportInput, 'note' | 'addenda'>): string {
  const { note, addenda } = input;
  const times = [note.updatedAt, note.signedAt, note.cosignedAt, ...addenda.map((a) => a.createdAt)]
    .filter((t): t is string => t !== null)
    .map((t) => new Date(t).getTime());
  return new Date(Math.max(...times)).toISOString();
}

/** Addenda oldest first (the order they were written in). */
export function sortedAddenda(addenda: readonly Addendum[]): Addendum[] {
  return [...addenda].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The display name of an addendum's author (the note's author or co-signer, by the rules). */
export function personName(input: NoteTextInput, id: string): string {
  for (const p of [input.author, input.signer, input.cosigner]) if (p?.id === id) return p.name;
  return 'another clinician';
}

const SERVICE_TYPES: Readonly<Record<SessionDetails['serviceType'], string>> = {
  individual: 'Individual psychotherapy',
  family: 'Family psychotherapy',
  couples: 'Couples psychotherapy',
  group: 'Group psychotherapy',
  intake: 'Intake assessment',
  crisis: 'Crisis psychotherapy',
};

export function serviceTypeLabel(details: SessionDetails): string {
  return SERVICE_TYPES[details.serviceType];
}

export function locationLabel(details: SessionDetails): string {
  switch (details.location) {
    case 'office':
      return 'Office';
    case 'telehealth':
      return details.telehealthPlatform
        ? `Telehealth (${details.telehealthPlatform})`
        : 'Telehealth';
    case 'home':
      return 'Home';
    case 'other':
      return 'Other';
  }
}

/**
 * Session facts for headers, from the core's `noteHeaderTimes`: the note header's session times
 * when the note was written with them (what was signed); for notes written before the header
 * carried them, the session's clock times; else the transcript's. The minutes and CPT code are
 * the note header's.
 */
export interface SessionFacts {
  date: string;
  /** The start for a field of its own: `10:02`, `00:00:04 (transcript time)` or `not recorded`. */
  start: string;
  /** The stop, like `start`. */
  stop: string;
  /** Both times in running text: `10:02–10:55 (session times)` (the core's wording). */
  times: string;
  /** The face-to-face clock times (`HH:MM`, local), when the clinician entered both. */
  clock: { start: string; end: string } | null;
  durationMinutes: number | null;
  duration: string;
  cpt: string;
  serviceType: string;
  location: string;
}

export function sessionFacts(session: Session, note: ProgressNote): SessionFacts {
  const d = session.details;
  const t = noteHeaderTimes(note.body.header, d);
  const field = (time: string | null): string =>
    time === null ? 'not recorded' : t.source === 'transcript' ? `${time} (transcript time)` : time;
  return {
    date: d.date,
    start: field(t.start),
    stop: field(t.end),
    times: t.label,
    clock:
      t.source === 'session' && t.start !== null && t.end !== null
        ? { start: t.start, end: t.end }
        : null,
    durationMinutes: t.minutes,
    duration: t.duration ?? 'not recorded',
    cpt: t.cpt ?? 'none',
    serviceType: serviceTypeLabel(d),
    location: locationLabel(d),
  };
}

/** Local date + clock time → FHIR dateTime with the zone's offset (the core's). */
export { zonedDateTime };

/** How a sentence reads in plain text: the core's copy-ready wording. */
export { plainSentence } from '../../core/notes/render.js';

/** The transcript time references of a sentence (`00:01:58`, or utterance ids when untimed). */
export function sentenceRefs(s: NoteSentence): string[] {
  return evidenceRefs(s.evidence);
}
