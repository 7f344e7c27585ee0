import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../core/transcript/parse.js';
import type { SpeakerSegment, SpeechTranscript } from './schema.js';
import { buildSpeechTranscript, NO_SPEECH_WARNING } from './speakers.js';
import { clockTime, speechToCoreJson, speechTurns, toTxt, toVtt, vttTime } from './transcript.js';

const ENGINE = { id: 'pocketsphinx', quality: 'draft', model: 'en-us + therapy LM' } as const;

/** Fictional dialogue: Speaker A asks clinician-like questions, Speaker B answers. */
const SEGMENTS: SpeakerSegment[] = [
  { speaker: 'B', start: 0.5, end: 2.1, text: 'hi thanks for having me' },
  {
    speaker: 'A',
    start: 2.6,
    end: 6.0,
    text: 'how would you rate your mood this week from zero to ten',
  },
  { speaker: 'A', start: 6.8, end: 9.0, text: 'and what made it hard' },
  { speaker: 'B', start: 9.5, end: 12.0, text: 'maybe a four i did not sleep much' },
  { speaker: 'A', start: 12.4, end: 15.0, text: 'it sounds like the nights are the hardest part' },
  {
    speaker: 'A',
    start: 30.0,
    end: 34.0,
    text: 'for this week could you fill in a thought record after a hard shift',
  },
  { speaker: 'B', start: 34.5, end: 36.0, text: 'yes i can do that' },
];

function transcript(segments = SEGMENTS): SpeechTranscript {
  return buildSpeechTranscript(ENGINE, segments, 40, 'clustering', []);
}

describe('buildSpeechTranscript', () => {
  it('numbers speakers by first speech, sums their seconds and takes roles from the core', () => {
    const t = transcript();
    expect(t.speakers.map((s) => s.label)).toEqual(['Speaker 1', 'Speaker 2']);
    // B spoke first → Speaker 1; A (the questions, the homework) is the clinician.
    const [first, second] = t.speakers;
    expect(first?.role).toBe('client');
    expect(second?.role).toBe('clinician');
    expect(second?.roleSource).toBe('inferred');
    expect(first?.seconds).toBeCloseTo(1.6 + 2.5 + 1.5, 3);
    expect(t.segments[0]?.speaker).toBe('Speaker 1');
    expect(t.segments[1]?.speaker).toBe('Speaker 2');
    expect(t.engine).toBe('pocketsphinx');
    expect(t.quality).toBe('draft');
    expect(t.diarization).toBe('clustering');
  });

  it('applies role overrides to the renumbered labels', () => {
    const t = buildSpeechTranscript(ENGINE, SEGMENTS, 40, 'clustering', [], {
      roles: { 'Speaker 1': 'other' },
    });
    expect(t.speakers[0]).toMatchObject({ role: 'other', roleSource: 'override' });
  });

  it('gives an empty transcript with a warning when there is no speech', () => {
    const t = buildSpeechTranscript(ENGINE, [], 12, 'clustering', []);
    expect(t.segments).toEqual([]);
    expect(t.speakers).toEqual([]);
    expect(t.diarization).toBe('none');
    expect(t.warnings).toContain(NO_SPEECH_WARNING);
  });
});

describe('turns', () => {
  it('merges one speaker’s segments across short pauses, not across long ones or other speakers', () => {
    const turns = speechTurns(transcript());
    expect(turns.map((t) => t.speaker)).toEqual([
      'Speaker 1',
      'Speaker 2',
      'Speaker 1',
      'Speaker 2',
      'Speaker 2',
      'Speaker 1',
    ]);
    expect(turns[1]).toMatchObject({ start: 2.6, end: 9.0 });
    expect(turns[1]?.text).toBe(
      'how would you rate your mood this week from zero to ten and what made it hard',
    );
    // 12.4–15.0 then 30.0: a 15 s gap is a new turn.
    expect(turns[3]).toMatchObject({ start: 12.4, end: 15 });
    expect(turns[4]?.start).toBe(30);
  });

  it('is not confused by segments out of order', () => {
    const reversed = [...SEGMENTS].reverse();
    expect(speechTurns(transcript(reversed))).toEqual(speechTurns(transcript()));
  });
});

describe('formats', () => {
  it('writes WebVTT times as hh:mm:ss.mmm and line times as hh:mm:ss', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(3725.0456)).toBe('01:02:05.046');
    expect(vttTime(59.9996)).toBe('00:01:00.000');
    expect(clockTime(3725.9)).toBe('01:02:05');
  });

  it('writes WebVTT cues with <v Speaker N> voices and escaped text', () => {
    const t = transcript([
      { speaker: 'x', start: 1, end: 2.5, text: 'a <b> & c --> d' },
      { speaker: 'y', start: 3, end: 4, text: 'ok' },
    ]);
    expect(toVtt(t)).toBe(
      'WEBVTT\n\n' +
        '1\n00:00:01.000 --> 00:00:02.500\n<v Speaker 1>a &lt;b&gt; &amp; c --&gt; d\n\n' +
        '2\n00:00:03.000 --> 00:00:04.000\n<v Speaker 2>ok\n',
    );
  });

  it('writes the core line format, with roles only when asked', () => {
    const t = transcript();
    const txt = toTxt(t);
    expect(txt.split('\n')[0]).toBe('[00:00:00] Speaker 1: hi thanks for having me');
    expect(toTxt(t, { roles: true }).split('\n')[1]).toMatch(
      /^\[00:00:02\] Speaker 2 \(clinician\): how/,
    );
    expect(toTxt(transcript([]))).toBe('');
  });

  it('writes core JSON the parser reads with the same labels, times and roles', () => {
    const t = transcript();
    const parsed = parseTranscript(speechToCoreJson(t), { format: 'json' });
    expect(parsed.turns.map((u) => u.speaker)).toEqual(speechTurns(t).map((u) => u.speaker));
    expect(parsed.turns[1]).toMatchObject({ start: 2.6, end: 9 });
    expect(parsed.speakers.map((s) => [s.label, s.role])).toEqual(
      t.speakers.map((s) => [s.label, s.role]),
    );
  });

  it('round trips: TXT and VTT read back by the core give the same turns and roles', () => {
    const t = transcript();
    const turns = speechTurns(t);
    for (const [text, format] of [
      [toTxt(t), 'lines'],
      [toVtt(t), 'vtt'],
    ] as const) {
      const parsed = parseTranscript(text);
      expect(parsed.format).toBe(format);
      // Nothing skipped or unreadable: the only warning says the roles were inferred.
      expect(parsed.warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(/roles of 2 speaker label\(s\) were inferred/),
      ]);
      expect(parsed.turns.map((u) => [u.speaker, u.text])).toEqual(
        turns.map((u) => [u.speaker, u.text]),
      );
      expect(parsed.turns.map((u) => u.start)).toEqual(
        turns.map((u) => (format === 'lines' ? Math.floor(u.start) : u.start)),
      );
      expect(parsed.speakers.map((s) => [s.label, s.role])).toEqual(
        t.speakers.map((s) => [s.label, s.role]),
      );
    }
    // The same labels, so --roles overrides written for the transcript apply to the file.
    const relabelled = parseTranscript(toTxt(t), { roles: { 'Speaker 1': 'clinician' } });
    expect(relabelled.speakers[0]).toMatchObject({ role: 'clinician', roleSource: 'override' });
  });
});
