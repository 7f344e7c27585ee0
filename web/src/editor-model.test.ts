import { describe, expect, it } from 'vitest';
import {
  addRow,
  allRows,
  canEdit,
  canRemove,
  citations,
  editRow,
  evidenceIds,
  fieldValue,
  findingFocus,
  findRow,
  isDirty,
  problems,
  removeRow,
  revertRow,
  toEditState,
  toNote,
} from './editor-model';
import type { Finding, Note, NoteSentence } from './types';

const rnd = () => Math.random().toString(36).slice(2, 8);

function finding(ids: string[], text = `Client reported ${rnd()}.`): NoteSentence {
  return { text, kind: 'finding', evidence: [{ utteranceIds: ids, quote: rnd(), start: null }] };
}

/** A small SOAP note: 2 sections, one intervention entry; utterance ids are random. */
function makeNote() {
  const u = Array.from({ length: 6 }, (_, i) => `u${i + 1}${rnd()}`) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const interventionId = `cbt.${rnd()}`;
  const note: Note = {
    schemaVersion: 1,
    format: 'soap',
    header: { start: 0, end: 3000, durationMinutes: 50, cpt: '90834' },
    sections: [
      {
        id: 'subjective',
        heading: 'Subjective',
        sentences: [
          finding([u[0], u[1]]),
          { text: 'Risk: not assessed in this session.', kind: 'not_assessed', evidence: [] },
        ],
      },
      {
        id: 'objective',
        heading: 'Objective',
        sentences: [
          {
            text: 'Appearance and affect (clinician to complete).',
            kind: 'clinician_to_complete',
            evidence: [],
            topic: 'appearance',
          },
          { ...finding([u[2]]), interventionId },
        ],
      },
    ],
    interventions: [
      {
        interventionId,
        intervention: finding([u[2], u[3]]),
        response: finding([u[3]]),
        progress: finding([u[4]]),
        goalLink: { text: 'No goal linked.', kind: 'not_assessed', evidence: [] },
      },
    ],
  };
  return { note, u, interventionId };
}

const rowOf = (state: ReturnType<typeof toEditState>, id: string) => {
  const place = findRow(state, id);
  if (!place) throw new Error('no such row');
  return place.row;
};

const rowIdOf = (state: ReturnType<typeof toEditState>, sectionIdx: number, i: number) => {
  const id = state.sections[sectionIdx]?.rows[i]?.id;
  if (id === undefined) throw new Error('no such row');
  return id;
};

describe('editing a note', () => {
  it('unchanged: the same note comes back and nothing is dirty', () => {
    const { note } = makeNote();
    const state = toEditState(note);
    expect(toNote(state)).toEqual(note);
    expect(isDirty(state)).toBe(false);
    expect(problems(state)).toEqual([]);
  });

  it('an edited finding keeps its kind and evidence; text is trimmed on save', () => {
    const { note } = makeNote();
    let state = toEditState(note);
    state = editRow(state, rowIdOf(state, 0, 0), '  Client described a better week.  ');
    const saved = toNote(state).sections[0]?.sentences[0];
    expect(saved).toEqual({
      ...note.sections[0]?.sentences[0],
      text: 'Client described a better week.',
    });
    expect(isDirty(state)).toBe(true);
  });

  it('typing the original text back is no change', () => {
    const { note } = makeNote();
    let state = toEditState(note);
    const id = rowIdOf(state, 0, 0);
    const original = note.sections[0]?.sentences[0]?.text ?? '';
    state = editRow(editRow(state, id, 'other'), id, original);
    expect(isDirty(state)).toBe(false);
  });

  it('completing a placeholder makes it the clinician’s entry; clearing it restores it', () => {
    const { note } = makeNote();
    let state = toEditState(note);
    const id = rowIdOf(state, 1, 0);
    expect(fieldValue(rowOf(state, id))).toBe('');
    state = editRow(state, id, 'Casually dressed; affect bright.');
    const done = toNote(state).sections[1]?.sentences[0];
    expect(done).toMatchObject({
      kind: 'clinician',
      text: 'Casually dressed; affect bright.',
      topic: 'appearance',
    });
    state = editRow(state, id, '   ');
    expect(toNote(state).sections[1]?.sentences[0]).toEqual(note.sections[1]?.sentences[0]);
    expect(isDirty(state)).toBe(false);
  });

  it('rewriting a "not assessed" statement makes it the clinician’s entry', () => {
    const { note } = makeNote();
    let state = toEditState(note);
    state = editRow(
      state,
      rowIdOf(state, 0, 1),
      'Risk screened by phone before the session; denied SI.',
    );
    expect(toNote(state).sections[0]?.sentences[1]?.kind).toBe('clinician');
  });

  it('an emptied sentence is a problem until written, restored or removed', () => {
    const { note } = makeNote();
    let state = toEditState(note);
    const id = rowIdOf(state, 0, 0);
    state = editRow(state, id, '');
    expect(problems(state)).toEqual([
      'Sentence 1 of Subjective is empty: write it or restore the original.',
    ]);
    state = revertRow(state, id);
    expect(problems(state)).toEqual([]);
    expect(isDirty(state)).toBe(false);
  });

  it('edits the four-component entries too', () => {
    const { note } = makeNote();
    let state = toEditState(note);
    const goal = state.entries[0]?.parts.goalLink.id ?? '';
    state = editRow(state, goal, 'Supports goal G1 (worry).');
    expect(toNote(state).interventions[0]?.goalLink).toMatchObject({
      kind: 'clinician',
      text: 'Supports goal G1 (worry).',
    });
    state = editRow(state, goal, '');
    expect(problems(state)[0]).toMatch(/Link to goal of intervention 1 is empty/);
  });

  it('adds the clinician’s own sentences; empty ones are dropped; only own ones are removable', () => {
    const { note } = makeNote();
    const start = toEditState(note);
    const { state: added, rowId } = addRow(start, 'objective');
    expect(isDirty(added)).toBe(false);
    expect(toNote(added)).toEqual(note);
    const typed = editRow(added, rowId, 'Arrived on time.');
    expect(toNote(typed).sections[1]?.sentences.at(-1)).toEqual({
      text: 'Arrived on time.',
      kind: 'clinician',
      evidence: [],
    });
    const row = rowOf(typed, rowId);
    expect(canRemove(row)).toBe(true);
    expect(canRemove(rowOf(typed, rowIdOf(typed, 0, 0)))).toBe(false);
    expect(toNote(removeRow(typed, rowId))).toEqual(note);
    // removing an engine sentence is refused
    expect(toNote(removeRow(typed, rowIdOf(typed, 0, 0))).sections[0]?.sentences).toHaveLength(2);
    // once saved, an own sentence stays removable; a completed placeholder (with a topic) does not
    const saved = toEditState(toNote(typed));
    const ownSaved = saved.sections[1]?.rows.at(-1);
    expect(ownSaved && canRemove(ownSaved)).toBe(true);
    const completed = toEditState(toNote(editRow(typed, rowIdOf(typed, 1, 0), 'Well groomed.')));
    expect(canRemove(rowOf(completed, rowIdOf(completed, 1, 0)))).toBe(false);
    // a second added row gets another id
    const second = addRow(typed, 'objective');
    expect(second.rowId).not.toBe(rowId);
  });

  it('a statement from the record is not editable or removable and survives an edit attempt', () => {
    const { note } = makeNote();
    const record: NoteSentence = {
      text: 'PHQ-9 total 9 on 2025-03-18 (Mild).',
      kind: 'record',
      evidence: [],
      topic: 'outcome_measures',
      source: { kind: 'outcome_measures', instrument: 'phq9', administrationIds: ['a1', 'a2'] },
    };
    note.sections[1]?.sentences.push(record);
    let state = toEditState(note);
    const id = rowIdOf(state, 1, 2);
    const row = rowOf(state, id);
    expect(canEdit(row)).toBe(false);
    expect(canRemove(row)).toBe(false);
    expect(canEdit(rowOf(state, rowIdOf(state, 0, 0)))).toBe(true);
    state = editRow(state, id, 'PHQ-9 total 3.');
    expect(toNote(state).sections[1]?.sentences[2]).toEqual(record);
    expect(isDirty(state)).toBe(false);
  });

  it('lists rows in display order with their places', () => {
    const { note, interventionId } = makeNote();
    const rows = allRows(toEditState(note));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ sectionId: 'subjective', position: 1 });
    expect(rows[4]).toMatchObject({
      sectionId: 'interventions',
      part: 'intervention',
      interventionId,
    });
  });
});

