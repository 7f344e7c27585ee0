import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocscribError } from '../errors.js';
import { detectFormat } from './detect.js';
import { parseTranscript } from './parse.js';
import { TranscriptSchema } from './schema.js';
import { errorOf } from '../test-helpers.js';

const SESSIONS = '/work/shared/corpus/sessions/';
const FIXTURES = new URL('../../../test/fixtures/transcripts/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('corpus sessions', () => {
  it.each([1, 2, 3, 4, 5, 6])('s0%i parses: one turn per line, Therapist/Client roles', (n) => {
    const text = readFileSync(`${SESSIONS}s0${n}.txt`, 'utf8');
    const lineCount = text.split('\n').filter((l) => l.trim() !== '').length;
    const t = parseTranscript(text);
    expect(TranscriptSchema.parse(t)).toEqual(t);
    expect(t.format).toBe('lines');
    expect(t.turns).toHaveLength(lineCount);
    expect(t.speakers).toEqual([
      { label: 'Therapist', role: 'clinician', roleSource: 'label' },
      { label: 'Client', role: 'client', roleSource: 'label' },
    ]);
    expect(t.warnings).toEqual([]);
    expect(t.turns.every((x, i) => x.id === `u${i + 1}` && x.line === i + 1)).toBe(true);
    expect(t.turns.every((x) => x.start !== null)).toBe(true);
  });
});

describe('format detection', () => {
  it.each([
    ['session.vtt', 'vtt'],
    ['session.srt', 'srt'],
    ['session.json', 'json'],
    ['whisper.json', 'json'],
    ['generic-two-speakers.txt', 'lines'],
  ])('%s → %s', (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
    expect(parseTranscript(fixture(name)).format).toBe(format);
  });

  it('tells "[00:00:01] Speaker: text" lines from a JSON array', () => {
    expect(detectFormat('[00:00:01] Therapist: Hi.')).toBe('lines');
    expect(detectFormat('[1:02] Therapist: Hi.')).toBe('lines');
    expect(detectFormat('  [\n {"text": "x"}]')).toBe('json');
    expect(detectFormat('[]')).toBe('json');
  });

  it('detects VTT without a header and SRT with dot milliseconds from the cue layout', () => {
    expect(detectFormat('00:00:01.000 --> 00:00:02.000\n<v A>Hi.')).toBe('vtt');
    expect(detectFormat('1\n00:00:01.000 --> 00:00:02.000\nA: Hi.')).toBe('srt');
  });

  it('lets a forced format win over detection', () => {
    const vttLike = '00:00:01.000 --> 00:00:02.000\nTherapist: Hi.';
    expect(parseTranscript(vttLike, { format: 'srt' }).format).toBe('srt');
    const e = errorOf(() => parseTranscript(fixture('session.srt'), { format: 'json' }));
    expect(e.code).toBe('input.parse');
  });

  it.each([
    [
      'prose',
      'It was a long week.\nWe talked about work and sleep.\nShe said it was hard.',
      /speaker label/,
    ],
    ['CSV', 'speaker,start,text\nTherapist,0,Hello\nClient,1,Hi', /CSV/],
    ['HTML', '<!doctype html>\n<html><body><p>Therapist: Hi</p></body></html>', /HTML/],
  ])('rejects %s as an unknown format, with a hint listing the formats', (_name, text, what) => {
    const e = errorOf(() => parseTranscript(text));
    expect(e.code).toBe('input.format_unknown');
    expect(e.message).toMatch(what);
    expect(e.hint).toContain('[00:01:05] Therapist: How was your week?');
    expect(e.hint).toMatch(/WebVTT.*SRT.*JSON/);
    expect(e.message).not.toMatch(/long week|Hello|<p>/);
  });
});

describe('empty and degenerate input', () => {
  it.each(['', '   \n\t\n  ', '\uFEFF\n'])('rejects empty input %j', (text) => {
    expect(errorOf(() => parseTranscript(text)).code).toBe('input.empty');
  });

  it('rejects a WebVTT file with no cues as empty', () => {
    expect(errorOf(() => parseTranscript('WEBVTT\n\nNOTE nothing here\n')).code).toBe(
      'input.empty',
    );
  });

  it('ignores a leading BOM in text', () => {
    const t = parseTranscript('\uFEFFTherapist: Hi.\nClient: Hello.');
    expect(t.turns[0]?.speaker).toBe('Therapist');
  });

  it('never throws anything but DocscribError on odd inputs', () => {
    const odd = [
      ':::',
      '[',
      '{',
      '-->',
      'WEBVTT',
      '1\n2\n3',
      '\u0000\u0001',
      '[00:00:01]',
      'Therapist:',
      '{"segments": 5}',
      '[{"text": null}]',
      'a'.repeat(100_000),
      '00:00:01,000 --> 00:00:02,000',
    ];
    for (const text of odd) {
      try {
        const t = parseTranscript(text);
        expect(TranscriptSchema.safeParse(t).success).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(DocscribError);
      }
    }
  });
});

describe('large input', () => {
  const all = [1, 2, 3, 4, 5, 6]
    .map((n) => readFileSync(`${SESSIONS}s0${n}.txt`, 'utf8').trimEnd())
    .join('\n');

  // Speed is measured by `npm run bench`, not by timed tests.
  it('parses a 10 MB transcript, one turn per line', () => {
    const base = all.split('\n');
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const l = base[i % base.length] ?? '';
      lines.push(l);
      size += l.length + 1;
    }
    const text = lines.join('\n');
    const t = parseTranscript(text);
    expect(t.turns).toHaveLength(lines.length);
  });
});
