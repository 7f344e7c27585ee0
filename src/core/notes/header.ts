import type { Note } from './schema.js';

/**
 * The note header's times as people read them, in one wording for every place that shows them
 * (the core's Markdown and text, the exports, the web editor). Pure and small: no knowledge base,
 * so the web app can import it.
 */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Seconds → "HH:MM:SS". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** The session's own clock times (`HH:MM`), for notes written before the header carried them. */
export interface SessionClock {
  readonly startTime: string | null;
  readonly endTime: string | null;
}

export interface NoteHeaderTimes {
  /** Start as shown: `10:02` (session) or `00:00:05` (transcript); null when not recorded. */
  start: string | null;
  /** Stop as shown, like `start`. */
  end: string | null;
  /** The minutes the note was written with (`header.durationMinutes`). */
  minutes: number | null;
  /** The CPT code the note was written with (`header.cpt`). */
  cpt: string | null;
  /** Where `start` and `end` come from; null when neither source has both. */
  source: 'session' | 'transcript' | null;
  /**
   * `10:02–10:55 (session times)`, `00:00:05–00:50:18 (transcript times)` or
   * `start/stop times not recorded`.
   */
  label: string;
  /**
   * `53 min`; `50 min (from the transcript)` when the minutes do not come from the entered
   * session times; null when unknown.
   */
  duration: string | null;
}

/**
 * The header's times: the face-to-face times the note was written with (`startClock`/`endClock`);
 * for a note written before the header carried them, the session's own clock times when given
 * (`session`); else the transcript's first and last turn times. The minutes and CPT code are
 * always the header's (what the note says, and what was signed).
 */
export function noteHeaderTimes(header: Note['header'], session?: SessionClock): NoteHeaderTimes {
  let start: string | null = null;
  let end: string | null = null;
  let source: NoteHeaderTimes['source'] = null;
  if (header.startClock !== undefined && header.endClock !== undefined) {
    [start, end, source] = [header.startClock, header.endClock, 'session'];
  } else if (session && session.startTime !== null && session.endTime !== null) {
    [start, end, source] = [session.startTime, session.endTime, 'session'];
  } else if (header.start !== null && header.end !== null) {
    [start, end, source] = [clock(header.start), clock(header.end), 'transcript'];
  }
  const label =
    source === null
      ? 'start/stop times not recorded'
      : `${start ?? ''}–${end ?? ''} (${source} times)`;
  const minutes = header.durationMinutes;
  const duration =
    minutes === null
      ? null
      : header.timeSource === 'session'
        ? `${minutes} min`
        : `${minutes} min (from the transcript)`;
  return { start, end, minutes, cpt: header.cpt, source, label, duration };
}
