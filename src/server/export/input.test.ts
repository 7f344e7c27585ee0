import { describe, expect, it } from 'vitest';
import { displayTime, documentTimeZone, isoInstant, zonedDateTime } from './input.js';

describe('displayTime', () => {
  it('shows UTC, named, when no time zone is given', () => {
    expect(displayTime('2026-11-27T20:05:42.000Z')).toBe('2026-11-27 20:05 (UTC)');
  });

  it('shows the local date and time in the zone, with its name', () => {
    // November: Central Standard Time, UTC−6.
    expect(displayTime('2026-11-27T20:05:00.000Z', 'America/Chicago')).toBe(
      '2026-11-27 14:05 (America/Chicago)',
    );
    // July: Central Daylight Time, UTC−5.
    expect(displayTime('2026-07-04T20:05:00.000Z', 'America/Chicago')).toBe(
      '2026-07-04 15:05 (America/Chicago)',
    );
    // UTC+5:30 all year: the same instant is already the next day there.
    expect(displayTime('2026-11-27T20:05:00.000Z', 'Asia/Kolkata')).toBe(
      '2026-11-28 01:35 (Asia/Kolkata)',
    );
    expect(displayTime('2026-07-04T20:05:00.000Z', 'Asia/Kolkata')).toBe(
      '2026-07-05 01:35 (Asia/Kolkata)',
    );
  });

  it('follows the daylight-saving change to the minute (Chicago, 8 March 2026, 2:00 → 3:00)', () => {
    expect(displayTime('2026-03-08T07:59:00.000Z', 'America/Chicago')).toBe(
      '2026-03-08 01:59 (America/Chicago)',
    );
    expect(displayTime('2026-03-08T08:00:00.000Z', 'America/Chicago')).toBe(
      '2026-03-08 03:00 (America/Chicago)',
    );
  });

  it('writes midnight as 00, never 24', () => {
    expect(displayTime('2026-01-01T06:00:00.000Z', 'America/Chicago')).toBe(
      '2026-01-01 00:00 (America/Chicago)',
    );
  });

  it('keeps the name the practice gave (no alias swap), in the usual letter case', () => {
    expect(displayTime('2026-11-27T20:05:00.000Z', 'america/chicago')).toBe(
      '2026-11-27 14:05 (America/Chicago)',
    );
    expect(displayTime('2026-11-27T20:05:00.000Z', 'Etc/UTC')).toBe('2026-11-27 20:05 (Etc/UTC)');
  });

  it('falls back to UTC, and says so, for a zone the runtime does not know', () => {
    expect(displayTime('2026-11-27T20:05:00.000Z', 'Mars/Olympus_Mons')).toBe(
      '2026-11-27 20:05 (UTC)',
    );
  });
});

describe('documentTimeZone', () => {
  it("is the practice's zone, else UTC", () => {
    expect(documentTimeZone({ practice: { name: 'P', timezone: 'Asia/Kolkata' } })).toBe(
      'Asia/Kolkata',
    );
    expect(documentTimeZone({ practice: { name: 'P' } })).toBe('UTC');
    expect(documentTimeZone({})).toBe('UTC');
  });
});

describe('isoInstant', () => {
  it('stays an ISO-8601 UTC instant whatever the practice zone (FHIR needs one)', () => {
    expect(isoInstant('2026-11-27T14:05:00-06:00')).toBe('2026-11-27T20:05:00.000Z');
  });
});

describe('zonedDateTime', () => {
  it("writes a local date and time with the zone's offset on that date", () => {
    expect(zonedDateTime('2026-11-27', '14:05', 'America/Chicago')).toBe(
      '2026-11-27T14:05:00-06:00',
    );
    expect(zonedDateTime('2026-07-04', '14:05', 'America/Chicago')).toBe(
      '2026-07-04T14:05:00-05:00',
    );
    expect(zonedDateTime('2026-07-04', '23:30', 'Asia/Kolkata')).toBe('2026-07-04T23:30:00+05:30');
    expect(zonedDateTime('2026-07-04', '00:15', 'UTC')).toBe('2026-07-04T00:15:00+00:00');
  });

  it('takes the offset in force at that hour on the day the clocks change (Chicago 2026)', () => {
    // 8 March: 2:00 CST → 3:00 CDT.
    expect(zonedDateTime('2026-03-08', '01:30', 'America/Chicago')).toBe(
      '2026-03-08T01:30:00-06:00',
    );
    expect(zonedDateTime('2026-03-08', '10:00', 'America/Chicago')).toBe(
      '2026-03-08T10:00:00-05:00',
    );
    // 1 November: 2:00 CDT → 1:00 CST.
    expect(zonedDateTime('2026-11-01', '00:30', 'America/Chicago')).toBe(
      '2026-11-01T00:30:00-05:00',
    );
    expect(zonedDateTime('2026-11-01', '10:00', 'America/Chicago')).toBe(
      '2026-11-01T10:00:00-06:00',
    );
  });

  it('is the same instant the zone shows as that local time', () => {
    const at = zonedDateTime('2026-11-27', '14:05', 'America/Chicago') ?? '';
    expect(displayTime(new Date(at).toISOString(), 'America/Chicago')).toBe(
      '2026-11-27 14:05 (America/Chicago)',
    );
  });

  it('is null for a zone the runtime does not know', () => {
    expect(zonedDateTime('2026-11-27', '14:05', 'Mars/Olympus_Mons')).toBeNull();
  });
});
