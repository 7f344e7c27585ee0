import { clockMinutes, cptForMinutes, transcriptMinutes } from '../../analysis/session.js';
import { findingOf, type ReviewRule } from './types.js';

/** Time rules: start/stop times present, and the CPT psychotherapy code the minutes support. */

const BANDS: Readonly<Record<string, string>> = {
  '90832': '16–37 min',
  '90834': '38–52 min',
  '90837': '53+ min',
};

export const startStopTimes: ReviewRule = {
  id: 'start-stop-times',
  severity: 'error',
  title: 'Session start and stop times are documented',
  source:
    'CMS LCD L34616 Psychiatry and Psychology Services: time-based psychotherapy codes require the time spent in the medical record (start/stop times are the most common audit gap)',
  check({ note }) {
    const { startClock, endClock } = note.header;
    if (startClock !== undefined && endClock !== undefined) {
      const from = clockMinutes(startClock);
      const to = clockMinutes(endClock);
      if (from !== null && to !== null && to > from) return [];
      return [
        findingOf(
          startStopTimes,
          'Session stop time is not after the start time',
          'Correct the start and stop times of the session.',
        ),
      ];
    }
    const { start, end } = note.header;
    const missing = [start === null ? 'start' : '', end === null ? 'stop' : ''].filter(Boolean);
    if (missing.length > 0) {
      return [
        findingOf(
          startStopTimes,
          `Session ${missing.join(' and ')} time missing from the note header`,
          'Enter the face-to-face start and stop times (or use a timestamped transcript) so the billed time can be verified.',
        ),
      ];
    }
    if (start !== null && end !== null && end <= start) {
      return [
        findingOf(
          startStopTimes,
          'Session stop time is not after the start time',
          'Correct the start and stop times in the note header.',
        ),
      ];
    }
    return [];
  },
};

export const cptDuration: ReviewRule = {
  id: 'cpt-duration',
  severity: 'error',
  title: 'The CPT psychotherapy code matches the documented minutes',
  source:
    'AMA CPT 2024 psychotherapy time rules (90832 16–37 min, 90834 38–52 min, 90837 53+ min; under 16 min not reportable)',
  check({ note }) {
    const minutes = note.header.durationMinutes;
    if (minutes === null) return [];
    const supported = cptForMinutes(minutes);
    const billed = note.header.cpt;
    if (minutes < 16) {
      return [
        findingOf(
          cptDuration,
          `Session lasted ${minutes} min: under 16 minutes is not billable as psychotherapy (90832 needs 16–37 min)`,
          'Check the start and stop times; if correct, bill a non-psychotherapy service or none.',
          undefined,
          'warning',
        ),
      ];
    }
    if (billed !== null && supported !== null && billed !== supported) {
      return [
        findingOf(
          cptDuration,
          `Note header gives CPT ${billed} (${BANDS[billed] ?? 'unknown band'}) but ${minutes} min supports ${supported} (${BANDS[supported] ?? ''})`,
          `Use ${supported}, or correct the start and stop times if they are wrong.`,
        ),
      ];
    }
    if (billed === null && supported !== null) {
      return [
        findingOf(
          cptDuration,
          `No CPT code in the note header; ${minutes} min supports ${supported} (${BANDS[supported] ?? ''})`,
          `Record ${supported} if this was a psychotherapy session.`,
          undefined,
          'info',
        ),
      ];
    }
    return [];
  },
};

/** The transcript may run this much longer than the entered session before it is flagged. */
const LONGER_SLACK_MINUTES = 5;
/** A transcript this much shorter (and under half the session) is mentioned. */
const SHORTER_GAP_MINUTES = 15;

export const sessionTimesTranscript: ReviewRule = {
  id: 'session-times-transcript',
  severity: 'warning',
  title: 'The entered session times agree with the transcript',
  source:
    'AMA CPT 2024 psychotherapy time rules (the code reflects face-to-face time with the patient) and CMS LCD L34616 Psychiatry and Psychology Services (the record must support the time billed: start/stop times consistent with the rest of the record)',
  check({ note }) {
    const h = note.header;
    if (h.timeSource !== 'session' || h.durationMinutes === null) return [];
    const recorded = transcriptMinutes(h.start, h.end);
    if (recorded === null) return [];
    const entered = h.durationMinutes;
    if (recorded > entered + LONGER_SLACK_MINUTES) {
      return [
        findingOf(
          sessionTimesTranscript,
          `The transcript runs ${recorded} min but the session times give ${entered} min — check the times`,
          'Correct the start and stop times if they are wrong: a recording cannot be longer than the face-to-face session it records.',
        ),
      ];
    }
    if (recorded < entered - SHORTER_GAP_MINUTES && recorded * 2 < entered) {
      return [
        findingOf(
          sessionTimesTranscript,
          `The transcript covers ${recorded} min of a ${entered} min session: the draft documents only the recorded part`,
          'Check the start and stop times, and add what happened in the unrecorded part yourself.',
          undefined,
          'info',
        ),
      ];
    }
    return [];
  },
};
