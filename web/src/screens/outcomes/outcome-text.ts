/**
 * Words for a client's outcomes, as the Outcomes screen and the client page show them: the change
 * summary (baseline → latest, difference, reliable-change criterion, clinical significance,
 * recovery), the chart's text summary for screen readers, the rows of the data table, the
 * client page's per-instrument summary, and which clients have measures due. Pure.
 *
 * Every sentence is built from the server's numbers; nothing is inferred that it did not compute
 * (e.g. recovery is "not applicable" when the baseline was not a case, as the server says).
 */
import type {
  ChangeSummary,
  InstrumentOutcome,
} from '../../../../src/core/measures/outcome-schema.js';
import type { InstrumentId } from '../../../../src/core/measures/schema.js';
import type {
  ClientOutcomes,
  MeasureAdministration,
  MeasureDue,
  MeasureLink,
  SessionLogEntry,
} from '../../../../src/server/domain/schemas.js';

export type ChangeCategory = ChangeSummary['category'];

/** An instrument's short name by id, from the instruments data (see instrument-names.ts). */
export type NameOf = (id: InstrumentId) => string;

export const CATEGORY_LABELS: Readonly<Record<ChangeCategory, string>> = {
  reliable_improvement: 'Reliable improvement',
  reliable_deterioration: 'Reliable deterioration',
  no_reliable_change: 'No reliable change',
};

