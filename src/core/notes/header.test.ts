import { describe, expect, it } from 'vitest';
import { noteHeaderTimes } from './header.js';
import type { Note } from './schema.js';

const transcript: Note['header'] = { start: 5, end: 3018, durationMinutes: 50, cpt: '90834' };
const entered: Note['header'] = {
  ...transcript,
  startClock: '10:02',
  endClock: '10:55',
  durationMinutes: 53,
  cpt: '90837',
  timeSource: 'session',
};

describe('noteHeaderTimes', () => {
  it('takes the entered session times, with their minutes and code', () => {
    expect(noteHeaderTimes(entered, { startTime: '09:00', endTime: '09:30' })).toEqual({
      start: '10:02',
      end: '10:55',
      minutes: 53,
      cpt: '90837',
      source: 'session',
      label: '10:02–10:55 (session times)',
      duration: '53 min',
    });
  });

  it("shows an older note's session times, keeping the minutes the note was written with", () => {
    const t = noteHeaderTimes(transcript, { startTime: '10:00', endTime: '10:55' });
    expect(t.source).toBe('session');
    expect(t.label).toBe('10:00–10:55 (session times)');
    expect(t.minutes).toBe(50);
    expect(t.duration).toBe('50 min (from the transcript)');
  });

  it("falls back to the transcript's times when the session lacks one of its own", () => {
    for (const session of [undefined, { startTime: '10:00', endTime: null }]) {
      const t = noteHeaderTimes({ ...transcript, timeSource: 'transcript' }, session);
      expect(t.source).toBe('transcript');
      expect(t.start).toBe('00:00:05');
      expect(t.end).toBe('00:50:18');
      expect(t.label).toBe('00:00:05–00:50:18 (transcript times)');
      expect(t.duration).toBe('50 min (from the transcript)');
    }
  });

  it('says when there are no times at all', () => {
    const none = { start: null, end: null, durationMinutes: null, cpt: null };
    expect(noteHeaderTimes(none)).toEqual({
      start: null,
      end: null,
      minutes: null,
      cpt: null,
      source: null,
      label: 'start/stop times not recorded',
      duration: null,
    });
  });
});
