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
    if (!st.isFile()) {
      throw new DocscribError(
        'usage',
        `Not a file: ${path}`,
        'Give a transcript file, not a directory.',
        { file: path },
      );
    }
    size = st.size;
  } catch (e) {
    if (isDocscribError(e)) throw e;
    throw fileError(path, e);
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
    throw fileError(path, e);
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

function fileError(path: string, e: unknown): DocscribError {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DocscribError(
      'usage',
      `File not found: ${path}`,
      'Check the path; quote paths that contain spaces.',
      { file: path },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new DocscribError(
      'usage',
      `Permission denied: ${path}`,
      'Check that you are allowed to read the file.',
      { file: path },
    );
  }
  if (code === 'EISDIR') {
    return new DocscribError(
      'usage',
      `Not a file: ${path}`,
      'Give a transcript file, not a directory.',
      { file: path },
    );
  }
  return new DocscribError(
    'usage',
    `Cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}.`,
    'Check the path and try again.',
    { file: path },
  );
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1);
}