describe('evidence', () => {
  it('a sentence cites its utterances in order without repeats', () => {
    const s: NoteSentence = {
      text: 't',
      kind: 'finding',
      evidence: [
        { utteranceIds: ['u3', 'u4'], quote: 'a', start: 1 },
        { utteranceIds: ['u4', 'u9'], quote: 'b', start: 2 },
      ],
    };
    expect(evidenceIds(s)).toEqual(['u3', 'u4', 'u9']);
  });

  it('maps each utterance back to every sentence citing it', () => {
    const { note, u } = makeNote();
    const state = toEditState(note);
    const map = citations(state);
    expect(map.get(u[0])).toEqual([rowIdOf(state, 0, 0)]);
    expect(map.get(u[2])).toEqual([rowIdOf(state, 1, 1), state.entries[0]?.parts.intervention.id]);
    expect(map.get(u[5])).toBeUndefined();
  });
});

describe('findingFocus', () => {
  const base = (target: Finding['target']): Finding => ({
    ruleId: rnd(),
    severity: 'warning',
    message: 'm',
    fixHint: 'h',
    source: 's',
    ...(target ? { target } : {}),
  });

  it('an intervention: its four-component entry', () => {
    const { note, interventionId } = makeNote();
    const state = toEditState(note);
    expect(findingFocus(base({ interventionId }), state, new Set())).toEqual({
      rowId: state.entries[0]?.parts.intervention.id,
      sectionId: 'interventions',
      utteranceIds: [],
    });
  });

  it('an intervention without an entry: the first sentence about it', () => {
    const { note, interventionId } = makeNote();
    const state = toEditState({ ...note, interventions: [] });
    expect(findingFocus(base({ interventionId }), state, new Set())).toEqual({
      rowId: rowIdOf(state, 1, 1),
      sectionId: 'objective',
      utteranceIds: [],
    });
  });

  it('a section, and transcript lines that exist', () => {
    const { note, u } = makeNote();
    const state = toEditState(note);
    expect(
      findingFocus(
        base({ sectionId: 'objective', utteranceIds: [u[1], 'u999'] }),
        state,
        new Set(u),
      ),
    ).toEqual({ sectionId: 'objective', utteranceIds: [u[1]] });
    expect(findingFocus(base({ sectionId: 'interventions' }), state, new Set())).toEqual({
      sectionId: 'interventions',
      utteranceIds: [],
    });
  });

  it('nothing to show: null', () => {
    const { note } = makeNote();
    const state = toEditState(note);
    expect(findingFocus(base(undefined), state, new Set())).toBeNull();
    expect(
      findingFocus(base({ sectionId: 'nope', utteranceIds: ['x'] }), state, new Set()),
    ).toBeNull();
    expect(findingFocus(base({ interventionId: 'dbt.none' }), state, new Set())).toBeNull();
  });
});
