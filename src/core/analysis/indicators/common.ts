import type { PreparedTurn } from '../context.js';

/** Client-side speakers: the client, and family members / partners in the room. */
export function isClientSide(t: PreparedTurn): boolean {
  return t.role !== 'clinician';
}

/**
 * Minutes between two turns. Untimed transcripts fall back to about 20 seconds per turn, so that
 * windows still work on text without timestamps.
 */
export function minutesBetween(a: PreparedTurn, b: PreparedTurn): number {
  if (a.start !== null && b.start !== null) return Math.abs(b.start - a.start) / 60;
  return Math.abs(b.index - a.index) / 3;
}

/** The nearest earlier turn by a clinician, at most `maxBack` turns back. */
export function previousClinician(
  turns: readonly PreparedTurn[],
  i: number,
  maxBack = 2,
): PreparedTurn | undefined {
  for (let k = i - 1; k >= Math.max(0, i - maxBack); k--) {
    const t = turns[k];
    if (t?.role === 'clinician') return t;
  }
  return undefined;
}

/** The next client-side turn after i, at most `maxAhead` turns ahead. */
export function nextClientSide(
  turns: readonly PreparedTurn[],
  i: number,
  maxAhead = 2,
): PreparedTurn | undefined {
  for (let k = i + 1; k <= Math.min(turns.length - 1, i + maxAhead); k++) {
    const t = turns[k];
    if (t && isClientSide(t)) return t;
  }
  return undefined;
}

/** Weekday names: a number right after one is a per-day log value ("Thursday a five"). */
export const WEEKDAY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/;

/** Count nouns and units that show a number is not a rating ("three floors", "ten minutes"). */
const UNIT_NEXT = new Set([
  'times',
  'time',
  'minute',
  'minutes',
  'min',
  'mins',
  'hour',
  'hours',
  'second',
  'seconds',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'floor',
  'floors',
  'ride',
  'rides',
  'people',
  'kids',
  'o',
  "o'clock",
  'oclock',
  'am',
  'pm',
  'dollars',
  'bucks',
  'pounds',
  'miles',
  'of',
  'more',
  'other',
  'things',
  'thing',
  'sessions',
  'session',
  'points',
  'point',
  'hundred',
  'thousand',
  'year-old',
  'old',
  'kilos',
  'steps',
  'pages',
  'page',
  'items',
  'questions',
  'texts',
  'calls',
  'nights',
  'night',
  'mornings',
  'morning',
  'drinks',
  'beers',
  'glasses',
]);

const NOT_PLURAL = new Set([
  'this',
  'was',
  'is',
  'does',
  'goes',
  'says',
  'less',
  'yes',
  'plus',
  'thus',
  'unless',
  'its',
  "it's",
  'always',
  'perhaps',
  'as',
  'us',
  'has',
]);

/** The word after a number marks it as a count or unit, not a rating. */
export function isUnitWord(next: string | undefined): boolean {
  if (next === undefined) return false;
  if (UNIT_NEXT.has(next)) return true;
  // "she's", "it's" are not plurals.
  return (
    next.length > 3 &&
    next.endsWith('s') &&
    !NOT_PLURAL.has(next) &&
    !next.endsWith('ss') &&
    !next.includes("'")
  );
}
