import type { Note } from './schema.js';

/** STUB (owned by the notes work): Markdown with time references to the transcript. */
export function renderMarkdown(note: Note): string {
  return note.sections
    .map((s) => `## ${s.heading}\n\n${s.sentences.map((x) => x.text).join(' ')}`)
    .join('\n\n');
}

/** STUB (owned by the notes work): copy-ready plain text, one entry per section. */
export function renderSectionsText(note: Note): { id: string; heading: string; text: string }[] {
  return note.sections.map((s) => ({
    id: s.id,
    heading: s.heading,
    text: s.sentences.map((x) => x.text).join(' '),
  }));
}
