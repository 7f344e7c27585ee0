/**
 * The "Enter answers" form's logic: the answers chosen so far (unanswered items stay null — never
 * filled in for the client), what is missing, and the body of `POST /api/clients/:id/measures`.
 * The administration date: today means "now" (the server's time); an earlier day is taken at
 * local noon. Pure.
 */
import type { Instrument } from '../../../../src/core/measures/schema.js';
import type { NewAdministrationBody } from '../../../../src/server/domain/schemas.js';

/** The body this form sends: the API's own type (`NewAdministrationBodySchema`'s input). */
export type AdministerBody = NewAdministrationBody;

/** The answers in item order, null for items not answered. */
export function answersInOrder(
  instrument: Pick<Instrument, 'items'>,
  chosen: Readonly<Record<string, number>>,
): (number | null)[] {
  return instrument.items.map((item) => chosen[item.id] ?? null);
}

/** Items not answered, by their 1-based number. */
export function unansweredItems(
  instrument: Pick<Instrument, 'items'>,
  chosen: Readonly<Record<string, number>>,
): number[] {
  return instrument.items.filter((i) => chosen[i.id] === undefined).map((i) => i.order);
}

/** `YYYY-MM-DD` at local noon as an ISO time with offset; null when it is not a date. */
export function localNoonIso(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  if (Number.isNaN(d.getTime()) || d.getDate() !== Number(m[3])) return null;
  return d.toISOString();
}

/** Problems to fix before sending (a sentence each), given today's date as `YYYY-MM-DD`. */
export function administerProblems(date: string, today: string): string[] {
  if (date === '') return ['Date answered: enter the date the client answered.'];
  if (localNoonIso(date) === null) return ['Date answered: enter a valid date.'];
  if (date > today) return ['Date answered: it cannot be in the future.'];
  return [];
}

export function administerBody(
  instrument: Instrument,
  chosen: Readonly<Record<string, number>>,
  date: string,
  today: string,
  sessionId: string,
): AdministerBody {
  const at = date !== today ? localNoonIso(date) : null;
  return {
    instrument: instrument.id,
    answers: answersInOrder(instrument, chosen),
    ...(at !== null ? { administeredAt: at } : {}),
    sessionId: sessionId === '' ? null : sessionId,
  };
}
