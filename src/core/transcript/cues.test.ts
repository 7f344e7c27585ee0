import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from './parse.js';
import { errorOf } from '../test-helpers.js';

const FIXTURES = new URL('../../../test/fixtures/transcripts/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

const rows = (text: string) =>
  parseTranscript(text).turns.map((t) => [t.speaker, t.start, t.end, t.text]);

describe('WebVTT', () => {
  it('reads the fixture: header, NOTE/STYLE ignored, cue ids, settings, voices, tags, prefixes', () => {
    const t = parseTranscript(fixture('session.vtt'));
    expect(t.format).toBe('vtt');
    expect(t.turns.map((x) => [x.id, x.speaker, x.role, x.start, x.end, x.text, x.line])).toEqual([
      [
        'u1',
        'Therapist',
        'clinician',
        2,
        6.5,
        'Good to see you. How did the breathing practice go?',
        11,
      ],
      ['u2', 'Client', 'client', 7, 12, 'Better than I expected. I did it four times.', 14],
      ['u3', 'Therapist', 'clinician', 12.5, 15, 'Four times is great. What did you notice?', 18],
      ['u4', 'Unknown', 'other', 15.5, 18, '(door closes)', 21],
    ]);
  });

  it('labels a cue without any speaker "Unknown" instead of guessing the previous voice', () => {
    const text =
      'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Hello.\n\n00:03.000 --> 00:04.000\nNo voice here.';
    expect(rows(text).map((r) => r[0])).toEqual(['Ana', 'Unknown']);
  });

  it('gives one turn per voice when a cue holds several speakers', () => {
    const text = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:03.000',
      '<v Therapist>How was it?</v> <v Client>Hard.</v>',
      '',
      '00:00:04.000 --> 00:00:06.000',
      '- Therapist: And then?',
      '- Client: Better.',
    ].join('\n');
    expect(rows(text)).toEqual([
      ['Therapist', 1, 3, 'How was it?'],
      ['Client', 1, 3, 'Hard.'],
      ['Therapist', 4, 6, 'And then?'],
      ['Client', 4, 6, 'Better.'],
    ]);
  });

  it('strips <c>, <i>, <b>, timestamp tags and entities; reads <v.class Name>', () => {
    const text =
      'WEBVTT\n\n00:01.000 --> 00:03.000\n<v.loud.slow Dr. Ruiz><c.blue>So</c> <00:01.500><b>what</b> &amp; <i>why</i>?</v>';
    expect(rows(text)).toEqual([['Dr. Ruiz', 1, 3, 'So what & why?']]);
  });

  it('skips a malformed cue in a valid file with a warning naming the line', () => {
    const cues = Array.from(
      { length: 6 },
      (_, i) => `00:00:0${i}.000 --> 00:00:0${i}.900\n<v Therapist>Cue ${i}.`,
    );
    const text = `WEBVTT\n\n${cues.join('\n\n')}\n\n00:00:x --> later\nprivate words`;
    const t = parseTranscript(text);
    expect(t.turns).toHaveLength(6);
    const bad = 3 + 6 * 3;
    expect(t.warnings.some((w) => w.line === bad && /could not be read/.test(w.message))).toBe(
      true,
    );
    expect(JSON.stringify(t.warnings)).not.toContain('private words');
  });

  it('rejects a forced WebVTT read of a file that is not WebVTT, naming line 1', () => {
    const e = errorOf(() =>
      parseTranscript('Therapist: hi there\nClient: my private words', { format: 'vtt' }),
    );
    expect(e.code).toBe('input.parse');
    expect(e.location.line).toBe(1);
    expect(e.hint).toContain('-->');
    expect(e.message).not.toContain('private');
  });

  it('flags a cue time with minutes ≥ 60 and keeps the cue', () => {
    const t = parseTranscript('WEBVTT\n\n00:61:00.000 --> 00:61:02.000\n<v T>Hi.');
    expect(t.turns[0]?.start).toBeNull();
    expect(t.warnings.some((w) => w.line === 3 && /out of range/.test(w.message))).toBe(true);
  });

  it('warns when cues go backwards and keeps input order', () => {
    const t = parseTranscript(
      'WEBVTT\n\n00:10.000 --> 00:11.000\n<v T>A.\n\n00:05.000 --> 00:06.000\n<v C>B.',
    );
    expect(t.turns.map((x) => x.text)).toEqual(['A.', 'B.']);
    expect(t.warnings.some((w) => w.line === 6 && /earlier/.test(w.message))).toBe(true);
  });
});

describe('SRT', () => {
  it('reads the fixture: numbers, comma times, Name:, [Name], NAME:, tags, joined lines', () => {
    const t = parseTranscript(fixture('session.srt'));
    expect(t.format).toBe('srt');
    expect(t.turns.map((x) => [x.speaker, x.role, x.start, x.end, x.text, x.line])).toEqual([
      [
        'Therapist',
        'clinician',
        1,
        4,
        'Welcome back. Last week we set a goal of walking three times.',
        3,
      ],
      ['Client', 'client', 4.5, 8.25, 'I managed two walks.', 8],
      ['THERAPIST', 'clinician', 9, 12, 'Two out of three is real progress.', 12],
      ['CLIENT', 'client', 12.5, 15, "It didn't feel like it.", 16],
    ]);
  });

  it('does not take [inaudible] or [laughs] for a speaker', () => {
    const text =
      '1\n00:00:01,000 --> 00:00:02,000\n[inaudible] then I left.\n\n2\n00:00:03,000 --> 00:00:04,000\n[laughs] Yes.';
    expect(rows(text).map((r) => [r[0], r[3]])).toEqual([
      ['Unknown', '[inaudible] then I left.'],
      ['Unknown', '[laughs] Yes.'],
    ]);
  });

  it('reads cues that are not separated by blank lines, and CRLF files', () => {
    const text =
      '1\r\n00:00:01,000 --> 00:00:02,000\r\nTherapist: One.\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nClient: Two.\r\n';
    expect(rows(text)).toEqual([
      ['Therapist', 1, 2, 'One.'],
      ['Client', 3, 4, 'Two.'],
    ]);
  });

  it('skips an empty cue and keeps numbering of the rest', () => {
    const text =
      '1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nClient: Two.\n';
    const t = parseTranscript(text);
    expect(t.turns.map((x) => [x.id, x.text])).toEqual([['u1', 'Two.']]);
  });

  it('rejects a mostly broken SRT naming the first bad line', () => {
    const text =
      '1\n00:00:01,000 --> 00:00:02,000\nTherapist: One.\n\n2\n00:00:0x,000 --> nope\nsecret\n\njunk block\n\nmore junk';
    const e = errorOf(() => parseTranscript(text, { format: 'srt' }));
    expect(e.code).toBe('input.parse');
    expect(e.location.line).toBe(6);
    expect(e.message).not.toContain('secret');
  });
});
