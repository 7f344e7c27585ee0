import { describe, expect, it } from 'vitest';
import {
  changeFacts,
  chartSummary,
  dueByClient,
  dueText,
  scoreRows,
  signed,
  summaryRows,
} from './outcome-text';
import { change, outcome, SESSION_LOG } from './test-fixtures';
import { namesFrom } from './instrument-names';
import { INSTRUMENTS } from '../../../../src/core/measures/instruments.js';
import type { MeasureAdministration } from '../../../../src/server/domain/schemas.js';

const day = (iso: string) => iso.slice(0, 10);
/** Names from the core's instruments data, as GET /api/instruments gives them. */
const NAMES = namesFrom(Object.values(INSTRUMENTS));
const fact = (facts: { term: string; detail: string }[], term: string) =>
  facts.find((f) => f.term === term)?.detail;

describe('change in words', () => {
  it('signed uses a real minus sign and no sign for zero', () => {
    expect(signed(-9)).toBe('−9');
    expect(signed(3)).toBe('+3');
    expect(signed(0)).toBe('0');
    expect(signed(-2.345)).toBe('−2.35');
  });

  it('states baseline → latest with bands, the difference and the fixed-points criterion', () => {
    const f = changeFacts(change(), 10, day);
    expect(fact(f, 'Scores')).toBe('18 (Moderately severe) on 2026-01-05 → 8 (Mild) on 2026-03-02');
    expect(fact(f, 'Difference')).toBe('−10 points (fewer symptoms)');
    expect(fact(f, 'Reliable change criterion')).toBe(
      'A fixed threshold: a change of at least 6 points counts as reliable',
    );
    expect(fact(f, 'Reliable change')).toBe('Reliable improvement');
    expect(fact(f, 'Clinically significant improvement')).toMatch(/^Yes/);
    expect(fact(f, 'Recovery')).toBe(
      'Yes: at or above the cut-off (10) before, below it now; reliable recovery (with reliable improvement)',
    );
  });

  it('reports the RCI alongside when fixed points decide', () => {
    const f = changeFacts(change({ rci: -2.61 }), 10, day);
    expect(fact(f, 'Reliable change criterion')).toBe(
      'A fixed threshold: a change of at least 6 points counts as reliable; Jacobson–Truax reliable change index −2.61 reported alongside (reliable by that rule beyond ±1.96)',
    );
  });

  it('names the RCI under Jacobson–Truax; says recovery is not applicable below the cut-off', () => {
    const f = changeFacts(
      change({
        method: 'jacobson-truax',
        rci: 2.41,
        reliableChangeThreshold: 5.2,
        difference: 1,
        category: 'no_reliable_change',
        clinicallySignificantImprovement: false,
        recovery: null,
        reliableRecovery: null,
      }),
      10,
      day,
    );
    expect(fact(f, 'Reliable change criterion')).toBe(
      'Jacobson–Truax reliable change index +2.41 (reliable beyond |RCI| 1.96, a change of more than 5.2 points)',
    );
    expect(fact(f, 'Difference')).toBe('+1 point (more symptoms)');
    expect(fact(f, 'Recovery')).toBe('Not applicable: the first score was below the cut-off (10)');
    expect(fact(f, 'Clinically significant improvement')).toMatch(/^No/);
    expect(fact(changeFacts(change({ recovery: false }), 10, day), 'Recovery')).toBe(
      'No: still at or above the cut-off (10)',
    );
  });
});

describe('chart summary and table', () => {
  it('summarises the chart for screen readers', () => {
    expect(chartSummary(outcome(), 2, day)).toBe(
      'PHQ-9 score chart: 4 administrations from 2026-01-05 to 2026-03-02; baseline 18 (Moderately severe); latest 8 (Mild); reliable improvement since baseline; cut-off 10; 1 not scored (too many missing answers); interventions of 2 sessions marked on the time axis.',
    );
    expect(
      chartSummary(
        outcome({ points: [], baseline: null, latest: null, sinceBaseline: null }),
        0,
        day,
      ),
    ).toBe('PHQ-9: no administrations yet; cut-off 10.');
  });

  it('gives each administration its band, the reason when not scored, and its session’s interventions', () => {
    const admin = (id: string, sessionId: string | null, reason?: string, alerts = 0) =>
      ({
        id,
        sessionId,
        score: {
          band: null,
          reason,
          alerts: Array.from({ length: alerts }, () => ({
            itemId: 'phq9_9',
            value: 1,
            message: 'm',
          })),
        },
      }) as unknown as MeasureAdministration;
    const rows = scoreRows(
      outcome(),
      [admin('a2', 's2', '1 of 9 items unanswered'), admin('a4', 's1', undefined, 1)],
      SESSION_LOG,
    );
    expect(rows.map((r) => [r.total, r.band, r.interventions.length])).toEqual([
      [18, 'Moderately severe', 2],
      [null, 'Not scored', 1],
      [12, 'Moderate', 1],
      [8, 'Mild', 2],
    ]);
    expect(rows[1]?.reason).toBe('1 of 9 items unanswered');
    expect(rows[3]?.alert).toBe(true);
    expect(rows[0]?.alert).toBe(false);
  });
});

describe('client page summary and due markers', () => {
  it('lists latest score, band and change per instrument, due ones marked, due-only ones added', () => {
    const due = [
      { clientId: 'c', scheduleId: 'x', instrument: 'phq9' as const, dueSince: null, reason: '' },
      { clientId: 'c', scheduleId: 'y', instrument: 'gad7' as const, dueSince: null, reason: '' },
    ];
    expect(summaryRows({ outcomes: [outcome()], due }, NAMES)).toEqual([
      {
        instrument: 'phq9',
        shortName: 'PHQ-9',
        latest: 8,
        band: 'Mild',
        change: 'Reliable improvement',
        due: true,
      },
      {
        instrument: 'gad7',
        shortName: 'GAD-7',
        latest: null,
        band: 'Not administered yet',
        change: '',
        due: true,
      },
    ]);
  });

  it('groups due measures per client without repeats and words them', () => {
    const d = (clientId: string, instrument: 'phq9' | 'gad7' | 'pcl5') => ({
      clientId,
      scheduleId: 's',
      instrument,
      dueSince: null,
      reason: '',
    });
    const m = dueByClient([d('a', 'phq9'), d('b', 'gad7'), d('a', 'phq9'), d('a', 'pcl5')]);
    expect(m.get('a')).toEqual(['phq9', 'pcl5']);
    expect(m.get('b')).toEqual(['gad7']);
    expect(dueText(['phq9'], NAMES)).toBe('PHQ-9 due');
    expect(dueText(['phq9', 'gad7', 'pcl5'], NAMES)).toBe('PHQ-9, GAD-7 and PCL-5 due');
    expect(dueText([], NAMES)).toBe('');
    // The names come from the instruments data: before it is loaded, the ids.
    expect(dueText(['phq9', 'feedback'], namesFrom(undefined))).toBe('phq9 and feedback due');
    expect(namesFrom(Object.values(INSTRUMENTS))('feedback')).toBe(INSTRUMENTS.feedback.shortName);
  });
});
