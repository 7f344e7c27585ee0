/**
 * The schedules editor's rows (what the form holds: the interval as typed) and the body of
 * `PUT /api/clients/:id/measure-schedules`, both ways, with the checks the form shows before
 * sending. Pure.
 */
import type { InstrumentId } from '../../../../src/core/measures/schema.js';
import type {
  MAX_MEASURE_SCHEDULES,
  MeasureSchedule,
  MeasureSchedulesBody,
  SCHEDULE_INTERVAL_DAYS,
  ScheduleCadence,
} from '../../../../src/server/domain/schemas.js';

export interface ScheduleRow {
  instrument: InstrumentId;
  cadence: ScheduleCadence['kind'];
  /** Days between administrations, as typed (used when `cadence` is `interval`). */
  days: string;
  active: boolean;
}

/** The request body: the API's own type (`MeasureSchedulesBodySchema`'s input). */
export type SchedulesBody = MeasureSchedulesBody;

// The schema's limits. The browser imports types only, so the values are written here, and typed
// as the schema's literal constants: if the schema changes them, this stops compiling.
export const MAX_SCHEDULES: typeof MAX_MEASURE_SCHEDULES = 10;
export const INTERVAL_DAYS: typeof SCHEDULE_INTERVAL_DAYS = { min: 1, max: 180 };

export function rowsFromSchedules(schedules: readonly MeasureSchedule[]): ScheduleRow[] {
  return schedules.map((s) => ({
    instrument: s.instrument,
    cadence: s.cadence.kind,
    days: s.cadence.kind === 'interval' ? String(s.cadence.days) : '14',
    active: s.active,
  }));
}

export function blankRow(instrument: InstrumentId): ScheduleRow {
  return { instrument, cadence: 'every_session', days: '14', active: true };
}

/** What is wrong with the rows, one sentence each naming the row (empty: fine to save). */
export function scheduleProblems(
  rows: readonly ScheduleRow[],
  nameOf: (id: InstrumentId) => string,
): string[] {
  const problems: string[] = [];
  if (rows.length > MAX_SCHEDULES) {
    problems.push(`At most ${MAX_SCHEDULES} schedules: remove ${rows.length - MAX_SCHEDULES}.`);
  }
  const seen = new Set<InstrumentId>();
  rows.forEach((r, i) => {
    const where = `Schedule ${i + 1} (${nameOf(r.instrument)})`;
    if (r.cadence === 'interval') {
      const t = r.days.trim();
      const n = Number(t);
      if (!/^\d+$/.test(t) || n < INTERVAL_DAYS.min || n > INTERVAL_DAYS.max) {
        problems.push(
          `${where}: give the interval as whole days from ${INTERVAL_DAYS.min} to ${INTERVAL_DAYS.max}.`,
        );
      }
    }
    if (seen.has(r.instrument)) {
      problems.push(`${where}: ${nameOf(r.instrument)} is scheduled twice; keep one schedule.`);
    }
    seen.add(r.instrument);
  });
  return problems;
}

/** The request body (call after `scheduleProblems` found nothing). */
export function bodyFromRows(rows: readonly ScheduleRow[]): SchedulesBody {
  return {
    schedules: rows.map((r) => ({
      instrument: r.instrument,
      cadence:
        r.cadence === 'interval'
          ? { kind: 'interval' as const, days: Number(r.days.trim()) }
          : { kind: 'every_session' as const },
      active: r.active,
    })),
  };
}

/** "Before every session" / "Every 14 days", for lists. */
export function cadenceText(c: ScheduleCadence): string {
  return c.kind === 'every_session'
    ? 'Before every session'
    : `Every ${c.days} day${c.days === 1 ? '' : 's'}`;
}
