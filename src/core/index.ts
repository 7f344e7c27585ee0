/**
 * The pure core of DocScrib: no I/O. Everything here is a function of its inputs, usable from
 * the CLI, the server and the browser alike.
 */
export * from './errors.js';
export * from './transcript/schema.js';
export { parseTranscript } from './transcript/parse.js';
export { detectFormat } from './transcript/detect.js';
export { decodeTranscript, decodeTranscriptBytes } from './transcript/decode.js';
export { jsonErrorPosition } from './transcript/json.js';
export { parseRoleOverrides } from './transcript/roles.js';
export * from './plan/schema.js';
export * from './analysis/schema.js';
export { analyze, type AnalyzeOptions } from './analysis/analyze.js';
export { cptForMinutes } from './analysis/session.js';
export * from './knowledge/schema.js';
export { INTERVENTIONS, getIntervention } from './knowledge/interventions.js';
export { CONCERNS, getConcern, interventionsForConcern } from './knowledge/concerns.js';
export * from './notes/schema.js';
export { writeNote, type SessionTimes, type WriteNoteOptions } from './notes/write.js';
export { plainSentence, renderMarkdown, renderSectionsText, renderText } from './notes/render.js';
export { noteHeaderTimes, type NoteHeaderTimes, type SessionClock } from './notes/header.js';
export * from './review/schema.js';
export {
  reviewNote,
  REVIEW_RULES,
  type ConsentOnFile,
  type ReviewInput,
  type ReviewRule,
} from './review/review.js';
// Outcome measures; their Source/Severity are exported as InstrumentSource/BandSeverity.
export * from './measures/index.js';
