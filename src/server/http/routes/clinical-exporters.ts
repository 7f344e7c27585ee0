import { InternalError } from '../../errors.js';
import { noteToFhir } from '../../export/fhir.js';
import { validateFhir } from '../../export/fhir-validate.js';
import { renderNotePdf } from '../../export/pdf.js';
import type { NoteExporters } from '../../services/notes.js';

/**
 * The real exporters (export/pdf.ts, export/fhir.ts). A DocumentReference carries the PDF beside
 * the plain text. Every FHIR resource is checked against the FHIR R4 schema before it leaves: an
 * invalid one is a server fault: 500 `internal`, the failing paths (no content) in the server log
 * through `InternalError`, never sent.
 */
export function defaultExporters(): NoteExporters {
  return {
    pdf: (input) => renderNotePdf(input),
    async fhir(input, resource) {
      const pdf = resource === 'DocumentReference' ? await renderNotePdf(input) : undefined;
      const doc = noteToFhir(input, resource, pdf ? { pdf } : {});
      const check = validateFhir(doc);
      if (!check.valid) {
        const paths = check.errors.slice(0, 5).map((e) => e.path || '(root)');
        throw new InternalError(
          `FHIR ${resource} export failed schema validation at ${paths.join(', ')}`,
        );
      }
      return doc;
    },
  };
}
