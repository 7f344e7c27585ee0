/**
 * Measurable progress from outcome measures: for each instrument with a latest valid score, one
 * sentence of kind `record` (from the client's record, not the transcript) stating the latest
 * score, its band and date, the change since baseline with its reliability / clinical
 * significance / recovery (the measures module's `outcomeStatement`), a detected
 * plateau, and the plan goal whose objective is measured with that instrument (the golden
 * thread). Nothing is stated for an instrument without a valid score; with no outcomes nothing is
 * added (the note then says what the transcript showed, as before). When the latest
 * administration up to the session raised an item alert (PHQ-9 item 9 above 0), the sentence
 * says so ("PHQ-9 item 9 was answered above 0 on <date>"; the answer itself is not stated), even
 * when that administration had no valid total. Pure.
 */
import { INSTRUMENTS } from '../measures/instruments.js';
import { outcomeStatement, pointDate } from '../measures/outcome.js';
import type { InstrumentOutcome } from '../measures/outcome-schema.js';
import type { InstrumentId } from '../measures/schema.js';
import type { PlanGoal, TreatmentPlan } from '../plan/schema.js';
import { quoted } from './labels.js';
import type { NoteSentence } from './schema.js';

function sentenceText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /[.!?…]["')\]]?$/.test(t) ? t : `${t}.`;
}

/** "PHQ-9" → a pattern matching "PHQ-9", "PHQ9", "phq 9" in lower-cased text. */
function namePattern(shortName: string): RegExp {
  const parts = shortName
    .toLowerCase()
    .split(/[-\s]+/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\b${parts.join('[- ]?')}\\b`);
}

interface GoalMatch {
  goal: PlanGoal;
  objective?: { id: string; text: string };
}

/** Plan goals whose objective (by its instrument, or naming it) or text is about the instrument. */
function goalsForInstrument(
  plan: TreatmentPlan | undefined,
  instrument: string,
  shortName: string,
): GoalMatch[] {
  const re = namePattern(shortName);
  const out: GoalMatch[] = [];
  for (const goal of plan?.goals ?? []) {
    const objective = (goal.objectives ?? []).find(
      (o) => o.instrument === instrument || re.test(o.text.toLowerCase()),
    );
    if (objective) out.push({ goal, objective: { id: objective.id, text: objective.text } });
    else if (re.test(goal.text.toLowerCase())) out.push({ goal });
  }
  return out;
}

/** An item alert of the latest administration up to the session (what the review follows up). */
export interface MeasureAlert {
  instrument: InstrumentId;
  itemId: string;
  /** "PHQ-9 item 9". */
  label: string;
  /** The local date of the administration (YYYY-MM-DD). */
  date: string;
  /** "PHQ-9 item 9 was answered above 0 on 2026-11-20". */
  text: string;
}

/** The item alerts of each instrument's latest administration (any, valid or not). */
export function measureAlertsOf(outcomes: readonly InstrumentOutcome[]): MeasureAlert[] {
  const out: MeasureAlert[] = [];
  for (const o of outcomes) {
    const latest = o.points.at(-1);
    if (latest === undefined) continue;
    const inst = INSTRUMENTS[o.instrument];
    for (const itemId of latest.itemAlerts ?? []) {
      const index = inst.items.findIndex((i) => i.id === itemId);
      const rule = inst.itemAlerts.find((a) => a.itemId === itemId);
      const label = `${inst.shortName} item ${index >= 0 ? index + 1 : itemId}`;
      const min = rule?.minValue ?? 1;
      const date = pointDate(latest);
      const answered = min === 1 ? 'above 0' : `at ${min} or above`;
      out.push({
        instrument: o.instrument,
        itemId,
        label,
        date,
        text: `${label} was answered ${answered} on ${date}`,
      });
    }
  }
  return out;
}

/**
 * The statement for one instrument's outcome, or null when it has no valid score: the measures
 * module's `outcomeStatement` (latest score, band and date; change since baseline with its
 * reliability, clinical significance and recovery), then a detected plateau and the plan goal.
 */
function outcomeSentenceText(o: InstrumentOutcome, plan?: TreatmentPlan): string | null {
  const statement = outcomeStatement(o);
  const alerts = measureAlertsOf([o]).map((a) => a.text);
  if (statement === null) return alerts.length > 0 ? alerts.map(sentenceText).join(' ') : null;
  const parts = [statement, ...alerts];
  if (o.plateau?.detected) parts.push(`Plateau: ${sentenceText(o.plateau.message)}`);
  const goals = goalsForInstrument(plan, o.instrument, o.shortName);
  if (goals.length > 0) {
    parts.push(
      `Treatment-plan ${goals
        .map(
          ({ goal, objective }) =>
            `goal ${goal.id} ${quoted(goal.text, 110) || ''}`.trim() +
            (objective
              ? `, objective ${objective.id} ${quoted(objective.text, 110) || ''}`.trim()
              : ''),
        )
        .join('; ')}`,
    );
  }
  return parts.map(sentenceText).join(' ');
}

/** The administrations a statement uses (baseline and latest), distinct, in order. */
function administrationIds(o: InstrumentOutcome): string[] {
  const alerted = o.points.at(-1);
  const ids = [
    o.sinceBaseline?.from.administrationId ?? o.baseline?.administrationId,
    o.latest?.administrationId,
    (alerted?.itemAlerts ?? []).length > 0 ? alerted?.administrationId : undefined,
  ];
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

/**
 * One `record` sentence per instrument with a valid latest score or an item alert on its latest
 * administration (topic `outcome_measures`).
 */
export function outcomeSentences(
  outcomes: readonly InstrumentOutcome[],
  plan?: TreatmentPlan,
): NoteSentence[] {
  const out: NoteSentence[] = [];
  for (const o of outcomes) {
    const text = outcomeSentenceText(o, plan);
    if (text === null) continue;
    out.push({
      text,
      kind: 'record',
      evidence: [],
      topic: 'outcome_measures',
      elements: ['assessments', 'overall_progress'],
      source: {
        kind: 'outcome_measures',
        instrument: o.instrument,
        administrationIds: administrationIds(o),
      },
    });
  }
  return out;
}
