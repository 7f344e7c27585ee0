import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addDraftSource,
  clearDrafts,
  collectDrafts,
  hasDrafts,
  holdDraftsUntil,
  keepDraft,
  takeDraft,
} from './drafts';
import { editRow, toEditState } from './editor-model';
import type { Note } from './types';

const rnd = () => Math.random().toString(36).slice(2, 10);
const MIN = 60_000;

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

/** A note, whose edits a user keeps: random user and note ids. */
function edits() {
  const body = note();
  const edited = editRow(toEditState(body), 's0-0', 'Changed.');
  return { body, user: rnd(), noteId: rnd(), edited };
}

afterEach(() => {
  clearDrafts();
  vi.useRealTimers();
});

describe('kept drafts', () => {
  it('gives edits back once, to the same user, for the same note version', () => {
    const { body, user, noteId, edited } = edits();
    holdDraftsUntil(Date.now() + 30 * MIN);
    keepDraft(user, noteId, 3, edited);
    expect(takeDraft(rnd(), noteId, 3, body)).toBeUndefined();
    expect(takeDraft(user, noteId, 3, body)).toBe(edited);
    expect(takeDraft(user, noteId, 3, body)).toBeUndefined();
  });

  it('not for another version or a changed note, nor after sign-out', () => {
    const { body, user, noteId, edited } = edits();
    holdDraftsUntil(Date.now() + 30 * MIN);
    keepDraft(user, noteId, 3, edited);
    expect(takeDraft(user, noteId, 4, body)).toBeUndefined();
    keepDraft(user, noteId, 3, edited);
    expect(takeDraft(user, noteId, 3, note())).toBeUndefined();
    keepDraft(user, noteId, 3, edited);
    clearDrafts();
    expect(takeDraft(user, noteId, 3, body)).toBeUndefined();
    // and the sign-out closed the window: nothing is kept afterwards
    keepDraft(user, noteId, 3, edited);
    expect(hasDrafts()).toBe(false);
  });

  it('keeps nothing unless the app opened the window (an idle sign-out never does)', () => {
    const body = note();
    keepDraft(rnd(), rnd(), 1, editRow(toEditState(body), 's0-0', 'Changed.'));
    expect(hasDrafts()).toBe(false);
  });

  it('drops kept edits at the deadline, with the timer or when asked after it', () => {
    vi.useFakeTimers();
    const t0 = Date.now();
    const { body, user, noteId, edited } = edits();
    holdDraftsUntil(t0 + 20 * MIN, t0);
    keepDraft(user, noteId, 3, edited, t0);
    vi.advanceTimersByTime(20 * MIN - 1);
    expect(hasDrafts()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(hasDrafts()).toBe(false);

    // a timer that never ran (the computer slept): taking after the deadline gives nothing
    holdDraftsUntil(t0 + 40 * MIN, t0 + 20 * MIN);
    keepDraft(user, noteId, 3, edited, t0 + 20 * MIN);
    expect(takeDraft(user, noteId, 3, body, t0 + 40 * MIN)).toBeUndefined();
    expect(hasDrafts()).toBe(false);
    keepDraft(user, noteId, 3, edited, t0 + 41 * MIN);
    expect(hasDrafts()).toBe(false);
  });

  it('collects the edits of open editors when asked', () => {
    holdDraftsUntil(Date.now() + 30 * MIN);
    const { body, user, noteId, edited } = edits();
    const stop = addDraftSource(() => {
      keepDraft(user, noteId, 2, edited);
    });
    collectDrafts();
    stop();
    expect(takeDraft(user, noteId, 2, body)).toBe(edited);
    collectDrafts();
    expect(hasDrafts()).toBe(false);
  });
});
