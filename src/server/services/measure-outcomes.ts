/**
 * The pure parts of a client's measurement-based-care picture (issue 5), computed from stored
 * records: outcome summaries per symptom instrument, the session log (intervention + response per
 * session, from its note), which interventions preceded a reliable improvement, the plateau
 * prompt with alternative interventions, and which scheduled measures are due.
 *
 * `summarize` is a stand-in for the core's `summarizeOutcome` (src/core/measures, in progress):
 * same shapes (outcome-schema.ts), same rules (fixed reliable-change points of the instrument's
 * service convention, or Jacobson–Truax when an SD is sourced; NHS caseness/recovery); it is
 * replaced by the core function when that lands.
 */
import { getIntervention, type Note } from '../../core/index.js';
import { alternativesFor } from '../../core/knowledge/matching/recommend.js';
import { clinicalChange } from '../../core/measures/change.js';
import { INSTRUMENTS } from '../../core/measures/instruments.js';
import {
  PlateauOptionsSchema,
  type BandedPoint,
  type ChangeSummary,
  type InstrumentOutcome,
  type Plateau,
} from '../../core/measures/outcome-schema.js';
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
const WEEK_MS = 7 * DAY_MS;

/** The symptom instruments (outcome tracking), in the order the outcomes list them. */
export function symptomInstruments(): SymptomInstrument[] {
  return Object.values(INSTRUMENTS).filter((i): i is SymptomInstrument => i.kind === 'symptom');
}

function banded(inst: SymptomInstrument, a: MeasureAdministration): BandedPoint | null {
  const total = a.score.total;
  if (total === null || !a.score.valid) return null;
  const band = inst.bands.find((b) => total >= b.min && total <= b.max);
  return band ? { at: a.administeredAt, total, band, administrationId: a.id } : null;
}

/** Change between two valid points with the instrument's constants. */
export function changeBetween(
  inst: SymptomInstrument,
  from: BandedPoint,
  to: BandedPoint,
): ChangeSummary {
  const points = inst.change.reliableChangePoints;
  const sd = inst.change.sd;
  const reliability = inst.change.reliability[0]?.value;
  const c = clinicalChange({
    before: from.total,
    after: to.total,
    cutoff: inst.cutoff.score,
    higherIsWorse: true,
    ...(points ? { reliableChangePoints: points.points } : {}),
    ...(sd && reliability !== undefined ? { sdBaseline: sd.value, reliability } : {}),
  });
  const category = c.reliable.reliableImprovement
    ? 'reliable_improvement'
    : c.reliable.reliableDeterioration
      ? 'reliable_deterioration'
      : 'no_reliable_change';
  const difference = to.total - from.total;
  const verb = difference < 0 ? 'fell' : difference > 0 ? 'rose' : 'stayed';
  const words = {
    reliable_improvement: 'reliable improvement',
    reliable_deterioration: 'reliable deterioration',
    no_reliable_change: 'no reliable change',
  }[category];
  const threshold = Number(c.reliable.reliableChangeThreshold.toFixed(2));
  const statement =
    difference === 0
      ? `${inst.shortName} stayed at ${to.total}: no reliable change (threshold ${threshold} points).`
      : `${inst.shortName} ${verb} from ${from.total} to ${to.total} (${difference > 0 ? '+' : '−'}${Math.abs(difference)} points): ${words} (threshold ${threshold} points)${c.recovery ? '; recovery (below the caseness cut-off)' : ''}.`;
  return {
    from,
    to,
    difference,
    rci: c.reliable.rci,
    reliableChangeThreshold: c.reliable.reliableChangeThreshold,
    method: c.reliable.method,
    category,
    clinicallySignificantImprovement: c.clinicallySignificantImprovement,
    recovery: c.caseAtBaseline ? c.recovery : null,
    reliableRecovery: c.caseAtBaseline ? c.reliableRecovery : null,
    statement,
  };
}

/** Least-squares slope of (time, total), in points per week; null with fewer than 2 points. */
function slopePerWeek(points: readonly BandedPoint[]): number | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => Date.parse(p.at) / WEEK_MS);
  const ys = points.map((p) => p.total);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

