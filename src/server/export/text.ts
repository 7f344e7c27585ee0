import { renderSectionsText } from '../../core/index.js';
import { interventionLabel } from '../../core/notes/labels.js';
import {
  displayTime,
  documentTimeZone,
  noteTitle,
  personName,
  plainSentence,
  sessionFacts,
  sortedAddenda,
  type NoteExportInput,
  type NoteTextInput,
  practiceContact,
} from './input.js';

/**
 * Copy-ready plain text: one entry per note section (to paste into another EHR's fields), plus
 * the four-component intervention entries and the addenda as sections of their own. No Markdown,
 * no time references.
 */
export interface TextSection {
  id: string;
  heading: string;
  text: string;
}

export const INTERVENTIONS_SECTION_ID = 'interventions';
export const ADDENDA_SECTION_ID = 'addenda';

function interventionsText(input: NoteTextInput): string {
  return input.note.body.interventions
    .map(
      (e) =>
        `${interventionLabel(e.interventionId)}: ${plainSentence(e.intervention)} Response: ${plainSentence(e.response)} Progress: ${plainSentence(e.progress)} Goal: ${plainSentence(e.goalLink)}`,
    )
    .join('\n');
}

function addendaText(input: NoteTextInput): string {
  const zone = documentTimeZone(input);
  return sortedAddenda(input.addenda)
    .map(
      (a) =>
        `Addendum, ${displayTime(a.createdAt, zone)}, ${personName(input, a.authorId)}: ${a.text}`,
    )
    .join('\n\n');
}

export function noteSectionsText(input: NoteTextInput): TextSection[] {
  const sections: TextSection[] = renderSectionsText(input.note.body);
  if (input.note.body.interventions.length > 0) {
    sections.push({
      id: INTERVENTIONS_SECTION_ID,
      heading: 'Interventions (four components)',
      text: interventionsText(input),
    });
  }
  if (input.addenda.length > 0) {
    sections.push({ id: ADDENDA_SECTION_ID, heading: 'Addenda', text: addendaText(input) });
  }
  return sections;
}

/**
 * The signature lines, as text (shared by the full text and the PDF); times in the practice's
 * time zone.
 */
export function signatureLines(input: NoteTextInput): string[] {
  const { note, signer, cosigner, author } = input;
  if (note.status !== 'signed' || note.signedAt === null) {
    return ['Draft — not signed.'];
  }
  const zone = documentTimeZone(input);
  const lines = [
    `Signed by ${signer?.name ?? author.name} on ${displayTime(note.signedAt, zone)}.`,
  ];
  if (note.cosignedAt !== null) {
    lines.push(
      `Co-signed by ${cosigner?.name ?? 'the supervisor'} on ${displayTime(note.cosignedAt, zone)}.`,
    );
  } else if (note.cosignRequired) {
    lines.push('Co-signature by the supervisor: pending.');
  }
  return lines;
}

/**
 * The whole note as one plain-text document: header facts, sections, interventions, signature
 * and addenda. This is what the FHIR DocumentReference carries as `text/plain`.
 */
export function noteFullText(input: NoteExportInput): string {
  const { note, client, session } = input;
  const f = sessionFacts(session, note);
  const p = client.profile;
  const lines: string[] = [];
  if (input.practice) {
    lines.push(input.practice.name);
    const contact = practiceContact(input.practice);
    if (contact !== '') lines.push(contact);
  }
  lines.push(noteTitle(note), '');
  lines.push(`Client: ${p.name}`);
  lines.push(`Date of birth: ${p.dateOfBirth ?? 'not recorded'}`);
  for (const id of p.identifiers) lines.push(`${id.system}: ${id.value}`);
  lines.push(
    `Session: ${f.date}, ${f.times}, ${f.duration}, CPT ${f.cpt}`,
    `Service: ${f.serviceType}; location: ${f.location}`,
    `Clinician: ${input.author.name}`,
  );
  for (const s of noteSectionsText({ ...input, addenda: [] })) {
    lines.push('', s.heading, s.text);
  }
  lines.push('', ...signatureLines(input));
  if (input.addenda.length > 0) lines.push('', 'Addenda', addendaText(input));
  lines.push('', 'Confidential — contains protected health information.');
  return `${lines.join('\n')}\n`;
}
