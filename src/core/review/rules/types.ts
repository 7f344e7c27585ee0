import { z } from 'zod';
import type { Analysis } from '../../analysis/schema.js';
import type { MeasureAlert } from '../../notes/outcomes.js';
import type { Note, NoteSentence } from '../../notes/schema.js';
import type { Finding, Severity } from '../schema.js';

export interface ReviewInput {
  note: Note;
  /** The analysis the note was written from, when available (richer checks). */
  analysis?: Analysis;
  /** Plain text of the client's earlier notes (clone detection). */
  previousNotes?: readonly string[];
  /**
   * The client's consent records on file (additive, issue 5), oldest first: the informed-consent
   * rule accepts an agreed consent on file for an intense intervention (same id or family) that
   * was not discussed in the session. Pass only records in force: a withdrawn consent is left out
   * (or passed as `declined` dated at the withdrawal). Absent: the rule knows only the session.
   */
  consentsOnFile?: readonly ConsentOnFile[];
  /**
   * The session's date (`YYYY-MM-DD`, additive): consents on file dated after it do not cover the
   * session. Absent: every consent given counts.
   */
  sessionDate?: string;
  /**
   * Item alerts of the client's latest administrations up to the session (additive, issue 5;
   * e.g. PHQ-9 item 9 above 0, from `measureAlertsOf`): the risk follow-up rule treats them like
   * endorsed risk, which needs a documented follow-up. Absent: the rule knows only the session.
   */
  measureAlerts?: readonly Pick<MeasureAlert, 'label' | 'date' | 'text'>[];
}

/**
 * The kinds of consent record (the one source: the server's `ConsentKindSchema` is this one):
 * `intervention` (an intense intervention, `interventionId` set), `recording` (audio recording of
 * sessions), `treatment` (informed consent at intake).
 */
export const ConsentKindSchema = z.enum(['intervention', 'recording', 'treatment']);
export type ConsentKind = z.infer<typeof ConsentKindSchema>;

/** One consent record on file, as the review rules see it. */
export interface ConsentOnFile {
  /** The intervention it is for (kind `intervention`); null for recording / treatment consents. */
  interventionId: string | null;
  kind: ConsentKind;
  decision: 'agreed' | 'declined';
  /** Date of the consent discussion, `YYYY-MM-DD`. */
  date: string;
}

/**
 * A review rule: code with a stable id, a default severity and the source it enforces. `check`
 * returns findings (empty when the note complies). Rules work on the note alone and use the
 * analysis when it is given. Messages name fields, interventions, minutes, never note text.
 */
export interface ReviewRule {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  title: string;
  /** Where the requirement comes from (citation). */
  source: string;
  check(input: ReviewInput): Finding[];
}

export type FindingTarget = NonNullable<Finding['target']>;

/** A finding of `rule`, with the rule's id, source and (unless given) severity. */
export function findingOf(
  rule: Pick<ReviewRule, 'id' | 'severity' | 'source'>,
  message: string,
  fixHint: string,
  target?: FindingTarget,
  severity: Severity = rule.severity,
): Finding {
  return {
    ruleId: rule.id,
    severity,
    message,
    fixHint,
    source: rule.source,
    ...(target ? { target } : {}),
  };
}

/** Every sentence of the note's sections, with the section it is in. */
export function sentencesOf(note: Note): { sectionId: string; sentence: NoteSentence }[] {
  return note.sections.flatMap((s) =>
    s.sentences.map((sentence) => ({ sectionId: s.id, sentence })),
  );
}

/** Distinct utterance ids of some evidence lists, in order. */
export function utteranceIdsOf(evidence: readonly { utteranceIds: readonly string[] }[]): string[] {
  const out: string[] = [];
  for (const e of evidence) for (const id of e.utteranceIds) if (!out.includes(id)) out.push(id);
  return out;
}
