import { describe, expect, it } from 'vitest';
import type { Note, NoteSentence } from '../../core/index.js';
import { renderNotePdf, renderNotePdfDetailed } from './pdf.js';
import type { NoteExportInput } from './input.js';
import {
  exampleNoteBody,
  exportInput,
  pdfPageCount,
  pdfRuns,
  pdfText,
  ZONED_CASES,
  zonedInput,
} from './test-fixtures.js';

const raw = { compress: false } as const;

async function textOf(input: NoteExportInput): Promise<{ pdf: Buffer; text: string }> {
  const pdf = await renderNotePdf(input, raw);
  return { pdf, text: pdfText(pdf) };
}

describe('renderNotePdf', () => {
  it('shows the session times the note was written with, and their minutes and code', async () => {
    const { text } = await textOf(exportInput({ sessionTimes: { start: '10:02', end: '10:55' } }));
    for (const fact of ['Start: 10:02', 'Stop: 10:55', 'Duration: 53 min', 'CPT: 90837'])
      expect(text).toContain(fact);
    const { text: untimed } = await textOf(exportInput({ sessionTimes: null }));
    expect(untimed).toContain('(transcript time)');
    expect(untimed).toContain('45 min (from the transcript)');
  });

  it('writes a PDF with the client, session, every section and its findings', async () => {
    const input = exportInput({ cosigned: true });
    const { pdf, text } = await textOf(input);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdfPageCount(pdf)).toBeGreaterThan(0);
    expect(text).toContain('Harbourview Counselling');
    expect(text).toContain('Progress note (SOAP)');
    expect(text).toContain('Jonah Whitfield');
    expect(text).toContain('1991-04-17');
    expect(text).toContain('C-001');
    for (const fact of ['2025-03-04', '14:00', '14:45', '45 min', '90834', 'Telehealth (Doxy.me)'])
      expect(text).toContain(fact);
    for (const heading of ['Subjective', 'Objective', 'Assessment', 'Plan'])
      expect(text).toContain(heading);
    const finding = input.note.body.sections
      .flatMap((s) => s.sentences)
      .find((s) => s.kind === 'finding' && !/[→]/.test(s.text));
    expect(finding).toBeDefined();
    expect(text).toContain(finding?.text);
  });

  it('heads the first page with the practice: name, then address, phone and NPI', async () => {
    const practice = {
      name: 'Harbourview Counselling',
      address: '12 Quay Street\nPortland, ME 04101',
      phone: '+1 (207) 555-0134',
      npi: '1234567893',
    };
    const { pdf, text } = await textOf(exportInput({ practice }));
    const contact = '12 Quay Street, Portland, ME 04101 · Phone +1 (207) 555-0134 · NPI 1234567893';
    expect(text.indexOf('Harbourview Counselling')).toBeLessThan(text.indexOf(contact));
    expect(text.indexOf(contact)).toBeLessThan(text.indexOf('Progress note (SOAP)'));
    expect(pdfRuns(pdf).find((r) => r.text.includes('NPI 1234567893'))?.size).toBe(8);
    const none = await textOf(exportInput({ practice: null }));
    expect(none.text).not.toContain('Harbourview');
  });

  it('shows evidence times in a smaller grey font than the sentence', async () => {
    const pdf = await renderNotePdf(exportInput(), raw);
    const runs = pdfRuns(pdf);
    const ref = runs.find((r) => r.text.includes('[00:01:58]'));
    const sentence = runs.find((r) => r.text.startsWith('Client described the main concern'));
    expect(ref?.size).toBe(7.5);
    expect(sentence?.size).toBe(10);
  });

  it('keeps "not assessed" wording verbatim and draws a box for what the clinician completes', async () => {
    const input = exportInput();
    const { pdf, text } = await textOf(input);
    const sentences = input.note.body.sections.flatMap((s) => s.sentences);
    const notAssessed = sentences.filter((s) => s.kind === 'not_assessed');
    expect(notAssessed.length).toBeGreaterThan(0);
    for (const s of notAssessed) expect(text).toContain(s.text);
    const toComplete = sentences.filter((s) => s.kind === 'clinician_to_complete');
    for (const s of toComplete) expect(text).toContain(`Clinician to complete: ${s.text}`);
    const boxes = pdf.toString('latin1').match(/ 8\.5 8\.5 re\n/g) ?? [];
    expect(boxes).toHaveLength(toComplete.length);
  });

  it('has the four-component table for each intervention', async () => {
    const { text } = await textOf(exportInput());
    for (const h of ['Intervention', 'Client response', 'Progress indicator', 'Link to goal'])
      expect(text).toContain(h);
    expect(text).toContain('Supports the goal discussed in session');
  });

  it('marks a draft as not signed, with a banner and a watermark on every page', async () => {
    const { pdf, text } = await textOf(exportInput({ status: 'draft' }));
    expect(text).toContain('DRAFT — NOT SIGNED');
    expect(text).toContain('Draft — not signed.');
    expect(text).not.toContain('Signed by');
    const watermarks = pdfRuns(pdf).filter((r) => r.text === 'DRAFT' && r.size === 96);
    expect(watermarks).toHaveLength(pdfPageCount(pdf));
  });

  it('has the signature block of a signed and co-signed note, and no draft marks', async () => {
    const { text } = await textOf(exportInput({ cosigned: true }));
    expect(text).toContain('Signed by Dr. Maya Okafor on 2025-03-04 16:02 (UTC).');
    expect(text).toContain('Co-signed by Dr. Samuel Reyes on 2025-03-05 08:30 (UTC).');
    expect(text).not.toMatch(/draft/i);
  });

  it('says a required co-signature is pending', async () => {
    const { text } = await textOf(exportInput({ cosigned: false }));
    expect(text).toContain('Co-signature by the supervisor: pending.');
  });

  it('prints the addenda with their date and author', async () => {
    const { text } = await textOf(
      exportInput({ cosigned: true, addenda: ['Client phoned; plan unchanged.', 'Agree.'] }),
    );
    expect(text).toContain('Addendum — 2025-03-06 10:00 (UTC) — Dr. Maya Okafor');
    expect(text).toContain('Client phoned; plan unchanged.');
    expect(text).toContain('Addendum — 2025-03-07 10:00 (UTC) — Dr. Samuel Reyes');
  });

  it.each(ZONED_CASES)(
    "shows signature and addendum times in the practice's zone, named ($zone; none: UTC)",
    async ({ zone, times, shown }) => {
      const { text } = await textOf(zonedInput(zone, times));
      expect(text).toContain(`Signed by Dr. Maya Okafor on ${shown.signedAt}.`);
      expect(text).toContain(`Co-signed by Dr. Samuel Reyes on ${shown.cosignedAt}.`);
      expect(text).toContain(`Addendum — ${shown.addendumAt} — Dr. Maya Okafor`);
      if (zone !== undefined) expect(text).not.toContain('(UTC)');
    },
  );

  it('numbers the pages and puts the PHI notice and the client on every page', async () => {
    const { pdf, text } = await textOf(exportInput({ format: 'girp' }));
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    for (let i = 1; i <= pages; i++) expect(text).toContain(`Page ${i} of ${pages}`);
    const notices = pdfRuns(pdf).filter(
      (r) => r.text === 'Confidential — contains protected health information',
    );
    expect(notices).toHaveLength(pages);
    const footers = pdfRuns(pdf).filter((r) => r.text.startsWith('Jonah Whitfield · DOB'));
    expect(footers).toHaveLength(pages);
  });

  it('breaks a long note over many pages without losing text', async () => {
    const sentence = (i: number): NoteSentence => ({
      text: `Finding number ${i}: the client described a long and detailed account of the week, with several examples that the clinician reflected back.`,
      kind: 'finding',
      evidence: [{ utteranceIds: [`u${i}`], quote: 'words', start: i * 7 }],
    });
    const { body } = exampleNoteBody();
    const long: Note = {
      ...body,
      sections: body.sections.map((s) => ({
        ...s,
        sentences: Array.from({ length: 60 }, (_, i) => sentence(i)),
      })),
    };
    const { pdf, text } = await textOf(exportInput({ body: long }));
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(8);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.match(/Finding number 59:/g)).toHaveLength(4);
  });

  it('says so when a section has nothing recorded', async () => {
    const { body } = exampleNoteBody();
    const empty: Note = { ...body, sections: body.sections.map((s) => ({ ...s, sentences: [] })) };
    const { text } = await textOf(exportInput({ body: empty }));
    expect(text.match(/Nothing recorded\./g)).toHaveLength(body.sections.length);
  });

  it('shows unicode safely: transliterated where it can, ? where it cannot, and says so', async () => {
    const input = exportInput({
      clientName: 'Ана Петрова 李',
      addenda: ['Client brought a drawing 🎨 and said “ça va” → better.'],
    });
    const { pdf, replacedCharacters } = await renderNotePdfDetailed(input, raw);
    const text = pdfText(pdf);
    expect(text).toContain('Ana Petrova ?');
    expect(text).toContain('drawing ? and said “ça va” -> better.');
    expect(text).toContain('Anxiety rating 90 -> 45');
    expect(replacedCharacters).toBeGreaterThanOrEqual(2);
    expect(text).toContain('could not be shown');
  });

  it('is deterministic, dated from the note rather than the clock', async () => {
    const input = exportInput({ cosigned: true, addenda: ['Later note.'] });
    const a = await renderNotePdf(input);
    const b = await renderNotePdf(input);
    expect(a.equals(b)).toBe(true);
    // The latest event (the addendum, 2025-03-06 10:00 UTC) dates the document.
    expect(a.toString('latin1')).toContain('(D:20250306100000Z)');
  });

  it('compresses by default', async () => {
    const input = exportInput();
    const compressed = await renderNotePdf(input);
    expect(compressed.toString('latin1')).toContain('/FlateDecode');
    expect(pdfText(compressed)).not.toContain('Jonah Whitfield');
  });

  it('has no way to take a private process note, and ignores one smuggled in', async () => {
    const input = exportInput();
    await renderNotePdf({
      ...input,
      // @ts-expect-error: the export input has no process-note field
      processNote: { text: 'PRIVATE PROCESS NOTE' },
    });
    const smuggled = { ...input, processNotes: [{ text: 'PRIVATE PROCESS NOTE' }] };
    const { text } = await textOf(smuggled);
    expect(text).not.toContain('PRIVATE PROCESS NOTE');
  });
});
