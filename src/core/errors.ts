/**
 * Typed error outcomes of the core. Every error a user can cause carries a stable
 * code, a message that says what was wrong and where, and a hint that says what to do.
 * Messages never include clinical text (PHI): they name lines, fields and files, not content.
 */
export type ErrorCode =
  | 'input.empty'
  | 'input.binary'
  | 'input.encoding'
  | 'input.too_large'
  | 'input.format_unknown'
  | 'input.parse'
  | 'input.roles'
  | 'plan.invalid'
  | 'note.invalid'
  | 'usage'
  /** A stored ciphertext did not open: tampered, moved to another row, or another key. */
  | 'decrypt_failed'
  /** Audio that could not be decoded (corrupt, not audio, a format ffmpeg cannot read). */
  | 'audio.decode'
  /** A speech engine that cannot run here: its program, model file or server is missing. */
  | 'engine.unavailable'
  /** A model file that exists but is not a usable model (wrong format, truncated). */
  | 'engine.model'
  /** A speech engine that started but failed while transcribing (crashed, server error). */
  | 'engine.failed';

export interface ErrorLocation {
  /** 1-based line in the input, when the problem is on a line. */
  line?: number;
  /** A file name (never file content). */
  file?: string;
  /** A field path, e.g. `goals[2].id`. */
  field?: string;
}

export class DocscribError extends Error {
  override readonly name = 'DocscribError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint: string,
    readonly location: ErrorLocation = {},
  ) {
    super(message);
  }

  /** The same error, located in a file (used by adapters that read files). */
  inFile(file: string): DocscribError {
    return new DocscribError(this.code, this.message, this.hint, { ...this.location, file });
  }
}

export function isDocscribError(e: unknown): e is DocscribError {
  return e instanceof DocscribError;
}
