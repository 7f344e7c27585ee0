/**
 * The server-side parts of a client's measurement-based-care picture (issue 5), from stored
 * records: outcome summaries per symptom instrument (core `summarizeOutcome`), the session log
 * (intervention + response per session, from its note), which interventions preceded a reliable
 * improvement (core `precededImprovement`), the plateau prompt with alternative interventions
 * (core `alternativesFor`), and which scheduled measures are due.
 *
 * Dates: administrations are stored as UTC instants, sessions carry the practice's local date.
 * Every comparison between the two goes through `dateIn(timeZone, …)` with the practice's time
 * zone (PracticeSettings.timezone), and outcome points carry that local date (`MeasurePoint.date`).
 */
import { getIntervention, type Note } from '../../core/index.js';
import { CONTRAINDICATIONS } from '../../core/knowledge/matching/index.js';
import { alternativesFor } from '../../core/knowledge/matching/recommend.js';
import { dateIn, zonedDateTime } from '../../core/time-zone.js';
import { INSTRUMENTS } from '../../core/measures/instruments.js';
import {
  hasOutcome,
  precededImprovement as corePrecededImprovement,
  summarizeOutcome,
} from '../../core/measures/outcome.js';
import type { InstrumentOutcome, MeasurePoint } from '../../core/measures/outcome-schema.js';
import type { InstrumentId, SymptomInstrument } from '../../core/measures/schema.js';
import type { ContraindicationId } from '../../core/knowledge/matching/schema.js';
import type {
  ClientOutcomes,
  ClinicalAlert,
  MeasureAdministration,
  MeasureDue,
  MeasureSchedule,
  ProgressNote,
  SafetyAssessment,
  Session,
  SessionLogEntry,
} from '../domain/schemas.js';
import type { Store } from '../store/port.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The symptom instruments (outcome tracking), in the order the outcomes list them. */
function symptomInstruments(): SymptomInstrument[] {
  return Object.values(INSTRUMENTS).filter((i): i is SymptomInstrument => i.kind === 'symptom');
}

export interface PointsOptions {
  /** Only administrations answered on or before this practice-local date (YYYY-MM-DD). */
  upTo?: string | undefined;
  /** The practice's IANA time zone: each point's local `date` and the `upTo` cut use it. */
  timeZone: string;
}

/**
 * The one way administrations become outcome points, per symptom instrument (feedback forms
 * have no outcome): `total` only when the score is valid (null otherwise), the practice-local
 * `date`, the administration id and the items that raised an alert. Instruments without a point
 * are absent from the map.
 */
export function pointsOf(
  administrations: readonly MeasureAdministration[],
  opts: PointsOptions,
): Map<InstrumentId, MeasurePoint[]> {
  const out = new Map<InstrumentId, MeasurePoint[]>();
  for (const a of administrations) {
    if (!hasOutcome(a.instrument)) continue;
    const date = dateIn(opts.timeZone, a.administeredAt);
    if (opts.upTo !== undefined && date > opts.upTo) continue;
    const itemAlerts = a.score.alerts.map((x) => x.itemId);
    const points = out.get(a.instrument) ?? [];
    points.push({
      at: a.administeredAt,
      total: a.score.valid ? a.score.total : null,
      administrationId: a.id,
      date,
      ...(itemAlerts.length > 0 ? { itemAlerts } : {}),
    });
    out.set(a.instrument, points);
  }
  return out;
}

/**
 * The outcome on each symptom instrument with at least one administration (in the instruments'
 * order), from `pointsOf` via the core's `summarizeOutcome`.
 */
export function outcomesOf(
  administrations: readonly MeasureAdministration[],
  opts: PointsOptions,
): InstrumentOutcome[] {
  const points = pointsOf(administrations, opts);
  return symptomInstruments()
    .map((inst) => ({ inst, list: points.get(inst.id) }))
    .filter((x): x is { inst: SymptomInstrument; list: MeasurePoint[] } => x.list !== undefined)
    .map(({ inst, list }) => summarizeOutcome(inst.id, list));
}

/**
 * The client's outcomes as a progress note states them: administrations answered on or before
 * the session's date (practice-local). Instruments never answered by then are left out: the note
 * states no score for them. No access check or audit entry (the caller did both).
 */
export async function outcomesUpTo(
  store: Pick<Store, 'measures'>,
  clientId: string,
  date: string,
  timeZone: string,
): Promise<InstrumentOutcome[]> {
  return outcomesOf(await store.measures.listForClient(clientId), { upTo: date, timeZone });
}

