/**
 * Time zones (IANA names, e.g. the practice's `America/Chicago`), pure: Intl only, one cached
 * formatter per zone. Instants are stored in UTC; sessions and documents speak the practice's
 * local dates and clock times. Used by the exports (times for people, FHIR offsets) and by
 * measurement-based care (which local day a score falls on).
 */
import { clockMinutes } from './analysis/session.js';

const formats = new Map<string, Intl.DateTimeFormat | null>();

/** A date-and-time formatter for the zone (cached), or null when the runtime does not know it. */
export function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      format = null;
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** The local calendar and clock fields of an instant in the zone (as two-digit strings). */
export interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

/** The local fields of `instant` as `format` (a `zoneFormat`) shows them. */
export function localParts(format: Intl.DateTimeFormat, instant: number | Date): LocalParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  const { year = '', month = '', day = '', hour = '', minute = '' } = parts;
  return { year, month, day, hour, minute };
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
  const format = zoneFormat(timeZone) ?? zoneFormat('UTC');
  if (format === null) return t.toISOString().slice(0, 10);
  const { year, month, day } = localParts(format, t);
  return year && month && day ? `${year}-${month}-${day}` : t.toISOString().slice(0, 10);
}

/**
 * A local date and clock time in the zone as a FHIR dateTime with the zone's UTC offset on that
 * date (`2025-03-04T14:00:00-06:00`), daylight saving included; null when the runtime does not
 * know the zone (or the date or time is not one). A local time the clocks skip (the
 * spring-forward hour) gets the offset after the change.
 */
export function zonedDateTime(date: string, hhmm: string, timeZone: string): string | null {
  const format = zoneFormat(timeZone.trim());
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const minutes = clockMinutes(hhmm);
  if (format === null || !day || minutes === null) return null;
  const local = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) + minutes * 60_000;
  // The offset at the local time read as UTC, then at the instant that gives: the second is
  // right unless the two straddle a change, where the later one is taken.
  let offset = offsetMinutes(format, local);
  offset = offsetMinutes(format, local - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  return `${date}T${hhmm}:00${zone}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The zone's offset from UTC (minutes, east positive) at an instant. */
function offsetMinutes(format: Intl.DateTimeFormat, instant: number): number {
  const p = localParts(format, instant);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
  );
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}
