/**
 * The checks on an edited progress-note body (PUT /api/notes/:id, services/notes.ts): the engine's
 * structure is kept, and every evidence item is one the engine drew from the session's transcript.
 */
import type { Analysis, Evidence, Note, NoteSentence } from '../../core/index.js';
import type { ProgressNote } from '../domain/schemas.js';
import { validationFailed, type ValidationIssue } from '../errors.js';

/** Longest text of one field of a note body (a sentence, a quote), in characters. */
export const MAX_NOTE_FIELD_CHARS = 20_000;

/** Every string of the body longer than MAX_NOTE_FIELD_CHARS, as issues. */
function longStrings(v: unknown, path: string, issues: ValidationIssue[]): void {
  if (typeof v === 'string') {
    if (v.length > MAX_NOTE_FIELD_CHARS) {
      issues.push({ path, message: `must be at most ${MAX_NOTE_FIELD_CHARS} characters` });
    }
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => {
      longStrings(x, `${path}[${i}]`, issues);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) longStrings(x, `${path}.${k}`, issues);
  }
}

/** One evidence item as a comparable key: utterance ids, quote and time, exactly. */
function evidenceKey(e: Evidence): string {
  return JSON.stringify([e.utteranceIds, e.quote, e.start]);
}

/**
 * Every evidence item in `v` (a note body or an analysis): objects with utterance ids, a quote
 * and a start (seconds, or null for a transcript without times).
 */
function collectEvidence(v: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(v)) {
    for (const x of v) collectEvidence(x, into);
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const ids = o['utteranceIds'];
    if (
      Array.isArray(ids) &&
      ids.every((id) => typeof id === 'string') &&
      typeof o['quote'] === 'string' &&
      (typeof o['start'] === 'number' || o['start'] === null)
    ) {
      into.add(evidenceKey({ utteranceIds: ids, quote: o['quote'], start: o['start'] }));
    }
    for (const x of Object.values(o)) collectEvidence(x, into);
  }
  return into;
}

/** The first header field that differs (a field left out counts as absent), or null. */
function headerChange(was: Note['header'], now: Note['header']): string | null {
  const keys = new Set([...Object.keys(was), ...Object.keys(now)]) as Set<keyof Note['header']>;
  for (const key of keys) if ((was[key] ?? null) !== (now[key] ?? null)) return key;
  return null;
}

/**
 * An edited body must keep the engine's structure and the evidence rule. Throws 400
 * `validation_failed` naming every problem by path (never quoting text).
 *
 * Evidence is shown to the clinician (and in exports) as the client's own words, so the server
 * accepts an evidence item only when it is identical — utterance ids, quote and time — to one the
 * engine drew from the transcript: in the stored draft (`note.body`, itself checked the same way
 * when it was saved) or in the session's analysis. An edited quote, time or id set is refused.
 */
export function checkBody(note: ProgressNote, body: Note, analysis: Analysis | undefined): void {
  const issues: ValidationIssue[] = [];
  const at = 'body.body';
  longStrings(body, at, issues);
  if (body.format !== note.format) {
    issues.push({
      path: `${at}.format`,
      message: `must stay "${note.format}" (the note's format)`,
    });
  }
  const header = headerChange(note.body.header, body.header);
  if (header !== null) {
    issues.push({
      path: `${at}.header`,
      message: `must stay as the note was written (${header} changed): the times, minutes and CPT code come from the session`,
    });
  }
  const want = note.body.sections.map((s) => s.id);
  const got = body.sections.map((s) => s.id);
  if (want.join('\n') !== got.join('\n')) {
    issues.push({
      path: `${at}.sections`,
      message: `must keep the note's sections in order (${want.join(', ')}); edit sentences, not sections`,
    });
  } else {
    body.sections.forEach((s, i) => {
      const heading = note.body.sections[i]?.heading;
      if (heading !== undefined && s.heading !== heading) {
        issues.push({ path: `${at}.sections[${i}].heading`, message: `must stay "${heading}"` });
      }
    });
  }
  // Without an analysis nothing can be checked against the transcript: refuse evidence.
  const known = new Set(analysis?.utterances.map((u) => u.id) ?? []);
  const grounded = analysis
    ? collectEvidence(analysis, collectEvidence(note.body, new Set()))
    : null;
  // Statements from the client's record (outcome measures) come from the engine: the clinician
  // may remove one but not add or change one (it would read as a score from the record).
  const recordKey = (s: NoteSentence): string =>
    JSON.stringify([s.text, s.source ?? null, s.evidence]);
  const records = new Set(
    note.body.sections.flatMap((x) =>
      x.sentences.filter((y) => y.kind === 'record').map(recordKey),
    ),
  );
  const sentence = (s: NoteSentence, path: string): void => {
    if (s.kind === 'record' && !records.has(recordKey(s))) {
      issues.push({
        path,
        message:
          'is a statement from the client\'s record (outcome measures) that the note did not have: keep it as written, remove it, or write your own entry with kind "clinician"',
      });
    }
    if (s.kind === 'finding' && s.evidence.length === 0) {
      issues.push({
        path: `${path}.evidence`,
        message:
          'a finding needs evidence from the transcript; keep its evidence, or make it your own entry with kind "clinician"',
      });
    }
    s.evidence.forEach((e, k) => {
      const unknown = e.utteranceIds.filter((id) => !known.has(id)).length;
      e.utteranceIds.forEach((id, m) => {
        if (!known.has(id)) {
          issues.push({
            path: `${path}.evidence[${k}].utteranceIds[${m}]`,
            message: "is not an utterance id of this session's transcript (e.g. u12)",
          });
        }
      });
      if (unknown === 0 && grounded && !grounded.has(evidenceKey(e))) {
        issues.push({
          path: `${path}.evidence[${k}]`,
          message:
            "is not evidence drawn from this session's transcript: keep the evidence item as the note gave it (quote, time and utterance ids unchanged), or remove it",
        });
      }
    });
  };
  body.sections.forEach((s, i) => {
    s.sentences.forEach((x, j) => {
      sentence(x, `${at}.sections[${i}].sentences[${j}]`);
    });
  });
  body.interventions.forEach((e, i) => {
    for (const part of ['intervention', 'response', 'progress', 'goalLink'] as const) {
      sentence(e[part], `${at}.interventions[${i}].${part}`);
    }
  });
  if (issues.length > 0) {
    throw validationFailed(issues, 'Fix the fields listed in `issues` and save again.');
  }
}
