import type { Analysis } from '../analysis/schema.js';
import type { TreatmentPlan } from '../plan/schema.js';
import { buildFacts } from './facts.js';
import { LAYOUTS } from './layouts.js';
import type { Note, NoteFormat, NoteSection } from './schema.js';

export interface WriteNoteOptions {
  format: NoteFormat;
  plan?: TreatmentPlan;
}

/**
 * analysis → progress note in the chosen format. One set of grounded statements (facts) is built
 * from the analysis and arranged per format: every `finding` carries its evidence, what the
 * session did not cover is `not_assessed`, and what a transcript cannot show (appearance,
 * affect, mental status, diagnosis) is left `clinician_to_complete`. Pure and deterministic.
 */
export function writeNote(analysis: Analysis, opts: WriteNoteOptions): Note {
  const facts = buildFacts(analysis, opts.plan);
  const sections: NoteSection[] = LAYOUTS[opts.format].map((layout) => ({
    id: layout.id,
    heading: layout.heading,
    sentences: layout.topics.flatMap((t) => facts.byTopic.get(t) ?? []),
  }));
  return {
    schemaVersion: 1,
    format: opts.format,
    header: {
      start: analysis.session.start,
      end: analysis.session.end,
      durationMinutes: analysis.session.durationMinutes,
      cpt: analysis.session.cpt,
    },
    sections,
    interventions: facts.entries,
  };
}
