/**
 * The public API of the outcome measures (PHQ-9, GAD-7, PCL-5, client feedback): instruments as
 * data, scoring, change statistics, outcome summaries over time. Re-exported by `core/index.ts`.
 * Two names would collide with other core modules and are exported renamed here:
 * `SourceSchema`/`Source` (knowledge) → `InstrumentSourceSchema`/`InstrumentSource`, and
 * `SeveritySchema`/`Severity` (review findings) → `BandSeveritySchema`/`BandSeverity`.
 */
export {
  AnswerOptionSchema,
  BandSchema,
  ChangeConstantsSchema,
  CutoffSchema,
  FeedbackInstrumentSchema,
  InstrumentIdSchema,
  InstrumentKindSchema,
  InstrumentSchema,
  ItemAlertRuleSchema,
  ItemSchema,
  LoincSchema,
  MissingRuleSchema,
  ProcessPromptRuleSchema,
  ReliabilitySchema,
  ScoreAlertSchema,
  ScorePromptSchema,
  ScoreResultSchema,
  SymptomInstrumentSchema,
  SeveritySchema as BandSeveritySchema,
  SourceSchema as InstrumentSourceSchema,
  type AnswerOption,
  type Band,
  type ChangeConstants,
  type Cutoff,
  type FeedbackInstrument,
  type Instrument,
  type InstrumentId,
  type InstrumentKind,
  type Item,
  type ItemAlertRule,
  type MissingRule,
  type ProcessPromptRule,
  type ScoreAlert,
  type ScorePrompt,
  type ScoreResult,
  type SymptomInstrument,
  type Severity as BandSeverity,
  type Source as InstrumentSource,
} from './schema.js';
export {
  INSTRUMENTS,
  INSTRUMENT_IDS,
  SYMPTOM_INSTRUMENT_IDS,
  type Instruments,
} from './instruments.js';
export {
  getInstrument,
  getSymptomInstrument,
  scoreInstrument,
  scoreWith,
  type Answers,
} from './score.js';
export * from './change.js';
export * from './instrument-change.js';
export * from './outcome-schema.js';
export * from './outcome.js';
export { dateIn } from '../time-zone.js';
