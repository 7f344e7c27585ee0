/**
 * Statements from the client's record (kind `record`: outcome measures) in every note export:
 * the PDF, the copy-ready text and the FHIR Composition say they are from the record, not the
 * transcript, in the section the format puts measurable progress in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  parseTranscript,
  RECORD_LABEL,
  writeNote,
  type NoteFormat,
} from '../../core/index.js';
import { phq9Outcome } from '../../core/notes/test-fixtures.js';
import { noteToComposition, noteToDocumentReference } from './fhir.js';
import type { Composition } from './fhir-types.js';
import { validateFhir } from './fhir-validate.js';
import { renderNotePdf } from './pdf.js';
import { exportInput, pdfText } from './test-fixtures.js';
import { noteFullText, noteSectionsText } from './text.js';

const text = readFileSync(
  resolve(import.meta.dirname, '../../../examples/cbt-thought-record.txt'),
  'utf8',
);
const analysis = analyze(parseTranscript(text));

function input(format: NoteFormat) {
  const body = writeNote(analysis, { format, outcomes: [phq9Outcome()] });
  return exportInput({ format, body });
}

const PLACE: Record<NoteFormat, string> = {
  soap: 'assessment',
  dap: 'assessment',
  birp: 'response',
  pirp: 'response',
  girp: 'response',
};

describe('record statements in the exports', () => {
  it.each(['soap', 'birp'] as const)('%s: text and FHIR mark them and stay valid', (format) => {
    const i = input(format);
    const section = noteSectionsText(i).find((s) => s.id === PLACE[format]);
    expect(section?.text).toContain(`PHQ-9 9 (mild) on 2025-03-04;`);
    expect(section?.text).toContain(`[${RECORD_LABEL}]`);
    expect(noteFullText(i)).toContain(`[${RECORD_LABEL}]`);

    const bundle = noteToComposition(i);
    expect(validateFhir(bundle)).toEqual({ valid: true, errors: [] });
    const composition = bundle.entry?.[0]?.resource as Composition;
    const fhirSection = composition.section?.find((s) =>
      s.text?.div.includes('PHQ-9 9 (mild) on 2025-03-04'),
    );
    expect(fhirSection?.title?.toLowerCase()).toBe(PLACE[format]);
    expect(fhirSection?.text?.div).toContain(
      'from the client&#39;s record (outcome measures), not the transcript',
    );
    expect(validateFhir(noteToDocumentReference(i)).valid).toBe(true);
  });

  it('the PDF prints the statement with where it is from', async () => {
    const pdf = await renderNotePdf(input('soap'), { compress: false });
    const t = pdfText(pdf);
    expect(t).toContain('PHQ-9 9 (mild) on 2025-03-04;');
    expect(t).toContain('not the transcript]');
    expect(t).toContain('-9 points'); // the statement's minus sign survives WinAnsi
  });
});
