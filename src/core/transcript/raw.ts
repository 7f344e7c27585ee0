import type { Role } from './schema.js';

/** A turn as read from the input, before ids and roles are assigned. */
export interface RawTurn {
  /** Speaker label as written (trimmed); null when the input gave none. */
  speaker: string | null;
  /** A role given by the input itself (JSON `role` field). */
  role?: Role;
  start: number | null;
  end: number | null;
  text: string;
  /** 1-based input line where the turn starts, when known. */
  line: number | undefined;
}

export interface TranscriptWarning {
  line?: number;
  message: string;
}

/** What a format reader returns: turns, warnings, and the units it could not read. */
export interface FormatResult {
  turns: RawTurn[];
  warnings: TranscriptWarning[];
  /** Lines (or first lines of blocks) that could not be read, in input order. */
  badLines: number[];
  /** How many units (lines, or cue blocks) there were, to tell "a few bad" from "mostly bad". */
  units: number;
  /** What a readable unit looks like, for error messages. */
  expected: string;
}

/** Split text into lines on \n, \r\n or \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

const MAX_WARNINGS_PER_KIND = 20;

/**
 * Collects warnings, keeping at most a few per kind so a file with thousands of odd lines does
 * not produce thousands of warnings; the rest are summarised in one warning per kind.
 */
export class WarningSink {
  readonly list: TranscriptWarning[] = [];
  private readonly counts = new Map<string, number>();

  add(kind: string, message: string, line?: number): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n <= MAX_WARNINGS_PER_KIND) {
      this.list.push(line === undefined ? { message } : { line, message });
    }
  }

  /** The warnings, with a summary line for every kind that went over the limit. */
  done(): TranscriptWarning[] {
    for (const [kind, n] of this.counts) {
      if (n > MAX_WARNINGS_PER_KIND) {
        this.list.push({ message: `${n - MAX_WARNINGS_PER_KIND} more warnings like "${kind}".` });
      }
    }
    return this.list;
  }
}