/** The note a session's log entry comes from: the signed one, else the newest draft. */
function noteFor(notes: readonly ProgressNote[]): ProgressNote | undefined {
  return notes.find((n) => n.status === 'signed') ?? notes[0];
}

/**
 * Intervention + response per session, oldest first, with the scores of that session (given for
 * it, or without a session and answered on its practice-local date).
 */
export function sessionLog(
  sessions: readonly Session[],
  notes: readonly ProgressNote[],
  administrations: readonly MeasureAdministration[],
  timeZone: string,
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
              (a.sessionId === null && dateIn(timeZone, a.administeredAt) === s.details.date),
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

/** The alert kinds that mean suicidal ideation may be active. */
const RISK_ALERTS: ReadonlySet<string> = new Set(['phq9_item9', 'session_risk']);

/**
 * The contraindication flags the client's record shows now, for the plateau prompt's
 * alternatives: `active_suicidal_ideation` while a risk signal (an item-9 or session-risk alert,
 * acknowledged or not) is newer than the latest confirmed safety assessment — a signal nobody has
 * assessed yet counts as active — or when that latest confirmed assessment has ideation, plan or
 * intent present. A confirmed assessment after the signal decides; acknowledging an alert does
 * not clear it.
 */
export function riskFlags(
  alerts: readonly Pick<ClinicalAlert, 'kind' | 'createdAt'>[],
  assessments: readonly Pick<
    SafetyAssessment,
    'status' | 'confirmedAt' | 'ideation' | 'plan' | 'intent'
  >[],
): ContraindicationId[] {
  const latest = assessments
    .filter((a) => a.status === 'confirmed' && a.confirmedAt !== null)
    .sort((a, b) => (b.confirmedAt ?? '').localeCompare(a.confirmedAt ?? ''))[0];
  const unassessedSignal = alerts.some(
    (a) =>
      RISK_ALERTS.has(a.kind) &&
      (latest?.confirmedAt == null || Date.parse(a.createdAt) > Date.parse(latest.confirmedAt)),
  );
  const assessedPresent =
    latest !== undefined &&
    [latest.ideation, latest.plan, latest.intent].some((e) => e.status === 'present');
  return unassessedSignal || assessedPresent ? ['active_suicidal_ideation'] : [];
}

/**
 * The "consider adapting the plan" prompt for the first instrument on a plateau. With risk flags
 * (`riskFlags`), the interventions they exclude AND those they only caution (trauma processing
 * while suicidal ideation may be active) are left out: the prompt offers nothing that needs
 * stabilisation first; the clinician can still choose them in the toolkit, with the caution.
 */
export function adaptPrompt(
  outcomes: readonly InstrumentOutcome[],
  concerns: readonly string[],
  tried: readonly string[],
  contraindications: readonly ContraindicationId[] = [],
): ClientOutcomes['adaptPrompt'] {
  const flat = outcomes.find((o) => o.plateau?.detected === true);
  if (!flat?.plateau) return null;
  const cautioned = CONTRAINDICATIONS.filter((c) => contraindications.includes(c.id)).flatMap(
    (c) => c.caution,
  );
  const alternatives = alternativesFor([...concerns], [...new Set([...tried, ...cautioned])], 3, {
    contraindications,
  }).map((a) => ({
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

/** The instant a practice-local date starts (UTC ISO); midnight UTC if the zone is unknown. */
export function startOfDay(date: string, timeZone: string): string {
  const zoned = zonedDateTime(date, '00:00', timeZone);
  return zoned === null ? `${date}T00:00:00.000Z` : new Date(zoned).toISOString();
}

/**
 * Scheduled measures that are due. `every_session`: none administered on or after the client's
 * last session date (practice-local; due since that day's start in the practice's zone) or never;
 * `interval`: the last administration is N days old or more (or none).
 */
export function dueMeasures(
  schedules: readonly MeasureSchedule[],
  lastAdministered: ReadonlyMap<InstrumentId, string>,
  lastSessionDate: string | null,
  now: Date,
  timeZone: string,
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
      if (lastSessionDate !== null && dateIn(timeZone, last) < lastSessionDate) {
        out.push({
          ...base,
          dueSince: startOfDay(lastSessionDate, timeZone),
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
        reason: `Every ${s.cadence.days} days: the last ${name} was on ${dateIn(timeZone, last)}.`,
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
