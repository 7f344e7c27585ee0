/**
 * The practice-local dates of the outcomes picture: administrations are UTC instants, sessions
 * carry the practice's local date. At 23:30Z and 00:30Z around a session date, a Los Angeles
 * practice (behind UTC) and a Tokyo practice (ahead) see different local dates; each comparison
 * (outcome points up to a session, the session log, due-before-each-session) uses them. Also the
 * risk flags of the plateau prompt.
 */
import { describe, expect, it } from 'vitest';
import {
  SessionDetailsSchema,
  type MeasureAdministration,
  type MeasureSchedule,
  type Session,
} from '../domain/schemas.js';
import { administration } from '../store/test-helpers.js';
import {
  adaptPrompt,
  dueMeasures,
  outcomesOf,
  pointsOf,
  riskFlags,
  sessionLog,
  startOfDay,
} from './measure-outcomes.js';

const LA = 'America/Los_Angeles';
const TOKYO = 'Asia/Tokyo';

function phq9(id: string, at: string, answers: number[]): MeasureAdministration {
  return { id, createdAt: at, ...administration('c1', answers, at, { enteredBy: 'u1' }) };
}

const ones = [1, 1, 1, 1, 1, 1, 1, 1, 0];
// 2026-11-20T23:30Z: the 20th in LA, the 21st in Tokyo. 2026-11-21T00:30Z: the same.
const late = phq9('late', '2026-11-20T23:30:00.000Z', ones);
const early = phq9('early', '2026-11-21T00:30:00.000Z', [2, 2, 2, 2, 2, 2, 2, 2, 1]);

