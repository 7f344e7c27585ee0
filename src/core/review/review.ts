import type { Analysis } from '../analysis/schema.js';
import type { Note } from '../notes/schema.js';
import type { Finding } from './schema.js';

export interface ReviewInput {
  note: Note;
  /** The analysis the note was written from, when available (richer checks). */
  analysis?: Analysis;
  /** Plain text of the client's earlier notes (clone detection). */
  previousNotes?: readonly string[];
}

/** STUB (owned by the review work): run every review rule on a note. */
export function reviewNote(_input: ReviewInput): Finding[] {
  return [];
}
