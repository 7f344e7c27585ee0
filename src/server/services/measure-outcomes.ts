/**
 * The server-side parts of a client's measurement-based-care picture (issue 5), from stored
 * records: outcome summaries per symptom instrument (core `summarizeOutcome`), the session log
 * (intervention + response per session, from its note), which interventions preceded a reliable
 * improvement (core `precededImprovement`), the plateau prompt with alternative interventions
 * (core `alternativesFor`), and which scheduled measures are due.
 */
import { getIntervention, type Note } from '../../core/index.js';
import { alternativesFor } from '../../core/knowledge/matching/recommend.js';
import { INSTRUMENTS } from '../../core/measures/instruments.js';
import {
  precededImprovement as corePrecededImprovement,
  summarizeOutcome,
} from '../../core/measures/outcome.js';
import type { InstrumentOutcome } from '../../core/measures/outcome-schema.js';
import type { InstrumentId, SymptomInstrument } from '../../core/measures/schema.js';
import type {
  ClientOutcomes,
  MeasureAdministration,
  MeasureDue,
  MeasureSchedule,
  ProgressNote,
  Session,
  SessionLogEntry,
} from '../domain/schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The symptom instruments (outcome tracking), in the order the outcomes list them. */
export function symptomInstruments(): SymptomInstrument[] {
  return Object.values(INSTRUMENTS).filter((i): i is SymptomInstrument => i.kind === 'symptom');
}

/** One instrument's outcome from the client's administrations (core `summarizeOutcome`). */
export function summarize(
  inst: SymptomInstrument,
  administrations: readonly MeasureAdministration[],
): InstrumentOutcome {
  return summarizeOutcome(
    inst.id,
    administrations
      .filter((a) => a.instrument === inst.id)
      .map((a) => ({
        at: a.administeredAt,
        total: a.score.valid ? a.score.total : null,
        administrationId: a.id,
      })),
  );
}

/** The note a session's log entry comes from: the signed one, else the newest draft. */
function noteFor(notes: readonly ProgressNote[]): ProgressNote | undefined {
  return notes.find((n) => n.status === 'signed') ?? notes[0];
}

/** Intervention + response per session, oldest first, with the scores of that session. */
export function sessionLog(
  sessions: readonly Session[],
  notes: readonly ProgressNote[],
  administrations: readonly MeasureAdministration[],
): SessionLogEntry[] {
  const bySession = new Map<string, ProgressNote[]>();
  for (const n of notes) {
    const list = bySession.get(n.sessionId) ?? [];
    list.push(n);
    bySession.set(n.sessionId, list);
  }
  return [...sessions]
    .sort((a, b) => a.details.date.localeCompare(b.details.date))
    .map((s) => {
      const note = noteFor(
        (bySession.get(s.id) ?? []).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      );
      const body: Note | undefined = note?.body;
      return {
        sessionId: s.id,
        date: s.details.date,
        noteId: note?.id ?? null,
        noteStatus: note ? note.status : null,
        interventions: (body?.interventions ?? []).map((e) => ({
          interventionId: e.interventionId,
          name: getIntervention(e.interventionId)?.name ?? e.interventionId,
          response: e.response.text,
        })),
        measures: administrations
          .filter(
            (a) =>
              a.sessionId === s.id ||
              (a.sessionId === null && a.administeredAt.slice(0, 10) === s.details.date),
          )
          .map((a) => ({
            administrationId: a.id,
            instrument: a.instrument,
            total: a.score.valid ? a.score.total : null,
          })),
      };
    });
}

/** Per symptom instrument: the interventions delivered before its first reliable improvement. */
export function precededImprovements(
  outcomes: readonly InstrumentOutcome[],
  log: readonly SessionLogEntry[],
): ClientOutcomes['precededImprovement'] {
  const sessions = log.map((e) => ({
    at: e.date,
    interventionIds: e.interventions.map((i) => i.interventionId),
  }));
  return outcomes
    .map((o) => corePrecededImprovement(o, sessions))
    .filter((p): p is NonNullable<typeof p> => p !== null);
}

/** The "consider adapting the plan" prompt for the first instrument on a plateau. */
export function adaptPrompt(
  outcomes: readonly InstrumentOutcome[],
  concerns: readonly string[],
  tried: readonly string[],
): ClientOutcomes['adaptPrompt'] {
  const flat = outcomes.find((o) => o.plateau?.detected === true);
  if (!flat?.plateau) return null;
  const alternatives = alternativesFor([...concerns], [...new Set(tried)]).map((a) => ({
    interventionId: a.interventionId,
    name: a.name,
    rationale: a.rationale,
  }));
  return {
    instrument: flat.instrument,
    message: `${flat.plateau.message} Consider adapting the plan${alternatives.length > 0 ? ': interventions for the client’s concerns not yet tried are listed' : ''}.`,
    alternatives,
  };
}

/**
 * Scheduled measures that are due. `every_session`: none administered since the client's last
 * session date (or never); `interval`: the last administration is N days old or more (or none).
 */
export function dueMeasures(
  schedules: readonly MeasureSchedule[],
  lastAdministered: ReadonlyMap<InstrumentId, string>,
  lastSessionDate: string | null,
  now: Date,
): MeasureDue[] {
  const out: MeasureDue[] = [];
  for (const s of schedules) {
    if (!s.active) continue;
    const last = lastAdministered.get(s.instrument) ?? null;
    const name = INSTRUMENTS[s.instrument].shortName;
    const base = { clientId: s.clientId, scheduleId: s.id, instrument: s.instrument };
    if (last === null) {
      out.push({ ...base, dueSince: null, reason: `${name} has never been administered.` });
      continue;
    }
    if (s.cadence.kind === 'every_session') {
      if (lastSessionDate !== null && last.slice(0, 10) < lastSessionDate) {
        out.push({
          ...base,
          dueSince: `${lastSessionDate}T00:00:00.000Z`,
          reason: `Before each session: no ${name} since the session on ${lastSessionDate}.`,
        });
      }
      continue;
    }
    const dueAt = Date.parse(last) + s.cadence.days * DAY_MS;
    if (dueAt <= now.getTime()) {
      out.push({
        ...base,
        dueSince: new Date(dueAt).toISOString(),
        reason: `Every ${s.cadence.days} days: the last ${name} was on ${last.slice(0, 10)}.`,
      });
    }
  }
  return out;
}

/** The latest administration time per instrument. */
export function latestByInstrument(
  administrations: readonly Pick<MeasureAdministration, 'instrument' | 'administeredAt'>[],
): Map<InstrumentId, string> {
  const out = new Map<InstrumentId, string>();
  for (const a of administrations) {
    const cur = out.get(a.instrument);
    if (cur === undefined || a.administeredAt > cur) out.set(a.instrument, a.administeredAt);
  }
  return out;
}
