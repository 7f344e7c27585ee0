import { describe, expect, it } from 'vitest';
import { renderSectionsText } from '../../core/index.js';
import { exampleNoteBody, exportInput, ZONED_CASES, zonedInput } from './test-fixtures.js';
import {
  ADDENDA_SECTION_ID,
  INTERVENTIONS_SECTION_ID,
  noteFullText,
  noteSectionsText,
} from './text.js';

describe('noteSectionsText', () => {
  it('gives one copy-ready entry per note section, in order, with the core wording', () => {
    const input = exportInput();
    const sections = noteSectionsText(input);
    const core = renderSectionsText(input.note.body);
    expect(sections.slice(0, core.length)).toEqual(core);
    expect(sections.map((s) => s.id)).toEqual([
      'subjective',
      'objective',
      'assessment',
      'plan',
      INTERVENTIONS_SECTION_ID,
    ]);
  });

  it('has no Markdown and no transcript time references', () => {
    for (const s of noteSectionsText(exportInput({ format: 'birp' }))) {
      expect(s.text).not.toMatch(/\[\d\d:\d\d:\d\d\]/);
      expect(s.text).not.toMatch(/(^|\s)(#|\*\*|- )/);
      expect(s.text.length).toBeGreaterThan(0);
    }
  });

  it('keeps not-assessed statements verbatim and marks what the clinician completes', () => {
    const input = exportInput();
    const all = noteSectionsText(input)
      .map((s) => s.text)
      .join('\n');
    const notAssessed = input.note.body.sections
      .flatMap((s) => s.sentences)
      .filter((s) => s.kind === 'not_assessed');
    expect(notAssessed.length).toBeGreaterThan(0);
    for (const s of notAssessed) expect(all).toContain(s.text);
    expect(all).toContain('[clinician to complete: Mental status');
  });

  it('lists each intervention with its four components', () => {
    const input = exportInput();
    const section = noteSectionsText(input).find((s) => s.id === INTERVENTIONS_SECTION_ID);
    expect(section?.text).toMatch(/^Cognitive restructuring.*Response: .*Progress: .*Goal: /);
    expect(section?.text.split('\n')).toHaveLength(input.note.body.interventions.length);
  });

  it('adds the addenda, oldest first, with date and author, as their own section', () => {
    const input = exportInput({
      cosigned: true,
      addenda: ['Client called to reschedule.', 'Supervisor reviewed the risk screen.'],
    });
    const reversed = { ...input, addenda: [...input.addenda].reverse() };
    const section = noteSectionsText(reversed).at(-1);
    expect(section?.id).toBe(ADDENDA_SECTION_ID);
    expect(section?.text).toBe(
      'Addendum, 2025-03-06 10:00 (UTC), Dr. Maya Okafor: Client called to reschedule.\n\n' +
        'Addendum, 2025-03-07 10:00 (UTC), Dr. Samuel Reyes: Supervisor reviewed the risk screen.',
    );
  });

  it('has no addenda section when there are none', () => {
    expect(noteSectionsText(exportInput()).map((s) => s.id)).not.toContain(ADDENDA_SECTION_ID);
  });
});

describe('noteFullText', () => {
  it('carries the header facts, every section, the signature and the PHI notice', () => {
    const input = exportInput({ cosigned: true, addenda: ['Late entry: phone call.'] });
    const text = noteFullText(input);
    expect(text).toContain('Progress note (SOAP)');
    expect(text).toContain('Client: Jonah Whitfield');
    expect(text).toContain('Date of birth: 1991-04-17');
    expect(text).toContain('MRN: C-001');
    expect(text).toContain('Session: 2025-03-04, 14:00–14:45 (session times), 45 min, CPT 90834');
    expect(text).toContain('Telehealth (Doxy.me)');
    for (const s of input.note.body.sections) expect(text).toContain(`\n${s.heading}\n`);
    expect(text).toContain('Signed by Dr. Maya Okafor on 2025-03-04 16:02 (UTC).');
    expect(text).toContain('Co-signed by Dr. Samuel Reyes on 2025-03-05 08:30 (UTC).');
    expect(text).toContain('Late entry: phone call.');
    expect(text.trimEnd().endsWith('Confidential — contains protected health information.')).toBe(
      true,
    );
  });

  it.each(ZONED_CASES)(
    "shows signature and addendum times in the practice's zone, named ($zone; none: UTC)",
    ({ zone, times, shown }) => {
      const input = zonedInput(zone, times);
      const text = noteFullText(input);
      expect(text).toContain(`Signed by Dr. Maya Okafor on ${shown.signedAt}.`);
      expect(text).toContain(`Co-signed by Dr. Samuel Reyes on ${shown.cosignedAt}.`);
      expect(text).toContain(`Addendum, ${shown.addendumAt}, Dr. Maya Okafor: `);
      if (zone !== undefined) expect(text).not.toContain('(UTC)');
      // The copy-ready addenda section says the same.
      expect(noteSectionsText(input).at(-1)?.text).toContain(`Addendum, ${shown.addendumAt}, `);
    },
  );

  it('says a draft is not signed, and a pending co-signature is pending', () => {
    expect(noteFullText(exportInput({ status: 'draft' }))).toContain('Draft — not signed.');
    expect(noteFullText(exportInput({ cosigned: false }))).toContain(
      'Co-signature by the supervisor: pending.',
    );
  });

  it('shows the session times the note was written with, with their minutes and code', () => {
    // The transcript runs 45 min; the clinician entered 10:02–10:55.
    const input = exportInput({ sessionTimes: { start: '10:02', end: '10:55' } });
    expect(noteFullText(input)).toContain(
      'Session: 2025-03-04, 10:02–10:55 (session times), 53 min, CPT 90837',
    );
  });

  it("shows the session's times for a note written before the header carried them", () => {
    const input = exportInput({ body: exampleNoteBody('soap').body });
    expect(input.note.body.header.startClock).toBeUndefined();
    expect(noteFullText(input)).toContain(
      'Session: 2025-03-04, 14:00–14:45 (session times), 45 min (from the transcript), CPT 90834',
    );
  });

  it('falls back to the transcript times when the session has no clock times', () => {
    const input = exportInput({ sessionTimes: null });
    expect(noteFullText(input)).toContain(
      'Session: 2025-03-04, 00:00:04–00:44:42 (transcript times), 45 min (from the transcript), CPT 90834',
    );
  });
});
