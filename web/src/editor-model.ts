/**
 * The note editor's model, pure: the note's sentences as rows with stable ids, the clinician's
 * edits (completing placeholders, editing text, adding their own sentences), the map between
 * note sentences and the transcript utterances they cite, and what each review finding is about.
 */
import type { Finding, Note, NoteSentence } from './types';

export type Part = 'intervention' | 'response' | 'progress' | 'goalLink';
export const PARTS: readonly Part[] = ['intervention', 'response', 'progress', 'goalLink'];
export const PART_LABELS: Record<Part, string> = {
  intervention: 'Intervention',
  response: 'Client response',
  progress: 'Progress indicator',
  goalLink: 'Link to goal',
};

/** Section id review findings use for the four-component table. */
export const INTERVENTIONS_SECTION = 'interventions';

export interface Row {
  /** Stable while editing: `s<section>-<n>`, `e<entry>-<part>`, `new<n>`. */
  id: string;
  /** The sentence as loaded; null for a sentence the clinician added. */
  original: NoteSentence | null;
  sentence: NoteSentence;
}

export interface EditSection {
  id: string;
  heading: string;
  rows: Row[];
}

export interface EditEntry {
  interventionId: string;
  parts: Record<Part, Row>;
}

export interface EditState {
  base: Note;
  sections: EditSection[];
  entries: EditEntry[];
  nextId: number;
}

export function toEditState(note: Note): EditState {
  return {
    base: note,
    sections: note.sections.map((s, i) => ({
      id: s.id,
      heading: s.heading,
      rows: s.sentences.map((sentence, j) => ({
        id: `s${i}-${j}`,
        original: sentence,
        sentence,
      })),
    })),
    entries: note.interventions.map((e, i) => ({
      interventionId: e.interventionId,
      parts: {
        intervention: {
          id: `e${i}-intervention`,
          original: e.intervention,
          sentence: e.intervention,
        },
        response: { id: `e${i}-response`, original: e.response, sentence: e.response },
        progress: { id: `e${i}-progress`, original: e.progress, sentence: e.progress },
        goalLink: { id: `e${i}-goalLink`, original: e.goalLink, sentence: e.goalLink },
      },
    })),
    nextId: 1,
  };
}

function finalSentence(row: Row): NoteSentence {
  return row.sentence === row.original
    ? row.sentence
    : { ...row.sentence, text: row.sentence.text.trim() };
}

/** The note body to save: edits applied, added sentences left empty dropped. */
export function toNote(state: EditState): Note {
  return {
    ...state.base,
    sections: state.sections.map((s) => {
      const base = state.base.sections.find((b) => b.id === s.id);
      return {
        ...(base ?? {}),
        id: s.id,
        heading: s.heading,
        sentences: s.rows
          .filter((r) => r.original !== null || r.sentence.text.trim() !== '')
          .map(finalSentence),
      };
    }),
    interventions: state.entries.map((e, i) => ({
      ...(state.base.interventions[i] ?? {}),
      interventionId: e.interventionId,
      intervention: finalSentence(e.parts.intervention),
      response: finalSentence(e.parts.response),
      progress: finalSentence(e.parts.progress),
      goalLink: finalSentence(e.parts.goalLink),
    })),
  };
}

export function isDirty(state: EditState): boolean {
  return JSON.stringify(toNote(state)) !== JSON.stringify(state.base);
}

export interface RowPlace {
  row: Row;
  sectionId: string;
  heading: string;
  /** 1-based position in its section, or the part of an intervention entry. */
  position: number;
  part?: Part;
  interventionId?: string;
}

/** Every row in display order: sections first, then the four-component table. */
export function allRows(state: EditState): RowPlace[] {
  const out: RowPlace[] = [];
  for (const s of state.sections) {
    s.rows.forEach((row, i) =>
      out.push({ row, sectionId: s.id, heading: s.heading, position: i + 1 }),
    );
  }
  state.entries.forEach((e, i) => {
    for (const part of PARTS) {
      out.push({
        row: e.parts[part],
        sectionId: INTERVENTIONS_SECTION,
        heading: 'Interventions',
        position: i + 1,
        part,
        interventionId: e.interventionId,
      });
    }
  });
  return out;
}

export function findRow(state: EditState, rowId: string): RowPlace | undefined {
  return allRows(state).find((p) => p.row.id === rowId);
}

function mapRows(state: EditState, rowId: string, fn: (row: Row) => Row): EditState {
  return {
    ...state,
    sections: state.sections.map((s) =>
      s.rows.some((r) => r.id === rowId)
        ? { ...s, rows: s.rows.map((r) => (r.id === rowId ? fn(r) : r)) }
        : s,
    ),
    entries: state.entries.map((e) => {
      const part = PARTS.find((p) => e.parts[p].id === rowId);
      return part ? { ...e, parts: { ...e.parts, [part]: fn(e.parts[part]) } } : e;
    }),
  };
}

/** What the editor field shows: a placeholder still to complete shows empty (its prompt aside). */
export function fieldValue(row: Row): string {
  return row.sentence.kind === 'clinician_to_complete' ? '' : row.sentence.text;
}

/**
 * The clinician typed `text` into a row. A finding keeps its kind and evidence; completing a
 * placeholder (or rewriting a "not assessed" statement) makes it the clinician's own entry;
 * clearing a placeholder's field, or typing the original text back, restores the original. A
 * statement from the client's record (`record`: outcome measures) stays as it is.
 */