function plateauOf(
  inst: SymptomInstrument,
  valid: readonly BandedPoint[],
  now: Date,
): Plateau | null {
  const opts = PlateauOptionsSchema.parse({});
  const windowStart = now.getTime() - opts.weeks * WEEK_MS;
  const recent = valid.filter((p) => Date.parse(p.at) >= windowStart);
  const enoughForRule = valid.length >= opts.administrations;
  const enoughForTrend = recent.length >= 3;
  if (!enoughForRule && !enoughForTrend) return null;
  const reasons: Plateau['reasons'] = [];
  if (enoughForRule) {
    const last = valid.slice(-opts.administrations);
    const first = last[0];
    const latest = last.at(-1);
    const improved = last.some(
      (p, i) =>
        i > 0 &&
        first !== undefined &&
        changeBetween(inst, first, p).category === 'reliable_improvement',
    );
    if (first && latest && !improved) reasons.push('no_reliable_improvement');
  }
  const slope = slopePerWeek(recent);
  if (enoughForTrend && slope !== null && Math.abs(slope) < opts.flatSlopePerWeek) {
    reasons.push('flat_trend');
  }
  const parts: string[] = [];
  if (reasons.includes('no_reliable_improvement')) {
    parts.push(
      `no reliable improvement over the last ${opts.administrations} ${inst.shortName} administrations`,
    );
  }
  if (reasons.includes('flat_trend') && slope !== null) {
    parts.push(
      `a flat trend over the last ${opts.weeks} weeks (${slope.toFixed(2)} points per week)`,
    );
  }
  return {
    detected: reasons.length > 0,
    reasons,
    slopePerWeek: slope,
    message:
      reasons.length > 0 ? `Plateau: ${parts.join(' and ')}.` : `No plateau on ${inst.shortName}.`,
  };
}

/** One instrument's outcome (stand-in for core `summarizeOutcome`). */
export function summarize(
  inst: SymptomInstrument,
  administrations: readonly MeasureAdministration[],
  now: Date,
): InstrumentOutcome {
  const mine = administrations.filter((a) => a.instrument === inst.id);
  const valid = mine.map((a) => banded(inst, a)).filter((p): p is BandedPoint => p !== null);
  const baseline = valid[0] ?? null;
  const latest = valid.at(-1) ?? null;
  const previous = valid.length >= 2 ? (valid.at(-2) ?? null) : null;
  return {
    instrument: inst.id,
    shortName: inst.shortName,
    points: mine.map((a) => ({
      at: a.administeredAt,
      total: a.score.valid ? a.score.total : null,
      administrationId: a.id,
    })),
    baseline,
    latest,
    sinceBaseline:
      baseline && latest && valid.length >= 2 ? changeBetween(inst, baseline, latest) : null,
    sincePrevious: previous && latest ? changeBetween(inst, previous, latest) : null,
    plateau: plateauOf(inst, valid, now),
    bands: inst.bands,
    cutoff: inst.cutoff.score,
  };
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

/**
 * Interventions delivered in the sessions between a point and the first later point that is a
 * reliable improvement on the baseline, per symptom instrument.
 */
export function precededImprovement(
  outcomes: readonly InstrumentOutcome[],
  log: readonly SessionLogEntry[],
): ClientOutcomes['precededImprovement'] {
  const out: ClientOutcomes['precededImprovement'] = [];
  for (const o of outcomes) {
    const inst = INSTRUMENTS[o.instrument];
    if (inst.kind !== 'symptom' || o.baseline === null) continue;
    const base = o.baseline;
    const valid = o.points.filter((p) => p.total !== null);
    for (let i = 1; i < valid.length; i++) {
      const prev = valid[i - 1];
      const cur = valid[i];
      if (!prev || !cur || cur.total === null || prev.total === null) continue;
      const band = (t: number) => inst.bands.find((b) => t >= b.min && t <= b.max);
      const curBand = band(cur.total);
      const prevBand = band(prev.total);
      if (!curBand || !prevBand) continue;
      const now = changeBetween(inst, base, { at: cur.at, total: cur.total, band: curBand });
      const before =
        i - 1 === 0
          ? null
          : changeBetween(inst, base, { at: prev.at, total: prev.total, band: prevBand });
      if (now.category !== 'reliable_improvement' || before?.category === 'reliable_improvement') {
        continue;
      }
      const from = base.at;
      const ids = new Set<string>();
      for (const e of log) {
        if (e.date >= from.slice(0, 10) && e.date <= cur.at.slice(0, 10)) {
          for (const iv of e.interventions) ids.add(iv.interventionId);
        }
      }
      out.push({ instrument: o.instrument, interventionIds: [...ids], from, to: cur.at });
      break;
    }
  }
  return out;
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
