import type { NoteExporters } from '../../services/notes.js';

/** The real exporters (export/pdf.ts, export/fhir.ts). */
export function defaultExporters(): NoteExporters {
  return {
    pdf: () => Promise.reject(new Error('PDF export is not wired yet')),
    fhir: () => {
      throw new Error('FHIR export is not wired yet');
    },
  };
}
