/**
 * Local dates: the calendar date (YYYY-MM-DD) an instant falls on in an IANA time zone (the
 * practice's). Administrations are stored as UTC instants; a session's date is the practice's
 * local date, so comparing them needs the instant's local date, never its UTC date part. Pure
 * (Intl only); formatters are cached per zone.
 */

const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formats.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      f = null;
    }
    formats.set(timeZone, f);
  }
  return f;
}

/**
 * The date (YYYY-MM-DD) of the instant `iso` (or a Date) in `timeZone`, e.g. 2026-11-21T00:30Z is
 * 2026-11-20 in America/Los_Angeles and 2026-11-21 in Asia/Tokyo. An unknown zone falls back to
 * UTC (settings validate the zone, so this only guards old data). An unparsable time is returned
 * cut to its first 10 characters.
 */
export function dateIn(timeZone: string, iso: string | Date): string {
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(t.getTime())) return typeof iso === 'string' ? iso.slice(0, 10) : '';
  const f = formatFor(timeZone) ?? formatFor('UTC');
  // en-CA formats as YYYY-MM-DD; build it from parts so no locale data can change the order.
  const parts = f?.formatToParts(t) ?? [];
  const get = (type: string): string | undefined => parts.find((p) => p.type === type)?.value;
  const [y, m, d] = [get('year'), get('month'), get('day')];
  return y && m && d ? `${y}-${m}-${d}` : t.toISOString().slice(0, 10);
}
