/**
 * TEMPORARY fallback until src/adapters/transcript-file.ts (owned by the transcript work) lands
 * with the same signature; delete this file and import from there.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  DocscribError,
  isDocscribError,
  parseTranscript,
  type ParseOptions,
  type Transcript,
} from '../core/index.js';

export async function readTranscriptFile(
  path: string,
  opts: ParseOptions = {},
): Promise<{ transcript: Transcript; fileName: string }> {
  const fileName = basename(path);
  const bytes = await readFile(path);
  if (bytes.includes(0)) {
    throw new DocscribError(
      'input.binary',
      'The file is not text (it contains binary data).',
      'Give a text transcript: "Speaker: text" lines, WebVTT, SRT or JSON.',
      { file: path },
    );
  }
  try {
    return { transcript: parseTranscript(bytes.toString('utf8'), opts), fileName };
  } catch (e) {
    throw isDocscribError(e) ? e.inFile(path) : e;
  }
}