export function editedSentence(row: Row, text: string): NoteSentence {
  const orig = row.original;
  if (orig === null) return { ...row.sentence, text };
  if (text === orig.text && orig.kind !== 'clinician_to_complete') return orig;
  switch (orig.kind) {
    case 'clinician_to_complete':
      return text.trim() === '' ? orig : { ...orig, kind: 'clinician', text };
    case 'not_assessed':
      return { ...orig, kind: 'clinician', text };
    case 'finding':
    case 'clinician':
      return { ...orig, text };
    case 'record':
      // Stated from the client's record (outcome measures): not edited as a finding.
      return orig;
  }
}

/** Whether the clinician may type into a row: not a statement from the client's record. */
export function canEdit(row: Row): boolean {
  return row.sentence.kind !== 'record';
}

export function editRow(state: EditState, rowId: string, text: string): EditState {
  return mapRows(state, rowId, (row) => ({ ...row, sentence: editedSentence(row, text) }));
}

export function revertRow(state: EditState, rowId: string): EditState {
  return mapRows(state, rowId, (row) => (row.original ? { ...row, sentence: row.original } : row));
}

/**
 * Only sentences the clinician added can be removed; the engine's are edited or completed (a
 * completed placeholder keeps its topic or note elements, so it stays).
 */
export function canRemove(row: Row): boolean {
  const o = row.original;
  if (o === null) return true;
  return (
    o.kind === 'clinician' &&
    o.topic === undefined &&
    o.interventionId === undefined &&
    (o.elements === undefined || o.elements.length === 0)
  );
}

export function removeRow(state: EditState, rowId: string): EditState {
  return {
    ...state,
    sections: state.sections.map((s) => ({
      ...s,
      rows: s.rows.filter((r) => r.id !== rowId || !canRemove(r)),
    })),
  };
}

/** Add an empty sentence of the clinician's own to a section; returns the new row's id. */
export function addRow(state: EditState, sectionId: string): { state: EditState; rowId: string } {
  const rowId = `new${state.nextId}`;
  const sentence: NoteSentence = { text: '', kind: 'clinician', evidence: [] };
  return {
    rowId,
    state: {
      ...state,
      nextId: state.nextId + 1,
      sections: state.sections.map((s) =>
        s.id === sectionId
          ? { ...s, rows: [...s.rows, { id: rowId, original: null, sentence }] }
          : s,
      ),
    },
  };
}

/** Why the note cannot be saved as it is (empty sentences), in words for the clinician. */
export function problems(state: EditState): string[] {
  const out: string[] = [];
  for (const p of allRows(state)) {
    if (p.row.original !== null && p.row.sentence.text.trim() === '') {
      const where = p.part
        ? `${PART_LABELS[p.part]} of intervention ${p.position}`
        : `Sentence ${p.position} of ${p.heading}`;
      const fix = canRemove(p.row) ? 'write it or remove it' : 'write it or restore the original';
      out.push(`${where} is empty: ${fix}.`);
    }
  }
  return out;
}

/** The transcript utterances a sentence cites, in order, without repeats. */
export function evidenceIds(sentence: NoteSentence): string[] {
  const seen = new Set<string>();
  for (const ev of sentence.evidence) for (const id of ev.utteranceIds) seen.add(id);
  return [...seen];
}

/** For each utterance id, the rows that cite it (the way back from the transcript). */
export function citations(state: EditState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { row } of allRows(state)) {
    for (const id of evidenceIds(row.sentence)) {
      const list = out.get(id);
      if (list) list.push(row.id);
      else out.set(id, [row.id]);
    }
  }
  return out;
}

export interface FindingFocus {
  /** The sentence to select and focus. */
  rowId?: string;
  /** The section (or `interventions`) to bring into view. */
  sectionId?: string;
  /** Transcript utterances the finding is about (only those in the transcript). */
  utteranceIds: string[];
}

/**
 * What a review finding is about, resolved against the note being edited: an intervention
 * (its four-component entry, else the first sentence about it), a section, transcript lines.
 * Null when the finding names nothing the editor can show.
 */
export function findingFocus(
  finding: Finding,
  state: EditState,
  knownUtterances: ReadonlySet<string>,
): FindingFocus | null {
  const t = finding.target;
  if (!t) return null;
  const focus: FindingFocus = {
    utteranceIds: (t.utteranceIds ?? []).filter((id) => knownUtterances.has(id)),
  };
  if (t.interventionId !== undefined) {
    const entry = state.entries.find((e) => e.interventionId === t.interventionId);
    if (entry) {
      focus.rowId = entry.parts.intervention.id;
      focus.sectionId = INTERVENTIONS_SECTION;
    } else {
      const place = allRows(state).find((p) => p.row.sentence.interventionId === t.interventionId);
      if (place) {
        focus.rowId = place.row.id;
        focus.sectionId = place.sectionId;
      }
    }
  }
  if (focus.sectionId === undefined && t.sectionId !== undefined) {
    const known =
      state.sections.some((s) => s.id === t.sectionId) ||
      (t.sectionId === INTERVENTIONS_SECTION && state.entries.length > 0);
    if (known) focus.sectionId = t.sectionId;
  }
  if (
    focus.rowId === undefined &&
    focus.sectionId === undefined &&
    focus.utteranceIds.length === 0
  ) {
    return null;
  }
  return focus;
}
