/**
 * Contract test on the shipped examples: every transcript in examples/ is read by the CLI's file
 * reader, analysed and written as a note of every format, and the results are exactly what the
 * public schemas declare: parsing them through AnalysisSchema / NoteSchema drops nothing (no
 * undeclared key) and changes nothing.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanFile } from '../../src/adapters/plan-file.js';
import { readTranscriptFile } from '../../src/adapters/transcript-file.js';
import {
  AnalysisSchema,
  NoteFormatSchema,
  NoteSchema,
  analyze,
  writeNote,
  type TreatmentPlan,
} from '../../src/core/index.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const NOT_TRANSCRIPTS = new Set(['plan.json', 'README.md']);
const files = readdirSync(EXAMPLES)
  .filter((f) => !NOT_TRANSCRIPTS.has(f) && !f.startsWith('.'))
  .sort();

describe('examples/', () => {
  it('has transcripts to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  describe.each(files)('%s', (name) => {
    const withPlan = [false, true] as const;
    it.each(withPlan)(
      'matches the analysis and note schemas exactly (with plan: %s)',
      async (usePlan) => {
        const plan: TreatmentPlan | undefined = usePlan
          ? await readPlanFile(join(EXAMPLES, 'plan.json'))
          : undefined;
        const { transcript } = await readTranscriptFile(join(EXAMPLES, name));
        expect(transcript.turns.length).toBeGreaterThan(0);
        const analysis = analyze(transcript, plan ? { plan } : {});
        expect(AnalysisSchema.parse(analysis)).toStrictEqual(analysis);
        for (const format of NoteFormatSchema.options) {
          const note = writeNote(analysis, { format, ...(plan ? { plan } : {}) });
          expect(NoteSchema.parse(note), `${format} note`).toStrictEqual(note);
        }
      },
    );
  });
});
