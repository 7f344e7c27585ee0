/** Dates as the Outcomes screen shows them (the reader's locale). */

/** An ISO time as its local calendar date, e.g. `5 Jan 2026`. */
export function dayOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** A chart tick (UTC midnight) as its date, without shifting it to another day. */
export function tickDay(t: number): string {
  return new Date(t).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}
