/**
 * A transcript → the draft note, the one path every session takes (typed transcript, live
 * recording, uploaded audio, a speaker relabel): parse → analyse (with the client's plan and
 * earlier notes) → write (with the client's outcome measures up to the session date, in the
 * practice's time zone) → review (with the client's consent records on file and the item alerts
 * of the latest measures), all from the pure core. Nothing is stored here:
 * the caller stores the result in its own transaction with its audit entries.
 *
 * Also the checks on session details every new session gets (consent to record first).
 */
import {
  analyze,
  parseTranscript,
  renderText,
  reviewNote,
  writeNote,
  type Analysis,
  type ConsentOnFile,
  type Finding,
  type InputFormat,
  type InstrumentOutcome,
  type Note,
  type NoteFormat,
  type Role,
  type Transcript,
} from '../../core/index.js';
import { speechOneVoiceWarning, withOneVoiceWarning } from '../../speech/messages.js';
import type { Client, SessionDetails } from '../domain/schemas.js';
import { validationFailed } from '../errors.js';
import type { Store } from '../store/port.js';
import { measureAlertsOf, type MeasureAlert } from '../../core/notes/outcomes.js';
import { EMPTY_PLAN, enginePlan } from './clients.js';
import { consentsForReview } from './consents.js';
import { outcomesUpTo } from './measure-outcomes.js';
import { readPracticeSettings } from './settings.js';

/** How many of the client's earlier notes the engine compares a new note with (clone check). */
export const PREVIOUS_NOTES = 5;

export interface DraftInput {
  client: Client;
  details: SessionDetails;
  /** The transcript text and its format (undefined: detected). */
  text: string;
  format?: InputFormat | undefined;
  noteFormat: NoteFormat;
  /** Role overrides by speaker label (a relabel). */
  roles?: Record<string, Role> | undefined;
  /** A note left out of the earlier notes (the draft being rewritten). */
  excludeNoteId?: string | undefined;
  /** Recognised from audio: the transcript's warnings are worded for a recording (see fromAudio). */
  fromAudio?: boolean | undefined;
}

export interface Draft {
  transcript: Transcript;
  analysis: Analysis;
  body: Note;
  review: Finding[];
}

/**
 * Parse, analyse, write and review. Throws the core's DocscribError for a transcript that cannot
 * be read (naming the line, never quoting it).
 */
export async function draftNote(
  store: Pick<Store, 'plans' | 'notes' | 'measures' | 'consents' | 'settings'>,
  input: DraftInput,
): Promise<Draft> {
  const { client, details } = input;
  const parsed = parseTranscript(input.text, {
    ...(input.format ? { format: input.format } : {}),
    ...(input.roles ? { roles: input.roles } : {}),
  });
  const transcript = input.fromAudio ? fromAudio(parsed) : parsed;
  const plan = enginePlan(client, (await store.plans.get(client.id)) ?? EMPTY_PLAN);
  const previousNotes = (await store.notes.listForClient(client.id))
    .filter((n) => n.id !== input.excludeNoteId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(-PREVIOUS_NOTES)
    .map((n) => renderText(n.body));
  const analysis = analyze(transcript, { plan, previousNotes });
  // The face-to-face times the clinician entered set the header's minutes and CPT code;
  // without both, the transcript's length does (checkDetails made sure they run forwards).
  const { startTime, endTime } = details;
  const { outcomes, ...records } = await reviewRecords(store, client.id, details.date);
  const body = writeNote(analysis, {
    format: input.noteFormat,
    plan,
    outcomes,
    ...(startTime !== null && endTime !== null
      ? { sessionTimes: { start: startTime, end: endTime } }
      : {}),
  });
  const review = reviewNote({ note: body, analysis, previousNotes, ...records });
  return { transcript, analysis, body, review };
}

/**
 * What the review knows from the client's record as of a session's date (practice-local): the
 * consent records on file (`consentsForReview`) and the item alerts of the latest administrations
 * up to that date (`measureAlertsOf`). Used when a draft is written and when it is re-reviewed.
 */
export async function reviewRecords(
  store: Pick<Store, 'measures' | 'consents' | 'settings'>,
  clientId: string,
  sessionDate: string,
): Promise<{
  outcomes: InstrumentOutcome[];
  consentsOnFile: ConsentOnFile[];
  measureAlerts: MeasureAlert[];
  sessionDate: string;
}> {
  const { timezone } = await readPracticeSettings(store);
  const [outcomes, consentsOnFile] = await Promise.all([
    outcomesUpTo(store, clientId, sessionDate, timezone),
    consentsForReview(store, clientId, sessionDate, timezone),
  ]);
  return { outcomes, consentsOnFile, measureAlerts: measureAlertsOf(outcomes), sessionDate };
}

/**
 * A transcript recognised from audio (a live recording or an upload) with its warnings worded for
 * the app: one voice heard is not fixed by "a transcript with speaker labels" but checked in the
 * Speakers panel.
 */
export function fromAudio(transcript: Transcript): Transcript {
  return withOneVoiceWarning(transcript, speechOneVoiceWarning('app'));
}

/**
 * What the schema cannot express: the client's consent to record is confirmed before a session
 * transcript (or audio) is stored (PRODUCT.md F1), a telehealth session names its platform, and a
 * session ends after it starts.
 */
export function checkDetails(d: SessionDetails): void {
  const issues: { path: string; message: string }[] = [];
  if (!d.consentToRecord) {
    issues.push({
      path: 'body.details.consentToRecord',
      message:
        "confirm the client's consent to record before storing a session transcript (set it to true once consent is given)",
    });
  }
  if (d.startTime !== null && d.endTime !== null && d.endTime <= d.startTime) {
    issues.push({
      path: 'body.details.endTime',
      message: 'the session must end after it starts (times are HH:MM, 24 h)',
    });
  }
  if (d.location === 'telehealth' && (d.telehealthPlatform ?? '') === '') {
    issues.push({
      path: 'body.details.telehealthPlatform',
      message: 'name the platform (e.g. "Doxy.me") when the location is telehealth',
    });
  }
  if (issues.length > 0) throw validationFailed(issues);
}
