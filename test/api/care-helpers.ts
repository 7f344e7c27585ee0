/**
 * Request bodies for the care API tests (treatment plan, consent, safety), shared by the plan,
 * consent and safety tests, the authorization matrix and the bad-input tests.
 */
import { examplePlan } from './harness.js';

/**
 * A plan with every element payers check (for a client whose profile has diagnosis F41.1, as the
 * harness's `profile()`): a problem, goals with measurable objectives, planned interventions with
 * rationale and expected outcomes, frequency, duration, dates (review date a year ahead).
 */
/** A date a year from now (review and target dates must lie ahead for signing). */
export function nextYear(monthDay = '06-01'): string {
  return `${new Date().getUTCFullYear() + 1}-${monthDay}`;
}

export function signablePlan(): Record<string, unknown> {
  const [g1, g2, g3] = examplePlan().goals;
  return {
    problems: [
      { id: 'P1', text: 'Persistent worry disrupts work and sleep', diagnosisCodes: ['F41.1'] },
    ],
    goals: [
      {
        ...g1,
        problemId: 'P1',
        objectives: [
          {
            id: 'O1',
            text: 'GAD-7 below 10 by the 12-week review',
            instrument: 'gad7',
            targetScore: 9,
            targetDate: nextYear(),
          },
        ],
      },
      { ...g2, problemId: 'P1' },
      {
        ...g3,
        problemId: 'P1',
        objectives: [{ id: 'O1', text: 'Asleep within 30 minutes on 5 nights a week' }],
      },
    ],
    plannedInterventions: [
      {
        interventionId: 'cbt.cognitive_restructuring',
        rationale: 'Worry is maintained by catastrophic predictions about work.',
        expectedOutcomes: 'Fewer and shorter worry episodes; GAD-7 below 10.',
        goalIds: ['G1', 'G2'],
        frequency: 'weekly in session, daily thought records',
      },
      'skills.breathing',
    ],
    conceptualization: 'Generalized worry with avoidance of speaking up at work.',
    frequency: 'weekly 53-minute individual sessions',
    duration: '12 sessions over 3 months',
    startDate: '2026-03-01',
    reviewDate: nextYear(),
  };
}

/** A consent to recording, agreed. */
export function recordingConsent(date = '2026-03-01'): Record<string, unknown> {
  return {
    kind: 'recording',
    interventionId: null,
    discussed: { rationale: true, risksAndDistress: true, alternatives: true, rightToStop: true },
    decision: 'agreed',
    date,
    notes: '',
  };
}

/** A consent to an intervention of the catalogue. */
export function interventionConsent(
  interventionId = 'exposure.in_vivo',
  date = '2026-03-01',
  notes = '',
): Record<string, unknown> {
  return { ...recordingConsent(date), kind: 'intervention', interventionId, notes };
}

/** A safety plan with a little in every section. */
export function safetyPlanBody(mark = 'walks by the river'): Record<string, unknown> {
  return {
    warningSigns: ['Not sleeping for several nights'],
    copingStrategies: [`Long ${mark}`],
    distractions: [{ name: 'Community garden', contact: '' }],
    helpContacts: [{ name: 'Sister', contact: 'phone in contacts' }],
    professionals: [{ name: '988 Suicide & Crisis Lifeline', contact: 'call or text 988' }],
    environmentSafety: ['Medication kept by partner'],
    reasonsForLiving: ['My dog'],
  };
}
