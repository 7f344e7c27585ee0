/** Test data for the Outcomes screen's pure modules (test-only). */
import { INSTRUMENTS } from '../../../../src/core/measures/instruments.js';
import type {
  ChangeSummary,
  InstrumentOutcome,
} from '../../../../src/core/measures/outcome-schema.js';
import type { SessionLogEntry } from '../../../../src/server/domain/schemas.js';

export const PHQ9 = INSTRUMENTS.phq9;
const band = (total: number) => {
  const b = PHQ9.bands.find((x) => total >= x.min && total <= x.max);
  if (!b) throw new Error(`no band for ${total}`);
  return b;
};

export function change(over: Partial<ChangeSummary> = {}): ChangeSummary {
  return {
    from: { at: '2026-01-05T10:00:00Z', total: 18, band: band(18), administrationId: 'a1' },
    to: { at: '2026-03-02T10:00:00Z', total: 8, band: band(8), administrationId: 'a4' },
    difference: -10,
    rci: null,
    reliableChangeThreshold: 6,
    method: 'fixed-points',
    category: 'reliable_improvement',
    clinicallySignificantImprovement: true,
    recovery: true,
    reliableRecovery: true,
    statement: 'PHQ-9 fell from 18 to 8.',
    ...over,
  };
}

export function outcome(over: Partial<InstrumentOutcome> = {}): InstrumentOutcome {
  return {
    instrument: 'phq9',
    shortName: 'PHQ-9',
    points: [
      { at: '2026-01-05T10:00:00Z', total: 18, administrationId: 'a1' },
      { at: '2026-01-19T10:00:00Z', total: null, administrationId: 'a2' },
      { at: '2026-02-02T10:00:00Z', total: 12, administrationId: 'a3' },
      { at: '2026-03-02T10:00:00Z', total: 8, administrationId: 'a4' },
    ],
    baseline: { at: '2026-01-05T10:00:00Z', total: 18, band: band(18), administrationId: 'a1' },
    latest: { at: '2026-03-02T10:00:00Z', total: 8, band: band(8), administrationId: 'a4' },
    sinceBaseline: change(),
    sincePrevious: null,
    plateau: null,
    bands: PHQ9.bands,
    cutoff: 10,
    ...over,
  };
}

export const SESSION_LOG: SessionLogEntry[] = [
  {
    sessionId: 's2',
    date: '2026-02-02',
    noteId: null,
    noteStatus: null,
    interventions: [
      {
        interventionId: 'cbt.behavioral_activation',
        name: 'Behavioral activation',
        response: 'engaged',
      },
    ],
    measures: [{ administrationId: 'a3', instrument: 'phq9', total: 12 }],
  },
  {
    sessionId: 's1',
    date: '2026-01-05',
    noteId: 'n1',
    noteStatus: 'signed',
    interventions: [
      {
        interventionId: 'cbt.cognitive_restructuring',
        name: 'Cognitive restructuring',
        response: '',
      },
      { interventionId: 'mi.reflective_listening', name: 'Reflective listening', response: '' },
    ],
    measures: [{ administrationId: 'a1', instrument: 'phq9', total: 18 }],
  },
  {
    sessionId: 's0',
    date: '2026-01-12',
    noteId: null,
    noteStatus: null,
    interventions: [],
    measures: [],
  },
];
