import { renderNotePdf } from '../../export/pdf.js';
import type { NoteExporters } from '../../services/notes.js';

/** The real exporters (export/pdf.ts, export/fhir.ts). */
export function defaultExporters(): NoteExporters {
  return {
    pdf: (input) => renderNotePdf(input),
    fhir: () => {
      throw new Error('FHIR export is not wired yet');
    },
  };
}
