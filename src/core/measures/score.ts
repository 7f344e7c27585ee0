/**
 * Scores one administration of an outcome measure: total, band, caseness, item alerts, and the
 * instrument's missing-answer rule. Pure. Wrong input (unknown instrument, wrong number of
 * answers, unknown item ids, values outside the answer scale) is a `DocscribError` whose message
 * names the instrument and item, never the value given. Item alerts (PHQ-9 item 9) and feedback
 * process prompts are raised from the answered items even when the total is invalid. Feedback
 * forms have no band and no caseness (both null with a valid total).
 */
import { DocscribError } from '../errors.js';
import { INSTRUMENTS } from './instruments.js';
import {
  InstrumentIdSchema,
  type Instrument,
  type ScoreAlert,
  type ScorePrompt,
  type ScoreResult,
  type SymptomInstrument,
} from './schema.js';

/** Answers in item order (null = unanswered), or keyed by item id (absent = unanswered). */
export type Answers = readonly (number | null)[] | Readonly<Record<string, number | null>>;

function bad(message: string, hint: string, field: string): DocscribError {
  return new DocscribError('input.parse', message, hint, { field });
}

/** The instrument with this public id, or a DocscribError listing the known ids. */
export function getInstrument(id: string): Instrument {
  const parsed = InstrumentIdSchema.safeParse(id);
  if (!parsed.success) {
    throw bad(
      'Unknown instrument id.',
      `Use one of: ${InstrumentIdSchema.options.join(', ')}.`,
      'instrument',
    );
  }
  return INSTRUMENTS[parsed.data];
}

/**
 * The symptom measure with this public id (PHQ-9, GAD-7, PCL-5), or a DocscribError: unknown id,
 * or a feedback form (which has no bands, cut-off or change statistics).
 */
export function getSymptomInstrument(id: string): SymptomInstrument {
  const inst = getInstrument(id);
  if (inst.kind === 'symptom') return inst;
  const symptom = InstrumentIdSchema.options.filter((i) => INSTRUMENTS[i].kind === 'symptom');
  throw bad(
    `${inst.shortName} (${inst.id}) is a client feedback form, not a symptom measure: it has no bands, cut-off or change statistics.`,
    `Change statistics are computed for: ${symptom.join(', ')}.`,
    'instrument',
  );
}

/** Answers in item order, validated against the instrument's items and answer scale. */
function normalize(inst: Instrument, answers: Answers): (number | null)[] {
  const n = inst.items.length;
  const raw: unknown = answers;
  let ordered: unknown[];
  if (Array.isArray(raw)) {
    if (raw.length !== n) {
      throw bad(
        `${inst.shortName} needs ${n} answers; ${raw.length} were given.`,
        `Give one answer per item in order (null for an unanswered item).`,
        'answers',
      );
    }
    ordered = [...(raw as readonly unknown[])];
  } else if (typeof raw === 'object' && raw !== null) {
    const known = new Set(inst.items.map((i) => i.id));
    const unknown = Object.keys(raw).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw bad(
        `${inst.shortName} answers include ${unknown.length} unknown item id(s).`,
        `Key answers by item id: ${inst.items[0]?.id ?? ''} … ${inst.items[n - 1]?.id ?? ''}.`,
        'answers',
      );
    }
    const record = raw as Readonly<Record<string, unknown>>;
    ordered = inst.items.map((item) => (Object.hasOwn(record, item.id) ? record[item.id] : null));
  } else {
    throw bad(
      `${inst.shortName} answers must be a list or an object keyed by item id.`,
      'Pass an array of numbers (null for unanswered) or { itemId: number }.',
      'answers',
    );
  }
  const allowed = inst.answerOptions.map((o) => o.value);
  return ordered.map((value, i) => {
    const item = inst.items[i];
    const itemId = item?.id ?? String(i + 1);
    if (value === null || value === undefined) return null;
    if (typeof value !== 'number' || !allowed.includes(value)) {
      throw bad(
        `${inst.shortName} item ${i + 1} (${itemId}) has an answer outside the scale.`,
        `Answers for ${inst.shortName} are whole numbers ${allowed.join(', ')}, or null when unanswered.`,
        `answers.${itemId}`,
      );
    }
    return value;
  });
}

/** Score answers against an instrument given as data (used for tests and future instruments). */
export function scoreWith(inst: Instrument, answers: Answers): ScoreResult {
  const values = normalize(inst, answers);
  const answered = values.filter((v): v is number => v !== null);
  const missing = values.length - answered.length;

  const alerts: ScoreAlert[] = [];
  for (const rule of inst.itemAlerts) {
    const index = inst.items.findIndex((i) => i.id === rule.itemId);
    const value = values[index];
    if (value !== undefined && value !== null && value >= rule.minValue) {
      alerts.push({ itemId: rule.itemId, value, message: rule.message });
    }
  }

  const prompts: ScorePrompt[] = [];
  if (inst.kind === 'feedback') {
    const low = inst.items
      .filter((_, i) => {
        const v = values[i];
        return v !== undefined && v !== null && v <= inst.processPrompt.maxValue;
      })
      .map((item) => item.id);
    if (low.length > 0)
      prompts.push({ kind: 'discuss_feedback', itemIds: low, message: inst.processPrompt.message });
  }

  const sum = answered.reduce((a, b) => a + b, 0);
  const base = { instrument: inst.id, alerts, prompts, answered: answered.length, missing };
  let total: number;
  let prorated = false;
  if (missing === 0) {
    total = sum;
  } else if (inst.missingRule.kind === 'prorate' && missing <= inst.missingRule.maxMissing) {
    total = Math.round((sum * values.length) / answered.length);
    prorated = true;
  } else {
    const rule =
      inst.missingRule.kind === 'prorate'
        ? `it is scored only when at most ${inst.missingRule.maxMissing} item(s) are unanswered`
        : 'it is not scored when any item is unanswered';
    return {
      ...base,
      total: null,
      band: null,
      caseness: null,
      prorated: false,
      valid: false,
      reason: `${missing} of ${values.length} ${inst.shortName} items unanswered; ${rule}.`,
    };
  }
  const band = inst.bands.find((b) => total >= b.min && total <= b.max) ?? null;
  const caseness = inst.cutoff === null ? null : total >= inst.cutoff.score;
  return { ...base, total, band, caseness, prorated, valid: true };
}

/** Score one administration of a built-in instrument by its public id. */
export function scoreInstrument(id: string, answers: Answers): ScoreResult {
  return scoreWith(getInstrument(id), answers);
}
