import { NOTE_ELEMENTS, TOPIC_ELEMENTS } from './elements.js';
import type { Note, NoteSentence } from './schema.js';

/**
 * Which of the 23 note elements (elements.ts) a note covers WITH GROUNDED content: a `finding`
 * with evidence tagged with the element, or a `record` statement with its source (outcome measures
 * from the client's record). `clinician_to_complete` placeholders do not cover an
 * element; they are reported as left for the clinician. Also a faithfulness check: findings
 * without evidence, and observation words no transcript supports ("appears calm").
 */

/** A sentence's elements: its tags, else its topic's defaults (notes written before the tags). */
export function elementsOf(s: NoteSentence): readonly string[] {
  return s.elements ?? (s.topic !== undefined ? (TOPIC_ELEMENTS[s.topic] ?? []) : []);
}

/** Words describing what only an observer sees: never in a finding's own words (quotes excepted). */
const OBSERVATION_WORDS =
  /\b((client|patient|he|she|they) (appears?|appeared|seemed|looked)|cooperative|calm|pleasant|well[- ]groomed|alert and oriented|oriented x ?\d|euthymic|eye contact|speech (was |is )?(clear|coherent|normal)|denies|denied)\b/i;

function withoutQuotes(text: string): string {
  return text.replace(/"[^"]*"/g, '""').replace(/“[^”]*”/g, '""');
}

export interface NoteCoverage {
  covered: string[];
  leftForClinician: string[];
  /** Findings without evidence (must be 0). */
  ungrounded: number;
  /** Findings whose own words (outside quotes) describe observation ("appears calm"). */
  observationClaims: string[];
}

/** Which of the 23 elements one note covers with grounded content. */
export function noteCoverage(note: Note): NoteCoverage {
  const covered = new Set<string>();
  const placeholders = new Set<string>();
  let ungrounded = 0;
  const observationClaims: string[] = [];
  const sentences = [
    ...note.sections.flatMap((s) => s.sentences),
    ...note.interventions.flatMap((e) => [e.intervention, e.response, e.progress, e.goalLink]),
  ];
  for (const s of sentences) {
    const els = elementsOf(s);
    if (s.kind === 'finding') {
      if (s.evidence.length === 0) {
        ungrounded++;
        continue;
      }
      const m = OBSERVATION_WORDS.exec(withoutQuotes(s.text));
      // "denied … when asked" is grounded by the question and the answer (risk rules).
      if (m && !(s.topic === 'risk_denied' && /^denie/i.test(m[0]))) observationClaims.push(m[0]);
      for (const e of els) covered.add(e);
    } else if (s.kind === 'record') {
      // Stated from the client's record (outcome measures): grounded there, when it names it.
      if (s.source) for (const e of els) covered.add(e);
    } else if (s.kind === 'clinician_to_complete') {
      for (const e of els) placeholders.add(e);
    }
  }
  const ids = NOTE_ELEMENTS.map((e) => e.id as string);
  return {
    covered: ids.filter((id) => covered.has(id)),
    leftForClinician: ids.filter((id) => placeholders.has(id) && !covered.has(id)),
    ungrounded,
    observationClaims,
  };
}
