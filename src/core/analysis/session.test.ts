import { describe, expect, it } from 'vitest';
import type { Transcript } from '../transcript/schema.js';
import { cptForMinutes, sessionTiming } from './session.js';

describe('cptForMinutes', () => {
  it.each([
    [null, null],
    [15, null],
    [16, '90832'],
    [37, '90832'],
    [38, '90834'],
    [52, '90834'],
    [53, '90837'],
    [90, '90837'],
  ] as const)('%s minutes → %s', (minutes, code) => {
    expect(cptForMinutes(minutes)).toBe(code);
  });
});

describe('sessionTiming', () => {
  const transcript = (times: (number | null)[]): Transcript => ({
    format: 'lines',
    speakers: [{ label: 'T', role: 'clinician', roleSource: 'label' }],
    warnings: [],
    turns: times.map((start, i) => ({
      id: `u${i + 1}`,
      speaker: 'T',
      role: 'clinician',
      start,
      end: null,
      text: 'x',
    })),
  });

  it('times a session from 0 to the last turn when the first turn is near the start', () => {
    const s = sessionTiming(transcript([2, 600, 46 * 60 + 31]));
    expect(s).toEqual({ start: 2, end: 2791, durationMinutes: 47, cpt: '90834' });
  });

  it('times an excerpt or clock-timed transcript from its first turn', () => {
    const s = sessionTiming(transcript([3600, 3600 + 30 * 60]));
    expect(s.durationMinutes).toBe(30);
    expect(s.cpt).toBe('90832');
  });

  it('reports no duration or code for an untimed transcript, never a guess', () => {
    expect(sessionTiming(transcript([null, null]))).toEqual({
      start: null,
      end: null,
      durationMinutes: null,
      cpt: null,
    });
  });
});
