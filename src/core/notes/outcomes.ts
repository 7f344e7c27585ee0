/**
 * Measurable progress from outcome measures: for each instrument with a latest valid score, one
 * sentence of kind `record` (from the client's record, not the transcript) stating the latest
 * score, its band and date, the change since baseline with its reliability / clinical
 * significance / recovery (the measures module's `outcomeStatement`), a detected
 * plateau, and the plan goal whose objective is measured with that instrument (the golden
 * thread). Nothing is stated for an instrument without a valid score; with no outcomes nothing is
 * added (the note then says what the transcript showed, as before). Pure.
 */
import { outcomeStatement } from '../measures/outcome.js';
import type { InstrumentOutcome } from '../measures/outcome-schema.js';
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
export function goalsForInstrument(
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

/**
 * The statement for one instrument's outcome, or null when it has no valid score: the measures
 * module's `outcomeStatement` (latest score, band and date; change since baseline with its
 * reliability, clinical significance and recovery), then a detected plateau and the plan goal.
 */
export function outcomeSentenceText(o: InstrumentOutcome, plan?: TreatmentPlan): string | null {
  const statement = outcomeStatement(o);
  if (statement === null) return null;
  const parts = [statement];
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
  const ids = [
    o.sinceBaseline?.from.administrationId ?? o.baseline?.administrationId,
    o.latest?.administrationId,
  ];
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

/** One `record` sentence per instrument with a valid latest score (topic `outcome_measures`). */
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
