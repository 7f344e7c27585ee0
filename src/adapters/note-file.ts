import { z } from 'zod';
import {
  AnalysisSchema,
  DocscribError,
  NoteSchema,
  renderSectionsText,
  type Analysis,
  type Note,
} from '../core/index.js';
import { readTextFile } from './files.js';
import { parseJsonText, readJsonFile } from './json-file.js';

/**
 * What `docscrib note --json` writes: the note, its review and the analysis it came from.
 * A bare Note is accepted too.
 */
const NoteDocumentSchema = z.object({
  note: NoteSchema,
  review: z.array(z.unknown()).optional(),
  analysis: AnalysisSchema.optional(),
});

export interface NoteDocument {
  note: Note;
  analysis?: Analysis;
}

const NOTE_HINT =
  'Give the JSON written by `docscrib note --json` (e.g. `docscrib note session.txt --json --out notes/` writes notes/session.note.json).';

export function isJsonPath(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** Reads a JSON note (`<name>.note.json`, or the `--json` output of `docscrib note`). */
export async function readNoteFile(path: string): Promise<NoteDocument> {
  if (!isJsonPath(path)) {
    throw new DocscribError(
      'usage',
      `${path} is not a JSON note: review needs the structured note, with its evidence.`,
      NOTE_HINT,
      { file: path },
    );
  }
  return parseNoteDocument(await readTextFile(path, 'note'), path);
}

export function parseNoteDocument(text: string, file: string): NoteDocument {
  const what = { code: 'note.invalid' as const, name: 'The note file', hint: NOTE_HINT, file };
  const data = parseJsonText(text, z.unknown(), what);
  if (typeof data === 'object' && data !== null && 'note' in data) {
    const doc = parseJsonText(text, NoteDocumentSchema, what);
    return doc.analysis ? { note: doc.note, analysis: doc.analysis } : { note: doc.note };
  }
  return { note: parseJsonText(text, NoteSchema, what) };
}

/** Reads an analysis written by `docscrib analyze` (`--analysis a.json`). */
export function readAnalysisFile(path: string): Promise<Analysis> {
  return readJsonFile(path, AnalysisSchema, {
    code: 'input.parse',
    name: 'The analysis file',
    hint: 'Give the JSON written by `docscrib analyze` for the same session.',
    kind: 'analysis',
  });
}

/** Plain text of a note (for clone detection against later notes). */
export function noteText(note: Note): string {
  return renderSectionsText(note)
    .map((s) => `${s.heading}\n${s.text}`)
    .join('\n\n');
}
