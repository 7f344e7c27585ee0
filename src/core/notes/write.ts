import type { Analysis } from '../analysis/schema.js';
import { clockMinutes, cptForMinutes } from '../analysis/session.js';
import { DocscribError } from '../errors.js';
import type { InstrumentOutcome } from '../measures/outcome-schema.js';
import type { TreatmentPlan } from '../plan/schema.js';
import { buildFacts, type Topic } from './facts.js';
import { LAYOUTS } from './layouts.js';
import { outcomeSentences } from './outcomes.js';
import type { Note, NoteFormat, NoteSection, NoteSentence } from './schema.js';

/** The face-to-face start and stop times the clinician entered: `HH:MM`, 24 h, same day. */
export interface SessionTimes {
  start: string;
  end: string;
}

export interface WriteNoteOptions {
  format: NoteFormat;
  plan?: TreatmentPlan;
  /**
   * The session's face-to-face times, when the clinician entered them: the header then shows
   * them, and its duration and CPT code follow them instead of the transcript's length.
   */
  sessionTimes?: SessionTimes;
  /**
   * The client's outcome measures up to this session (core `summarizeOutcome` per instrument).
   * Each instrument with a latest valid score gets a `record` sentence (from the client's record,
   * not the transcript: latest score, band, date, change since baseline and its reliability,
   * clinical significance and recovery, a plateau, the plan goal whose objective it measures)
   * in the format's measurable-progress place (layouts.ts: SOAP/DAP Assessment, BIRP/PIRP/GIRP
   * Response). Absent or empty: nothing is added and no score is invented.
   */
  outcomes?: readonly InstrumentOutcome[];
}

/**
 * analysis → progress note in the chosen format. One set of grounded statements (facts) is built
 * from the analysis and arranged per format: every `finding` carries its evidence, what the
 * session did not cover is `not_assessed`, and what a transcript cannot show (appearance,
 * affect, mental status, diagnosis) is left `clinician_to_complete`; outcome measures given in
 * `outcomes` are stated as `record` sentences (not transcript findings). Pure and deterministic.
 * Throws `DocscribError('usage')` when `sessionTimes` are not HH:MM or do not end after they start.
 */
export function writeNote(analysis: Analysis, opts: WriteNoteOptions): Note {
  const facts = buildFacts(analysis, opts.plan);
  const record = outcomeSentences(opts.outcomes ?? [], opts.plan);
  const sentencesFor = (t: Topic): readonly NoteSentence[] => {
    if (t === 'outcome_measures') return record;
    const list = facts.byTopic.get(t) ?? [];
    // With scores on record, "no named instrument score was found in the transcript" is noise.
    return t === 'measures' && record.length > 0
      ? list.filter((s) => s.kind !== 'not_assessed')
      : list;
  };
  const sections: NoteSection[] = LAYOUTS[opts.format].map((layout) => ({
    id: layout.id,
    heading: layout.heading,
    sentences: layout.topics.flatMap((t) => [...sentencesFor(t)]),
  }));
  const { start, end } = analysis.session;
  const header: Note['header'] = opts.sessionTimes
    ? {
        start,
        end,
        ...sessionHeader(opts.sessionTimes),
        startClock: opts.sessionTimes.start,
        endClock: opts.sessionTimes.end,
        timeSource: 'session',
      }
    : {
        start,
        end,
        durationMinutes: analysis.session.durationMinutes,
        cpt: analysis.session.cpt,
        timeSource: 'transcript',
      };
  return {
    schemaVersion: 1,
    format: opts.format,
    header,
    sections,
    interventions: facts.entries,
  };
}

function sessionHeader(times: SessionTimes): { durationMinutes: number; cpt: string | null } {
  const from = clockMinutes(times.start);
  const to = clockMinutes(times.end);
  if (from === null || to === null) {
    throw new DocscribError(
      'usage',
      `Session ${from === null ? 'start' : 'stop'} time is not a clock time`,
      'Give the start and stop times as HH:MM (24 h), e.g. 10:02 and 10:55.',
      { field: from === null ? 'sessionTimes.start' : 'sessionTimes.end' },
    );
  }
  if (to <= from) {
    throw new DocscribError(
      'usage',
      'Session stop time is not after the start time',
      'Give the stop time after the start time (HH:MM, 24 h, same day).',
      { field: 'sessionTimes.end' },
    );
  }
  const durationMinutes = to - from;
  return { durationMinutes, cpt: cptForMinutes(durationMinutes) };
}
