import { describe, expect, it } from 'vitest';
import { dateIn } from './time-zone.js';

describe('dateIn', () => {
  it('gives the local date on both sides of midnight UTC (Los Angeles behind, Tokyo ahead)', () => {
    // 2026-11-20T23:30Z: 15:30 on the 20th in Los Angeles (UTC−8), 08:30 on the 21st in Tokyo.
    expect(dateIn('America/Los_Angeles', '2026-11-20T23:30:00.000Z')).toBe('2026-11-20');
    expect(dateIn('Asia/Tokyo', '2026-11-20T23:30:00.000Z')).toBe('2026-11-21');
    // 2026-11-21T00:30Z: 16:30 on the 20th in Los Angeles, 09:30 on the 21st in Tokyo.
    expect(dateIn('America/Los_Angeles', '2026-11-21T00:30:00.000Z')).toBe('2026-11-20');
    expect(dateIn('Asia/Tokyo', '2026-11-21T00:30:00.000Z')).toBe('2026-11-21');
    expect(dateIn('UTC', '2026-11-21T00:30:00.000Z')).toBe('2026-11-21');
  });

  it('takes a Date, respects the offset written in a time, and falls back to UTC for an unknown zone', () => {
    expect(dateIn('Asia/Tokyo', new Date('2026-11-20T15:00:00Z'))).toBe('2026-11-21');
    expect(dateIn('UTC', '2026-11-20T20:00:00-08:00')).toBe('2026-11-21');
    expect(dateIn('Not/AZone', '2026-11-21T00:30:00Z')).toBe('2026-11-21');
  });
});
