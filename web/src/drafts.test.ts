import { describe, expect, it } from 'vitest';
import { clearDrafts, keepDraft, takeDraft } from './drafts';
import { editRow, toEditState } from './editor-model';
import type { Note } from './types';

const rnd = () => Math.random().toString(36).slice(2, 10);

function note(): Note {
  return {
    schemaVersion: 1,
    format: 'dap',
    header: { start: null, end: null, durationMinutes: null, cpt: null },
    sections: [
      {
        id: 'data',
        heading: 'Data',
        sentences: [{ text: `Said ${rnd()}.`, kind: 'clinician', evidence: [] }],
      },
    ],
    interventions: [],
  };
}

describe('kept drafts', () => {
  it('gives edits back once, to the same user, for the same note version', () => {
    const body = note();
    const user = rnd();
    const noteId = rnd();
    const edited = editRow(toEditState(body), 's0-0', 'Changed.');
    keepDraft(user, noteId, 3, edited);
    expect(takeDraft(rnd(), noteId, 3, body)).toBeUndefined();
    expect(takeDraft(user, noteId, 3, body)).toBe(edited);
    expect(takeDraft(user, noteId, 3, body)).toBeUndefined();
  });

  it('not for another version or a changed note, nor after sign-out', () => {
    const body = note();
    const user = rnd();
    const noteId = rnd();
    const edited = editRow(toEditState(body), 's0-0', 'Changed.');
    keepDraft(user, noteId, 3, edited);
    expect(takeDraft(user, noteId, 4, body)).toBeUndefined();
    keepDraft(user, noteId, 3, edited);
    expect(takeDraft(user, noteId, 3, note())).toBeUndefined();
    keepDraft(user, noteId, 3, edited);
    clearDrafts();
    expect(takeDraft(user, noteId, 3, body)).toBeUndefined();
  });
});
