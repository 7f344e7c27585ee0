import { describe, expect, it } from 'vitest';
import { INTERVENTIONS } from '../knowledge/interventions.js';
import { NOTE_LABELS } from '../knowledge/note-labels.generated.js';
import { interventionLabel } from './intervention-label.js';

describe('interventionLabel', () => {
  it('the generated labels are the catalogue’s (else run: npx tsx scripts/gen-note-labels.ts)', () => {
    expect([...NOTE_LABELS]).toEqual(INTERVENTIONS.map((i) => [i.id, i.noteLabel]));
  });

  it('names every catalogue intervention with its noteLabel', () => {
    for (const i of INTERVENTIONS) expect(interventionLabel(i.id)).toBe(i.noteLabel);
  });

  it('reads an id the catalogue does not have', () => {
    expect(interventionLabel('cbt.thought_records_v2')).toBe('CBT: thought records v2');
    expect(interventionLabel('newmod.some_thing')).toBe('newmod: some thing');
    expect(interventionLabel('psychoeducation')).toBe('psychoeducation');
    expect(interventionLabel('toString')).toBe('toString');
  });
});
