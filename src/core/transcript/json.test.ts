import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './json.js';
import { parseTranscript } from './parse.js';
import { errorOf } from '../test-helpers.js';

const FIXTURES = new URL('../../../test/fixtures/transcripts/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('JSON transcripts', () => {
  it('reads an array of {speaker, start, end, text} with number and clock-string times', () => {
    const t = parseTranscript(fixture('session.json'));
    expect(t.format).toBe('json');
    expect(t.turns.map((x) => [x.id, x.speaker, x.role, x.start, x.end, x.text, x.line])).toEqual([
      ['u1', 'Therapist', 'clinician', 2, 6.5, 'How has the week been?', 2],
      ['u2', 'Client', 'client', 7, 11.5, 'Up and down.', 3],
      ['u3', 'Therapist', 'clinician', 12, null, 'Tell me about the down part.', 4],
      ['u4', 'client', 'client', 15.25, null, 'Mostly Sunday evening.', 5],
    ]);
  });

  it('labels an item without speaker "Unknown" and uses a role field for the role', () => {
    const t = parseTranscript(
      JSON.stringify([
        { speaker: 'A', role: 'clinician', text: 'How are you?' },
        { speaker: 'B', role: 'patient', text: 'Okay.' },
        { text: 'Mumbled.' },
      ]),
    );
    expect(t.turns.map((x) => [x.speaker, x.role])).toEqual([
      ['A', 'clinician'],
      ['B', 'client'],
      ['Unknown', 'other'],
    ]);
    expect(t.speakers.find((s) => s.label === 'A')?.roleSource).toBe('label');
  });

  it('reads Whisper output: segments, trimmed text, one label "Speaker" and a warning', () => {
    const t = parseTranscript(fixture('whisper.json'));
    expect(t.turns.map((x) => [x.speaker, x.start, x.end, x.text, x.line])).toEqual([
      ['Speaker', 0, 2.4, 'How are you feeling today?', 4],
      ['Speaker', 2.4, 3.9, 'A bit tired.', 12],
    ]);
    expect(t.warnings.some((w) => /only one speaker/.test(w.message))).toBe(true);
  });

  it('reads diarized Whisper segments with numeric or SPEAKER_nn speakers, and {turns: [...]}', () => {
    const seg = parseTranscript(
      JSON.stringify({
        segments: [
          { start: 0, end: 1, text: 'What brings you in?', speaker: 'SPEAKER_00' },
          { start: 1, end: 2, text: 'I have been low.', speaker: 'SPEAKER_01' },
        ],
      }),
    );
    expect(seg.turns.map((x) => x.speaker)).toEqual(['SPEAKER_00', 'SPEAKER_01']);
    const turns = parseTranscript(JSON.stringify({ turns: [{ speaker: 1, text: 'Hi.' }] }));
    expect(turns.turns[0]?.speaker).toBe('1');
  });

  it('skips items with empty text, with a warning naming the field path', () => {
    const t = parseTranscript(
      JSON.stringify([
        { speaker: 'Therapist', text: 'Hi.' },
        { speaker: 'Client', text: '  ' },
      ]),
    );
    expect(t.turns).toHaveLength(1);
    expect(t.warnings.some((w) => w.message.startsWith('[1].text'))).toBe(true);
  });

  it('reports a JSON syntax error with its line and column, without quoting the input', () => {
    const text =
      '[\n  {"speaker": "Client", "text": "secret words"}\n  {"speaker": "T", "text": "x"}\n]';
    const e = errorOf(() => parseTranscript(text));
    expect(e.code).toBe('input.parse');
    expect(e.location.line).toBe(3);
    expect(e.message).toMatch(/line 3, column 3/);
    expect(`${e.message} ${e.hint}`).not.toContain('secret');
  });

  it('locates JSON.parse errors by line and column (shared with plan and note files)', () => {
    const at = (text: string) => {
      try {
        JSON.parse(text);
      } catch (e) {
        return jsonErrorPosition(text, e);
      }
      throw new Error('expected a syntax error');
    };
    expect(at('{\n  "a": 1,\n  "b" 2\n}')).toEqual({ line: 3, column: 7 });
    expect(at('{\n  "a": [1,\n')).toEqual({ line: 2 });
    expect(jsonErrorPosition('x', new Error('something else'))).toEqual({});
    expect(jsonErrorPosition('a\nbc', new Error('Unexpected token at position 3'))).toEqual({
      line: 2,
      column: 2,
    });
  });

  it('reports a truncated JSON file', () => {
    const e = errorOf(() => parseTranscript('[{"speaker": "T", "text": "secret"'));
    expect(e.code).toBe('input.parse');
    expect(e.message).not.toContain('secret');
  });

  it.each([
    ['[{"speaker":"T","text":"a"},{"speaker":"C"}]', '[1].text', /is missing/],
    ['[{"speaker":"T","text":"a"},{"speaker":"C","text":5}]', '[1].text', /not a string/],
    ['[{"speaker":"T","text":"a","start":"soon"}]', '[0].start', /not a time/],
    ['[{"speaker":"T","text":"a","start":-3}]', '[0].start', /not a time/],
    ['[{"speaker":"T","text":"a","end":"00:75:00"}]', '[0].end', /out of range/],
    ['[{"speaker":{"name":"T"},"text":"a"}]', '[0].speaker', /not a string/],
    ['[{"speaker":"T","text":"a"},"just text"]', '[1]', /not an object/],
    ['{"segments":[{"start":0,"end":1}]}', 'segments[0].text', /is missing/],
    ['{"results":[]}', 'segments', /no "segments" or "turns" array/],
  ])('names the field path of a wrong shape: %s', (text, field, problem) => {
    const e = errorOf(() => parseTranscript(text, { format: 'json' }));
    expect(e.code).toBe('input.parse');
    expect(e.location.field).toBe(field);
    expect(e.message).toMatch(problem);
  });

  it('gives the line of the item for a wrong shape in a formatted file', () => {
    const text =
      '[\n  {"speaker": "T", "text": "a"},\n  {"speaker": "C", "text": "b"},\n  {"speaker": "C"}\n]';
    const e = errorOf(() => parseTranscript(text));
    expect(e.location).toEqual({ field: '[2].text', line: 4 });
  });

  it('treats an empty array as an empty transcript', () => {
    expect(errorOf(() => parseTranscript('[]')).code).toBe('input.empty');
    expect(errorOf(() => parseTranscript('{"segments": []}')).code).toBe('input.empty');
  });

  it('accepts decimal-second strings', () => {
    const t = parseTranscript('[{"speaker":"T","start":"12.5","end":"14","text":"a"}]');
    expect([t.turns[0]?.start, t.turns[0]?.end]).toEqual([12.5, 14]);
  });
});
