import type { Analysis } from '../analysis/schema.js';
import type { TreatmentPlan } from '../plan/schema.js';
import type { Note, NoteFormat } from './schema.js';

export interface WriteNoteOptions {
  format: NoteFormat;
  plan?: TreatmentPlan;
}

/** STUB (owned by the notes work): analysis → progress note in the chosen format. */
export function writeNote(analysis: Analysis, opts: WriteNoteOptions): Note {
  return {
    schemaVersion: 1,
    format: opts.format,
    header: {
      start: analysis.session.start,
      end: analysis.session.end,
      durationMinutes: analysis.session.durationMinutes,
      cpt: analysis.session.cpt,
    },
    sections: [],
    interventions: [],
  };
}
