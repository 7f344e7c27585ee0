/** Reading OpenAI-compatible transcription answers into chunk-relative segments. */
import { describe, expect, it } from 'vitest';
import { chunkSegments, isSpokenText, TranscriptionResponseSchema } from './openai-response.js';

const parse = (body: unknown) => TranscriptionResponseSchema.parse(body);

describe('chunkSegments', () => {
  it('takes verbose_json segments in time order, text trimmed, times clamped into the chunk', () => {
    const body = parse({
      text: 'ignored',
      segments: [
        { id: 1, start: 4.2, end: 31.0, text: '  second   part ', tokens: [1, 2] },
        { id: 0, start: -0.1, end: 4.2, text: ' First part.', no_speech_prob: 0.01 },
      ],
    });
    expect(chunkSegments(body, 6)).toEqual([
      { start: 0, end: 4.2, text: 'First part.' },
      { start: 4.2, end: 6, text: 'second part' },
    ]);
  });

  it('attaches top-level words to the segment they start in', () => {
    const body = parse({
      segments: [
        { start: 0, end: 1, text: 'hello there' },
        { start: 1, end: 2, text: 'bye' },
      ],
      words: [
        { word: 'bye', start: 1.1, end: 1.5 },
        { word: ' hello', start: 0.1, end: 0.4, probability: 0.9 },
        { word: 'there', start: 0.5, end: 0.9, probability: 7 },
      ],
    });
    const [a, b] = chunkSegments(body, 2);
    expect(a?.words).toEqual([
      { text: 'hello', start: 0.1, end: 0.4, confidence: 0.9 },
      { text: 'there', start: 0.5, end: 0.9 },
    ]);
    expect(b?.words).toEqual([{ text: 'bye', start: 1.1, end: 1.5 }]);
  });

  it('uses per-segment words when the server nests them (whisper.cpp)', () => {
    const body = parse({
      segments: [{ start: 0, end: 1, text: 'ok', words: [{ word: 'ok', start: 0.2, end: 0.6 }] }],
    });
    expect(chunkSegments(body, 1)[0]?.words).toEqual([{ text: 'ok', start: 0.2, end: 0.6 }]);
  });

  it('drops empty, annotation-only and probably-not-speech segments', () => {
    const body = parse({
      segments: [
        { start: 0, end: 1, text: '   ' },
        { start: 1, end: 2, text: ' [BLANK_AUDIO]' },
        { start: 2, end: 3, text: '(upbeat music)' },
        { start: 3, end: 4, text: '♪ ♪' },
        { start: 4, end: 5, text: 'Thank you.', no_speech_prob: 0.9, avg_logprob: -1.4 },
        { start: 5, end: 6, text: 'Real words.', no_speech_prob: 0.9, avg_logprob: -0.3 },
      ],
    });
    expect(chunkSegments(body, 6).map((s) => s.text)).toEqual(['Real words.']);
  });

  it('makes one segment spanning the chunk from a text-only or plain-text answer', () => {
    expect(chunkSegments(parse({ text: ' Hello. ' }), 3.5)).toEqual([
      { start: 0, end: 3.5, text: 'Hello.' },
    ]);
    expect(chunkSegments('plain words\n', 2)).toEqual([{ start: 0, end: 2, text: 'plain words' }]);
    expect(chunkSegments(parse({ text: '' }), 2)).toEqual([]);
    expect(chunkSegments(parse({ text: '[BLANK_AUDIO]' }), 2)).toEqual([]);
    expect(chunkSegments(parse({ text: 'x', segments: [] }), 2)).toEqual([]);
  });

  it('rejects bodies that are not transcriptions', () => {
    expect(TranscriptionResponseSchema.safeParse({ segments: [{ start: 'a' }] }).success).toBe(
      false,
    );
    expect(TranscriptionResponseSchema.safeParse({ text: 3 }).success).toBe(false);
  });

  it('isSpokenText', () => {
    expect(isSpokenText('Hi [laughs]')).toBe(true);
    expect(isSpokenText('[ Silence ] ...')).toBe(false);
  });
});