export const LINK_STATUS_LABELS: Readonly<Record<MeasureLink['status'], string>> = {
  pending: 'Waiting for answers',
  completed: 'Answered',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** A difference with its sign: `−9`, `+3`, `0` (a real minus sign, read as "minus"). */
export function signed(n: number): string {
  const v = Math.round(n * 100) / 100;
  if (v === 0) return '0';
  return v > 0 ? `+${v}` : `−${Math.abs(v)}`;
}

const points = (n: number) => `${n} point${Math.abs(n) === 1 ? '' : 's'}`;

export interface Fact {
  term: string;
  detail: string;
}

/**
 * The change between two administrations as labelled facts, in the order a clinician reads
 * them. `fmtDate` formats an ISO time (the screen passes the locale's date).
 */
export function changeFacts(
  change: ChangeSummary,
  cutoff: number,
  fmtDate: (iso: string) => string,
): Fact[] {
  const { from, to } = change;
  const facts: Fact[] = [
    {
      term: 'Scores',
      detail: `${from.total} (${from.band.label}) on ${fmtDate(from.at)} → ${to.total} (${to.band.label}) on ${fmtDate(to.at)}`,
    },
    {
      term: 'Difference',
      detail: `${signed(change.difference)} ${Math.abs(change.difference) === 1 ? 'point' : 'points'}${
        change.difference < 0
          ? ' (fewer symptoms)'
          : change.difference > 0
            ? ' (more symptoms)'
            : ''
      }`,
    },
    {
      term: 'Reliable change criterion',
      detail:
        change.method === 'jacobson-truax'
          ? `Jacobson–Truax reliable change index${change.rci !== null ? ` ${signed(change.rci)}` : ''} (reliable beyond |RCI| 1.96, a change of more than ${points(change.reliableChangeThreshold)})`
          : `A fixed threshold: a change of at least ${points(change.reliableChangeThreshold)} counts as reliable${
              change.rci !== null
                ? `; Jacobson–Truax reliable change index ${signed(change.rci)} reported alongside (reliable by that rule beyond ±1.96)`
                : ''
            }`,
    },
    { term: 'Reliable change', detail: CATEGORY_LABELS[change.category] },
    {
      term: 'Clinically significant improvement',
      detail: change.clinicallySignificantImprovement
        ? `Yes: reliable improvement and moved below the cut-off (${cutoff})`
        : `No (needs reliable improvement and moving from at or above the cut-off of ${cutoff} to below it)`,
    },
    {
      term: 'Recovery',
      detail:
        change.recovery === null
          ? `Not applicable: the first score was below the cut-off (${cutoff})`
          : change.recovery
            ? `Yes: at or above the cut-off (${cutoff}) before, below it now${change.reliableRecovery === true ? '; reliable recovery (with reliable improvement)' : '; not reliable recovery (the improvement is not reliable)'}`
            : `No: still at or above the cut-off (${cutoff})`,
    },
  ];
  return facts;
}

/**
 * The chart's summary for screen readers (its `aria-label`): how many administrations over
 * which dates, baseline and latest with bands, the change category, the cut-off, unscored ones
 * and how many sessions' interventions are marked.
 */
export function chartSummary(
  outcome: InstrumentOutcome,
  markerCount: number,
  fmtDate: (iso: string) => string,
): string {
  const n = outcome.points.length;
  const parts: string[] = [];
  const first = outcome.points[0];
  const last = outcome.points[n - 1];
  if (n === 0 || first === undefined || last === undefined) {
    parts.push(`${outcome.shortName}: no administrations yet`);
  } else {
    parts.push(
      n === 1
        ? `${outcome.shortName} score chart: 1 administration on ${fmtDate(first.at)}`
        : `${outcome.shortName} score chart: ${n} administrations from ${fmtDate(first.at)} to ${fmtDate(last.at)}`,
    );
  }
  if (outcome.baseline !== null) {
    parts.push(`baseline ${outcome.baseline.total} (${outcome.baseline.band.label})`);
  }
  if (outcome.latest !== null && n > 1) {
    parts.push(`latest ${outcome.latest.total} (${outcome.latest.band.label})`);
  }
  if (outcome.sinceBaseline !== null) {
    parts.push(CATEGORY_LABELS[outcome.sinceBaseline.category].toLowerCase() + ' since baseline');
  }
  parts.push(`cut-off ${outcome.cutoff}`);
  const invalid = outcome.points.filter((p) => p.total === null).length;
  if (invalid > 0) parts.push(`${invalid} not scored (too many missing answers)`);
  if (markerCount > 0) {
    parts.push(
      `interventions of ${markerCount} session${markerCount === 1 ? '' : 's'} marked on the time axis`,
    );
  }
  return parts.join('; ') + '.';
}

export interface ScoreRow {
  at: string;
  administrationId: string | undefined;
  total: number | null;
  band: string;
  /** Why there is no total, when there is none. */
  reason: string;
  interventions: string[];
  alert: boolean;
}

/** One row per administration of the instrument (oldest first), with its session's interventions. */
export function scoreRows(
  outcome: InstrumentOutcome,
  administrations: readonly MeasureAdministration[],
  sessionLog: readonly SessionLogEntry[],
): ScoreRow[] {
  const byId = new Map(administrations.map((a) => [a.id, a]));
  const sessionOfAdmin = new Map<string, SessionLogEntry>();
  const sessionById = new Map<string, SessionLogEntry>();
  for (const s of sessionLog) {
    sessionById.set(s.sessionId, s);
    for (const m of s.measures) sessionOfAdmin.set(m.administrationId, s);
  }
  return outcome.points.map((p) => {
    const a = p.administrationId !== undefined ? byId.get(p.administrationId) : undefined;
    const session =
      (p.administrationId !== undefined ? sessionOfAdmin.get(p.administrationId) : undefined) ??
      (a?.sessionId != null ? sessionById.get(a.sessionId) : undefined);
    const band =
      a?.score.band?.label ??
      (p.total !== null
        ? (outcome.bands.find((b) => p.total !== null && p.total >= b.min && p.total <= b.max)
            ?.label ?? '')
        : '');
    return {
      at: p.at,
      administrationId: p.administrationId,
      total: p.total,
      band: p.total === null ? 'Not scored' : band,
      reason: p.total === null ? (a?.score.reason ?? 'Too many missing answers') : '',
      interventions: session?.interventions.map((i) => i.name) ?? [],
      alert: (a?.score.alerts.length ?? 0) > 0,
    };
  });
}

export interface SummaryRow {
  instrument: InstrumentId;
  shortName: string;
  latest: number | null;
  band: string;
  change: string;
  due: boolean;
}

/**
 * The client page's summary: per instrument with an administration or due, the latest valid
 * score with band and the change category since baseline; `due` when a schedule says so.
 */
export function summaryRows(
  data: Pick<ClientOutcomes, 'outcomes' | 'due'>,
  nameOf: NameOf,
): SummaryRow[] {
  const due = new Set(data.due.map((d) => d.instrument));
  const rows: SummaryRow[] = data.outcomes.map((o) => ({
    instrument: o.instrument,
    shortName: o.shortName,
    latest: o.latest?.total ?? null,
    band: o.latest?.band.label ?? 'No valid score yet',
    change:
      o.sinceBaseline !== null
        ? CATEGORY_LABELS[o.sinceBaseline.category]
        : o.latest !== null
          ? 'Baseline only'
          : '',
    due: due.has(o.instrument),
  }));
  for (const d of data.due) {
    if (!rows.some((r) => r.instrument === d.instrument)) {
      rows.push({
        instrument: d.instrument,
        shortName: nameOf(d.instrument),
        latest: null,
        band: 'Not administered yet',
        change: '',
        due: true,
      });
    }
  }
  return rows;
}

/** Which instruments are due, per client (from `GET /api/reminders`), without repeats. */
export function dueByClient(due: readonly MeasureDue[]): Map<string, InstrumentId[]> {
  const out = new Map<string, InstrumentId[]>();
  for (const d of due) {
    const list = out.get(d.clientId) ?? [];
    if (!list.includes(d.instrument)) list.push(d.instrument);
    out.set(d.clientId, list);
  }
  return out;
}

/** "PHQ-9 and GAD-7 due" for a due marker. */
export function dueText(instruments: readonly InstrumentId[], nameOf: NameOf): string {
  const names = instruments.map((id) => nameOf(id));
  if (names.length === 0) return '';
  const list =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${list ?? ''} due`;
}
