/**
 * Reads a transcript file from disk: size check, decoding (UTF-8/UTF-16/Windows-1252, binary
 * refused), then the core parser. Errors are DocscribErrors located in the file.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DocscribError, isDocscribError } from '../core/errors.js';
import { decodeTranscript } from '../core/transcript/decode.js';
import { parseTranscript } from '../core/transcript/parse.js';
import type { ParseOptions, Transcript } from '../core/transcript/schema.js';
import { fileError, notAFileError } from './files.js';

/** Largest transcript file read: 50 MB (a 60-minute session is about 60 KB). */
export const MAX_TRANSCRIPT_BYTES = 50 * 1024 * 1024;

export interface ReadTranscriptOptions extends ParseOptions {
  /** Size limit in bytes (default {@link MAX_TRANSCRIPT_BYTES}). */
  maxBytes?: number;
}

export async function readTranscriptFile(
  path: string,
  opts: ReadTranscriptOptions = {},
): Promise<{ transcript: Transcript; fileName: string }> {
  const fileName = basename(path);
  const maxBytes = opts.maxBytes ?? MAX_TRANSCRIPT_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw notAFileError(path, 'transcript');
    size = st.size;
  } catch (e) {
    if (isDocscribError(e)) throw e;
    throw fileError(path, e, 'transcript');
  }
  if (size > maxBytes) {
    throw new DocscribError(
      'input.too_large',
      `The file is ${megabytes(size)} MB; the limit is ${megabytes(maxBytes)} MB.`,
      'Split the transcript into sessions, one file per session.',
      { file: path },
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fileError(path, e, 'transcript');
  }
  try {
    const decoded = decodeTranscript(bytes);
    const transcript = parseTranscript(decoded.text, {
      ...(opts.format ? { format: opts.format } : {}),
      ...(opts.roles ? { roles: opts.roles } : {}),
    });
    if (decoded.warnings.length > 0) {
      transcript.warnings = [...decoded.warnings, ...transcript.warnings];
    }
    return { transcript, fileName };
  } catch (e) {
    throw isDocscribError(e) ? e.inFile(path) : e;
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}
