/**
 * The treatment-plan form's model: the plan ↔ the form's draft (strings for what people type),
 * new ids for problems, goals and objectives, the clean-ups a removal needs (links to what is
 * gone), the API's issue paths as per-field errors, and "review due" (on the review date and after). Pure.
 */
import { ApiError, issueLabel } from '../../api';
import { splitList } from '../../format';
import type { ClientPlan, ClientPlanBody } from '../../api-care';
import type { InstrumentId } from '../../../../src/core/measures/schema.js';
import type { ObjectiveStatus } from '../../../../src/server/domain/care.js';

export type InstrumentChoice = '' | InstrumentId;
export type { ObjectiveStatus } from '../../../../src/server/domain/care.js';

/** The symptom measures an objective's target score can be on (at or below the target). */
export const TARGET_INSTRUMENTS: Readonly<Partial<Record<InstrumentId, string>>> = {
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  pcl5: 'PCL-5',
};

/** An instrument's short name (its id in capitals when it is not one of the targets). */
export function instrumentLabel(id: InstrumentId): string {
  return TARGET_INSTRUMENTS[id] ?? id.toUpperCase();
}

export const OBJECTIVE_STATUS_LABELS: Readonly<Record<ObjectiveStatus, string>> = {
  open: 'Open',
  met: 'Met',
  revised: 'Revised',
  discontinued: 'Discontinued',
};

export interface ProblemDraft {
  id: string;
  text: string;
  diagnosisCodes: string[];
}

export interface ObjectiveDraft {
  id: string;
  text: string;
  instrument: InstrumentChoice;
  /** As typed; '' = none. */
  targetScore: string;
  /** `YYYY-MM-DD` or ''. */
  targetDate: string;
  status: ObjectiveStatus;
}

export interface GoalDraft {
  id: string;
  text: string;
  /** Comma-separated. */
  keywords: string;
  /** '' = no problem linked. */
  problemId: string;
  objectives: ObjectiveDraft[];
}

export interface InterventionDraft {
  interventionId: string;
  rationale: string;
  expectedOutcomes: string;
  goalIds: string[];
  frequency: string;
}

export interface PlanDraft {
  problems: ProblemDraft[];
  goals: GoalDraft[];
  interventions: InterventionDraft[];
  conceptualization: string;
  frequency: string;
  duration: string;
  startDate: string;
  reviewDate: string;
}

export function draftFromPlan(plan: ClientPlan): PlanDraft {
  return {
    problems: plan.problems.map((p) => ({
      id: p.id,
      text: p.text,
      diagnosisCodes: [...p.diagnosisCodes],
    })),
    goals: plan.goals.map((g) => ({
      id: g.id,
      text: g.text,
      keywords: (g.keywords ?? []).join(', '),
      problemId: g.problemId ?? '',
      objectives: g.objectives.map((o) => ({
        id: o.id,
        text: o.text,
        instrument: o.instrument ?? '',
        targetScore: o.targetScore === null ? '' : String(o.targetScore),
        targetDate: o.targetDate ?? '',
        status: o.status,
      })),
    })),
    interventions: plan.plannedInterventions.map((i) => ({
      interventionId: i.interventionId,
      rationale: i.rationale,
      expectedOutcomes: i.expectedOutcomes,
      goalIds: [...i.goalIds],
      frequency: i.frequency,
    })),
    conceptualization: plan.conceptualization,
    frequency: plan.frequency,
    duration: plan.duration,
    startDate: plan.startDate ?? '',
    reviewDate: plan.reviewDate ?? '',
  };
}

/** A target score as typed → the number, null for none; undefined when it is not a whole number. */
export function parseScore(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,3}$/.test(t) ? Number(t) : undefined;
}

/** The body of `PUT /api/clients/:id/plan` (the server validates it; see `draftProblems`). */
export function bodyFromDraft(d: PlanDraft): ClientPlanBody {
  return {
    problems: d.problems.map((p) => ({
      id: p.id,
      text: p.text.trim(),
      diagnosisCodes: p.diagnosisCodes,
    })),
    goals: d.goals.map((g) => {
      const keywords = splitList(g.keywords);
      return {
        id: g.id,
        text: g.text.trim(),
        ...(keywords.length > 0 ? { keywords } : {}),
        problemId: g.problemId === '' ? null : g.problemId,
        objectives: g.objectives.map((o) => ({
          id: o.id,
          text: o.text.trim(),
          instrument: o.instrument === '' ? null : o.instrument,
          targetScore: parseScore(o.targetScore) ?? null,
          targetDate: o.targetDate === '' ? null : o.targetDate,
          status: o.status,
        })),
      };
    }),
    plannedInterventions: d.interventions.map((i) => ({
      interventionId: i.interventionId,
      rationale: i.rationale.trim(),
      expectedOutcomes: i.expectedOutcomes.trim(),
      goalIds: i.goalIds,
      frequency: i.frequency.trim(),
    })),
    conceptualization: d.conceptualization.trim(),
    frequency: d.frequency.trim(),
    duration: d.duration.trim(),
    startDate: d.startDate === '' ? null : d.startDate,
    reviewDate: d.reviewDate === '' ? null : d.reviewDate,
  };
}