function session(id: string, date: string): Session {
  return {
    id,
    clientId: 'c1',
    clinicianId: 'u1',
    details: SessionDetailsSchema.parse({ date, consentToRecord: true }),
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

describe('pointsOf', () => {
  it('is the one conversion: valid totals, local dates, item alerts; up to a local date', () => {
    const invalid = phq9('inv', '2026-11-19T12:00:00.000Z', ones);
    invalid.score = { ...invalid.score, valid: false, total: 8 };
    const la = pointsOf([invalid, late, early], { timeZone: LA }).get('phq9');
    expect(la?.map((p) => [p.administrationId, p.date, p.total, p.itemAlerts])).toEqual([
      ['inv', '2026-11-19', null, undefined],
      ['late', '2026-11-20', 8, undefined],
      ['early', '2026-11-20', 17, ['phq9_9']],
    ]);
    const upTo = (date: string, timeZone: string) =>
      pointsOf([late, early], { upTo: date, timeZone })
        .get('phq9')
        ?.map((p) => p.administrationId) ?? [];
    // Session on the 20th: LA counts both (still the 20th there), Tokyo neither (the 21st).
    expect(upTo('2026-11-20', LA)).toEqual(['late', 'early']);
    expect(upTo('2026-11-20', TOKYO)).toEqual([]);
    expect(upTo('2026-11-21', TOKYO)).toEqual(['late', 'early']);
    expect(upTo('2026-11-19', LA)).toEqual([]);
    // The UTC date (the old rule) would have split them.
    expect(upTo('2026-11-20', 'UTC')).toEqual(['late']);
  });

  it('outcomesOf states the local dates and leaves out feedback forms', () => {
    const [o, ...more] = outcomesOf([late, early], { timeZone: TOKYO });
    expect(more).toEqual([]);
    expect(o?.latest?.date).toBe('2026-11-21');
    expect(o?.sincePrevious?.statement).toContain('on 2026-11-21');
  });
});

describe('sessionLog', () => {
  it('puts a measure without a session on the session of its local date', () => {
    const sessions = [session('s20', '2026-11-20'), session('s21', '2026-11-21')];
    const ids = (timeZone: string) =>
      sessionLog(sessions, [], [late, early], timeZone).map((e) => [
        e.date,
        e.measures.map((m) => m.administrationId),
      ]);
    expect(ids(LA)).toEqual([
      ['2026-11-20', ['late', 'early']],
      ['2026-11-21', []],
    ]);
    expect(ids(TOKYO)).toEqual([
      ['2026-11-20', []],
      ['2026-11-21', ['late', 'early']],
    ]);
  });
});

describe('dueMeasures (before each session)', () => {
  const schedule: MeasureSchedule = {
    id: 'sch',
    clientId: 'c1',
    instrument: 'phq9',
    cadence: { kind: 'every_session' },
    active: true,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
  const now = new Date('2026-11-22T12:00:00Z');
  const due = (last: string, session: string, timeZone: string) =>
    dueMeasures([schedule], new Map([['phq9', last]]), session, now, timeZone);

  it('a measure answered on the session day (local) is not due; the day before (local) is', () => {
    // 00:30Z on the 21st is the 20th in LA: answered on the day of a session on the 20th.
    expect(due(early.administeredAt, '2026-11-20', LA)).toEqual([]);
    // In Tokyo 23:30Z on the 20th is already the 21st: not due for a session on the 21st.
    expect(due(late.administeredAt, '2026-11-21', TOKYO)).toEqual([]);
    // In LA 23:30Z on the 20th is before a session on the 21st: due since that day starts there.
    const [d] = due(late.administeredAt, '2026-11-21', LA);
    expect(d?.dueSince).toBe('2026-11-21T08:00:00.000Z');
    expect(d?.reason).toBe('Before each session: no PHQ-9 since the session on 2026-11-21.');
    const [t] = due('2026-11-20T14:00:00.000Z', '2026-11-21', TOKYO);
    expect(t?.dueSince).toBe('2026-11-20T15:00:00.000Z');
  });

  it("states an interval measure's last date in the practice's zone", () => {
    const every7 = { ...schedule, cadence: { kind: 'interval' as const, days: 1 } };
    const [d] = dueMeasures([every7], new Map([['phq9', late.administeredAt]]), null, now, TOKYO);
    expect(d?.reason).toBe('Every 1 days: the last PHQ-9 was on 2026-11-21.');
  });

  it('startOfDay is the local midnight as a UTC instant', () => {
    expect(startOfDay('2026-07-01', LA)).toBe('2026-07-01T07:00:00.000Z');
    expect(startOfDay('2026-07-01', TOKYO)).toBe('2026-06-30T15:00:00.000Z');
  });
});

describe('riskFlags', () => {
  const none = { status: 'not_assessed' as const, detail: '' };
  const assessment = (confirmedAt: string | null, ideation: 'present' | 'absent') => ({
    status: confirmedAt === null ? ('draft' as const) : ('confirmed' as const),
    confirmedAt,
    ideation: { status: ideation, detail: '' },
    plan: none,
    intent: none,
  });

  it('a risk alert not yet followed by a confirmed assessment, or the latest confirmed assessment with ideation present', () => {
    const item9 = { kind: 'phq9_item9' as const, createdAt: '2026-11-05T00:00:00Z' };
    expect(riskFlags([], [])).toEqual([]);
    expect(riskFlags([item9], [])).toEqual(['active_suicidal_ideation']);
    expect(riskFlags([{ kind: 'session_risk', createdAt: '2026-11-05T00:00:00Z' }], [])).toEqual([
      'active_suicidal_ideation',
    ]);
    const older = assessment('2026-11-01T00:00:00Z', 'present');
    const newer = assessment('2026-11-10T00:00:00Z', 'absent');
    expect(riskFlags([], [older])).toEqual(['active_suicidal_ideation']);
    expect(riskFlags([], [newer, older])).toEqual([]);
    expect(riskFlags([], [assessment(null, 'present')])).toEqual([]);
    // The alert came after the last confirmed assessment (absent then): not assessed since → flag.
    expect(riskFlags([item9], [assessment('2026-11-01T00:00:00Z', 'absent')])).toEqual([
      'active_suicidal_ideation',
    ]);
    // A confirmed assessment after the alert decides (acknowledging it is not enough).
    expect(riskFlags([item9], [newer])).toEqual([]);
    expect(riskFlags([item9], [assessment(null, 'absent')])).toEqual(['active_suicidal_ideation']);
  });

  it('the plateau prompt passes them on: safety first, and no trauma processing or flooding', () => {
    const flat = outcomesOf(
      [0, 1, 2, 3].map((i) =>
        phq9(`p${i}`, `2026-10-0${i + 1}T09:00:00.000Z`, [2, 2, 2, 2, 2, 2, 2, 2, 0]),
      ),
      { timeZone: LA },
    );
    expect(flat[0]?.plateau?.detected).toBe(true);
    const tried = [
      'tfcbt.psychoeducation',
      'tfcbt.relaxation',
      'tfcbt.affect_modulation',
      'tfcbt.cognitive_coping',
    ];
    const plain = adaptPrompt(flat, ['trauma_ptsd'], tried);
    const safe = adaptPrompt(flat, ['trauma_ptsd'], tried, ['active_suicidal_ideation']);
    expect(plain?.alternatives.map((a) => a.interventionId)).toContain('tfcbt.trauma_narrative');
    expect(plain?.alternatives.some((a) => a.rationale.includes('Caution'))).toBe(false);
    const ids = safe?.alternatives.map((a) => a.interventionId) ?? [];
    // Safety first: the risk assessment and safety plan take the places trauma processing had.
    expect(ids).toEqual(
      expect.arrayContaining(['safety.risk_assessment', 'safety.safety_planning']),
    );
    expect(ids).not.toContain('exposure.flooding');
    // Cautioned (trauma processing) is left out of the prompt altogether, however much was tried.
    const everythingElse = adaptPrompt(
      flat,
      ['trauma_ptsd'],
      [...tried, ...ids, 'dbt.distress_tolerance', 'skills.grounding', 'skills.coping'],
      ['active_suicidal_ideation'],
    );
    for (const p of [safe, everythingElse]) {
      const got = p?.alternatives.map((a) => a.interventionId) ?? [];
      for (const id of [
        'exposure.imaginal',
        'tfcbt.trauma_narrative',
        'trauma.narrative_processing',
        'trauma.cognitive_processing',
        'trauma.emdr',
      ]) {
        expect(got).not.toContain(id);
      }
    }
  });
});
