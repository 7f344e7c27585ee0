import { CLOCK_TIME } from '../notes/schema.js';
import type { Transcript } from '../transcript/schema.js';
import type { CptCode, Session } from './schema.js';

/**
 * Psychotherapy CPT code supported by face-to-face minutes (CPT time rule, as summarised by
 * CMS and the APA: 90832 16–37 min, 90834 38–52 min, 90837 53+ min). Under 16 minutes
 * supports no psychotherapy code.
 */
export function cptForMinutes(minutes: number | null): CptCode | null {
  if (minutes === null || minutes < 16) return null;
  if (minutes <= 37) return '90832';
  if (minutes <= 52) return '90834';
  return '90837';
}

/**
 * A transcript whose first turn comes within this many seconds is taken to be timed from the
 * start of the session (the usual case: recordings start when the session does), so the
 * duration runs from 0 to the last turn. A later first turn (clock times, an excerpt) is taken
 * as the start itself.
 */
const SESSION_ORIGIN_SLACK_SECONDS = 120;

/** Session start, end and duration from the turn times (null when the transcript has none). */
export function sessionTiming(transcript: Transcript): Session {
  let start: number | null = null;
  let end: number | null = null;
  for (const t of transcript.turns) {
    if (t.start !== null && (start === null || t.start < start)) start = t.start;
    const last = t.end ?? t.start;
    if (last !== null && (end === null || last > end)) end = last;
  }
  const durationMinutes = transcriptMinutes(start, end);
  return { start, end, durationMinutes, cpt: cptForMinutes(durationMinutes) };
}

/**
 * The minutes a transcript spans, from its first and last turn times in seconds (null when
 * untimed): from 0 when the first turn comes within the slack (the recording started with the
 * session), else from the first turn.
 */
export function transcriptMinutes(start: number | null, end: number | null): number | null {
  const origin = start !== null && start <= SESSION_ORIGIN_SLACK_SECONDS ? 0 : start;
  return origin !== null && end !== null ? Math.round((end - origin) / 60) : null;
}

/** Minutes since midnight of an `HH:MM` (24 h) clock time; null when it is not one. */
export function clockMinutes(hhmm: string): number | null {
  const m = CLOCK_TIME.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
