import { describe, expect, it } from 'vitest';
import type { Transcript } from '../transcript/schema.js';
import { clockMinutes, cptForMinutes, sessionTiming, transcriptMinutes } from './session.js';

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

describe('transcriptMinutes and clockMinutes', () => {
  it('counts from 0 when the first turn is within 2 minutes, else from the first turn', () => {
    expect(transcriptMinutes(5, 3018)).toBe(50);
    expect(transcriptMinutes(600, 3018)).toBe(40);
    expect(transcriptMinutes(null, 3018)).toBeNull();
    expect(transcriptMinutes(5, null)).toBeNull();
  });

  it('reads HH:MM (24 h) as minutes since midnight, null for anything else', () => {
    expect(clockMinutes('00:00')).toBe(0);
    expect(clockMinutes('10:55')).toBe(655);
    expect(clockMinutes('23:59')).toBe(1439);
    for (const bad of ['24:00', '9:00', '10:60', '10:5', ' 10:00', ''])
      expect(clockMinutes(bad)).toBeNull();
  });
});
