import { describe, expect, it } from 'vitest';
import {
  administerBody,
  administerProblems,
  answersInOrder,
  localNoonIso,
  unansweredItems,
} from './administer-model';
import { planWithIntervention } from './plan-append';
import {
  blankRow,
  bodyFromRows,
  cadenceText,
  rowsFromSchedules,
  scheduleProblems,
} from './schedules-model';
import { PHQ9 } from './test-fixtures';
import type { ClientPlan, MeasureSchedule } from '../../../../src/server/domain/schemas.js';

describe('administer form', () => {
  const chosen = { phq9_1: 2, phq9_2: 0, phq9_9: 1 };

  it('keeps unanswered items null (never filled in) and lists them', () => {
    const a = answersInOrder(PHQ9, chosen);
    expect(a).toHaveLength(9);
    expect(a[0]).toBe(2);
    expect(a[1]).toBe(0);
    expect(a[2]).toBeNull();
    expect(a[8]).toBe(1);
    expect(unansweredItems(PHQ9, chosen)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('sends no time for today (the server’s now), local noon for an earlier day', () => {
    const today = administerBody(PHQ9, chosen, '2026-03-02', '2026-03-02', '');
    expect(today).toEqual({
      instrument: 'phq9',
      answers: answersInOrder(PHQ9, chosen),
      sessionId: null,
    });
    const earlier = administerBody(PHQ9, chosen, '2026-02-27', '2026-03-02', 's1');
    expect(earlier.sessionId).toBe('s1');
    const at = new Date(earlier.administeredAt ?? '');
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours()]).toEqual([
      2026, 1, 27, 12,
    ]);
  });

  it('refuses a missing, impossible or future date', () => {
    expect(administerProblems('', '2026-03-02')).toHaveLength(1);
    expect(localNoonIso('2026-02-30')).toBeNull();
    expect(administerProblems('2026-02-30', '2026-03-02')).toEqual([
      'Date answered: enter a valid date.',
    ]);
    expect(administerProblems('2026-03-03', '2026-03-02')).toEqual([
      'Date answered: it cannot be in the future.',
    ]);
    expect(administerProblems('2026-03-02', '2026-03-02')).toEqual([]);
  });
});

describe('adding an alternative to the plan', () => {
  const plan = {
    problems: [],
    goals: [{ id: 'g1', text: 'Sleep', problemId: null, objectives: [] }],
    plannedInterventions: [
      {
        interventionId: 'cbt.cognitive_restructuring',
        rationale: 'r',
        expectedOutcomes: '',
        goalIds: [],
        frequency: '',
      },
    ],
    conceptualization: 'c',
    frequency: '',
    duration: '',
    startDate: null,
    reviewDate: '2026-04-01',
    signature: { signedBy: 'u', signerName: 'Dr A', signedAt: '2026-01-01T00:00:00Z' },
    updatedAt: '2026-01-01T00:00:00Z',
  } satisfies ClientPlan;

  it('appends {interventionId, rationale} and drops signature and updatedAt, keeping the rest', () => {
    const body = planWithIntervention(plan, {
      interventionId: 'act.defusion',
      rationale: 'Plateau on PHQ-9',
    });
    expect(body).not.toBeNull();
    expect(body).not.toHaveProperty('signature');
    expect(body).not.toHaveProperty('updatedAt');
    expect(body?.plannedInterventions).toEqual([
      plan.plannedInterventions[0],
      { interventionId: 'act.defusion', rationale: 'Plateau on PHQ-9' },
    ]);
    expect(body?.goals).toEqual(plan.goals);
    expect(body?.reviewDate).toBe('2026-04-01');
  });

  it('does nothing when the intervention is planned already', () => {
    expect(
      planWithIntervention(plan, { interventionId: 'cbt.cognitive_restructuring', rationale: '' }),
    ).toBeNull();
  });
});

describe('schedules editor', () => {
  const name = (id: string) => id.toUpperCase();

  it('round-trips schedules through the form rows', () => {
    const schedules = [
      { instrument: 'phq9', cadence: { kind: 'every_session' }, active: true },
      { instrument: 'gad7', cadence: { kind: 'interval', days: 28 }, active: false },
    ] as MeasureSchedule[];
    const rows = rowsFromSchedules(schedules);
    expect(rows[1]).toEqual({ instrument: 'gad7', cadence: 'interval', days: '28', active: false });
    expect(scheduleProblems(rows, name)).toEqual([]);
    expect(bodyFromRows(rows)).toEqual({ schedules });
  });

  it('checks the interval and repeats, naming the row', () => {
    const rows = [
      { ...blankRow('phq9'), cadence: 'interval' as const, days: '0' },
      { ...blankRow('gad7'), cadence: 'interval' as const, days: '2.5' },
      blankRow('phq9'),
    ];
    expect(scheduleProblems(rows, name)).toEqual([
      'Schedule 1 (PHQ9): give the interval as whole days from 1 to 180.',
      'Schedule 2 (GAD7): give the interval as whole days from 1 to 180.',
      'Schedule 3 (PHQ9): PHQ9 is scheduled twice; keep one schedule.',
    ]);
  });

  it('words cadences', () => {
    expect(cadenceText({ kind: 'every_session' })).toBe('Before every session');
    expect(cadenceText({ kind: 'interval', days: 1 })).toBe('Every 1 day');
    expect(cadenceText({ kind: 'interval', days: 14 })).toBe('Every 14 days');
  });
});
