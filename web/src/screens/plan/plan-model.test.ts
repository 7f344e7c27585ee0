import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { ClientPlanSchema } from '../../../../src/server/domain/schemas.js';
import {
  bodyFromDraft,
  draftFromPlan,
  draftProblems,
  fieldErrors,
  missingForSigning,
  nextId,
  nextObjectiveId,
  normalisePath,
  parseScore,
  removeGoal,
  removeProblem,
  reviewDue,
  todayInZone,
  toggle,
} from './plan-model';

const PLAN = ClientPlanSchema.parse({
  problems: [{ id: 'P1', text: 'Avoids driving since the crash', diagnosisCodes: ['F43.10'] }],
  goals: [
    {
      id: 'G1',
      text: 'Drive to work again',
      keywords: ['driving', 'car'],
      problemId: 'P1',
      objectives: [
        {
          id: 'G1-O1',
          text: 'PCL-5 below 33',
          instrument: 'pcl5',
          targetScore: 32,
          targetDate: '2027-03-01',
        },
      ],
    },
    { id: 'G2', text: 'Sleep through the night' },
  ],
  plannedInterventions: [
    'exposure.in_vivo',
    { interventionId: 'tfcbt.trauma_narrative', goalIds: ['G1', 'G2'], rationale: 'Fits' },
  ],
  conceptualization: 'Avoidance keeps the fear going.',
  reviewDate: '2026-06-01',
});

describe('plan ↔ draft', () => {
  it('round-trips a plan through the form unchanged (what the server would store)', () => {
    const body = bodyFromDraft(draftFromPlan(PLAN));
    expect(ClientPlanSchema.parse(body)).toEqual({ ...PLAN, signature: null });
  });

  it('turns what people type into the API’s values: empty → null, numbers, trimmed lists', () => {
    const d = draftFromPlan(PLAN);
    const g = d.goals[0];
    const o = g?.objectives[0];
    if (!g || !o) throw new Error('fixture');
    o.targetScore = ' 10 ';
    o.targetDate = '';
    o.instrument = '';
    g.keywords = ' car, , bus ,car';
    g.problemId = '';
    d.startDate = '';
    d.conceptualization = '  spaced  ';
    const body = bodyFromDraft(d);
    const goal = body.goals?.[0];
    expect(goal?.keywords).toEqual(['car', 'bus']);
    expect(goal?.problemId).toBeNull();
    expect(goal?.objectives?.[0]).toMatchObject({
      targetScore: 10,
      targetDate: null,
      instrument: null,
    });
    expect(body.startDate).toBeNull();
    expect(body.conceptualization).toBe('spaced');
    // A goal without keywords sends none (not an empty list).
    expect(body.goals?.[1]).not.toHaveProperty('keywords');
  });

  it('reads scores: whole numbers only', () => {
    expect(parseScore('')).toBeNull();
    expect(parseScore(' 7 ')).toBe(7);
    expect(parseScore('7.5')).toBeUndefined();
    expect(parseScore('-1')).toBeUndefined();
    expect(parseScore('ten')).toBeUndefined();
  });

  it('finds a bad target score and a score without its instrument before sending', () => {
    const d = draftFromPlan(PLAN);
    const o = d.goals[0]?.objectives[0];
    if (!o) throw new Error('fixture');
    o.targetScore = 'low';
    expect(draftProblems(d)).toHaveProperty(['goals[0].objectives[0].targetScore']);
    o.targetScore = '9';
    o.instrument = '';
    expect(Object.keys(draftProblems(d))).toEqual(['goals[0].objectives[0].instrument']);
    o.instrument = 'phq9';
    expect(draftProblems(d)).toEqual({});
  });
});

describe('ids and removals', () => {
  it('gives the first free id', () => {
    expect(nextId('G', [])).toBe('G1');
    expect(nextId('G', ['G1', 'G3'])).toBe('G2');
    const goal = draftFromPlan(PLAN).goals[0];
    if (!goal) throw new Error('fixture');
    expect(nextObjectiveId(goal)).toBe('G1-O2');
  });

  it('removing a problem unlinks its goals; removing a goal unlinks its interventions', () => {
    const d = draftFromPlan(PLAN);
    const noProblem = removeProblem(d, 'P1');
    expect(noProblem.problems).toEqual([]);
    expect(noProblem.goals[0]?.problemId).toBe('');
    const noGoal = removeGoal(d, 'G1');
    expect(noGoal.goals.map((g) => g.id)).toEqual(['G2']);
    expect(noGoal.interventions[1]?.goalIds).toEqual(['G2']);
  });

  it('toggles a value in a list', () => {
    expect(toggle(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggle(['a'], 'a', true)).toEqual(['a']);
  });
});

describe('server answers', () => {
  it('maps issue paths to the form’s field keys', () => {
    expect(normalisePath('body.goals[0].objectives[1].targetDate')).toBe(
      'goals[0].objectives[1].targetDate',
    );
    expect(normalisePath('body.plannedInterventions.2.interventionId')).toBe(
      'plannedInterventions[2].interventionId',
    );
    expect(normalisePath('body.reviewDate')).toBe('reviewDate');
    const e = new ApiError(400, 'validation_failed', 'bad', undefined, [
      { path: 'body.goals[0].problemId', message: 'no such problem' },
      { path: 'body.goals[0].problemId', message: 'second message ignored' },
      { path: 'body', message: 'whole body' },
      { path: 'body.problems[0].diagnosisCodes[1]', message: 'is not on the profile' },
    ]);
    expect(fieldErrors(e)).toEqual({
      'goals[0].problemId': 'no such problem',
      'problems[0].diagnosisCodes[1]': 'is not on the profile',
      'problems[0].diagnosisCodes': 'is not on the profile',
    });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('lists what is missing for signing from a 400 refusal only', () => {
    const refusal = new ApiError(400, 'validation_failed', 'cannot sign', undefined, [
      { path: 'plan.reviewDate', message: 'is not set' },
      { path: 'client.profile.diagnoses', message: 'is empty' },
      { path: 'plan.goals[0].objectives[0].targetScore', message: 'is out of range' },
    ]);
    expect(missingForSigning(refusal)).toEqual([
      'Review date: is not set',
      'Diagnoses (client profile): is empty',
      'Target score: is out of range',
    ]);
    expect(missingForSigning(new ApiError(403, 'forbidden', 'no'))).toEqual([]);
  });

  it('says a review is due on its date and after', () => {
    expect(reviewDue('2026-01-10', '2026-01-11')).toBe(true);
    // Due ON the review date, as the server's reminders say.
    expect(reviewDue('2026-01-10', '2026-01-10')).toBe(true);
    expect(reviewDue('2026-01-10', '2026-01-09')).toBe(false);
    expect(reviewDue(null, '2026-01-10')).toBe(false);
    expect(reviewDue('', '2026-01-10')).toBe(false);
  });

  it("counts today in the practice's time zone", () => {
    const now = new Date('2026-01-10T03:00:00Z'); // still the 9th in New York
    expect(todayInZone('America/New_York', now)).toBe('2026-01-09');
    expect(todayInZone('Asia/Tokyo', now)).toBe('2026-01-10');
    expect(todayInZone('UTC', now)).toBe('2026-01-10');
  });
});