/** Per-field problems the form finds before sending (keyed like `fieldErrors`). */
export function draftProblems(d: PlanDraft): Record<string, string> {
  const out: Record<string, string> = {};
  d.goals.forEach((g, n) => {
    g.objectives.forEach((o, k) => {
      if (parseScore(o.targetScore) === undefined) {
        out[`goals[${n}].objectives[${k}].targetScore`] = 'Enter a whole number (or leave empty).';
      }
      if (o.targetScore.trim() !== '' && o.instrument === '') {
        out[`goals[${n}].objectives[${k}].instrument`] = 'Choose the instrument the target is on.';
      }
    });
  });
  return out;
}

/** The first id `<prefix><n>` (n from 1) not in `taken`. */
export function nextId(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.includes(id)) return id;
  }
}

/** An objective id under its goal, e.g. `G1-O2`, unique in the plan. */
export function nextObjectiveId(goal: GoalDraft): string {
  return nextId(
    `${goal.id}-O`,
    goal.objectives.map((o) => o.id),
  );
}

/** The draft without problem `id`: goals that were linked to it are linked to none. */
export function removeProblem(d: PlanDraft, id: string): PlanDraft {
  return {
    ...d,
    problems: d.problems.filter((p) => p.id !== id),
    goals: d.goals.map((g) => (g.problemId === id ? { ...g, problemId: '' } : g)),
  };
}

/** The draft without goal `id`: interventions no longer say they serve it. */
export function removeGoal(d: PlanDraft, id: string): PlanDraft {
  return {
    ...d,
    goals: d.goals.filter((g) => g.id !== id),
    interventions: d.interventions.map((i) => ({
      ...i,
      goalIds: i.goalIds.filter((g) => g !== id),
    })),
  };
}

/** `list` with `value` added (at the end) or removed. */
export function toggle(list: readonly string[], value: string, on: boolean): string[] {
  const without = list.filter((x) => x !== value);
  return on ? [...without, value] : without;
}

/**
 * The API's validation issues as field errors keyed by path without `body.`
 * (`body.goals[0].objectives[1].targetDate` → `goals[0].objectives[1].targetDate`); dotted
 * indexes (`goals.0.text`) are read the same way, and an item of a list also names the list.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const issue of error.issues) {
    const key = normalisePath(issue.path);
    // `problems[0].diagnosisCodes[1]` is shown at the list's field, `problems[0].diagnosisCodes`.
    for (const k of [key, key.replace(/\[\d+\]$/, '')]) {
      if (k !== '' && out[k] === undefined) out[k] = issue.message;
    }
  }
  return out;
}

export function normalisePath(path: string): string {
  return path
    .replace(/^(body|plan)\.?/, '')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
    .replace(/^\./, '');
}

/**
 * True when the plan is due for review: ON its review date and after (the server's reminders use
 * the same rule, `reviewDate <= today` in the practice's time zone).
 */
export function reviewDue(reviewDate: string | null, today: string): boolean {
  return reviewDate !== null && reviewDate !== '' && reviewDate <= today;
}

/**
 * Today (`YYYY-MM-DD`) in the practice's time zone (an IANA name), as the server counts days;
 * the browser's own date when the zone is unknown or not one the browser knows.
 */
export function todayInZone(timeZone: string | null, now = new Date()): string {
  if (timeZone !== null && timeZone !== '') {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).formatToParts(now);
      const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
      return `${get('year')}-${get('month')}-${get('day')}`;
    } catch {
      // an unknown zone: fall through to the browser's date
    }
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const SIGN_LABELS: Readonly<Record<string, string>> = {
  'plan.problems': 'Problems',
  'plan.goals': 'Goals and objectives',
  'plan.plannedInterventions': 'Planned interventions',
  'plan.frequency': 'Session frequency',
  'plan.duration': 'Duration',
  'plan.reviewDate': 'Review date',
  'plan.startDate': 'Start date',
  'client.profile.diagnoses': 'Diagnoses (client profile)',
};

/**
 * What the server says is missing before it signs, one line each: the part (`plan.reviewDate` →
 * "Review date") and its message ("is not set").
 */
export function missingForSigning(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return error.issues.map((i) => {
    const label = SIGN_LABELS[i.path] ?? issueLabel(i.path);
    return label !== '' ? `${label}: ${i.message}` : i.message;
  });
}
