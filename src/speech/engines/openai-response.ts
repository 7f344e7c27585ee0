/**
 * Reading an OpenAI-compatible `/audio/transcriptions` answer into recognised segments.
 *
 * The engine asks for `verbose_json` (`{text, segments: [{start, end, text, …}], words?}`), which
 * OpenAI, whisper.cpp server and speaches/faster-whisper-server give. Some servers ignore the
 * format and answer `{text}` or plain text: then the whole chunk becomes one segment (the chunk is
 * a stretch of speech between pauses, so its times are still right to within the chunk).
 *
 * Silence never becomes words: empty segments, segments that are only a non-speech annotation
 * (whisper.cpp's `[BLANK_AUDIO]`, `(music)`) and segments Whisper itself marks as probably not
 * speech (`no_speech_prob` > 0.6 with `avg_logprob` < -1, Whisper's own rule) are dropped.
 *
 * Times here are relative to the chunk and clamped into it; the engine adds the chunk's start.
 */
import { z } from 'zod';
import type { RecognizedSegment, RecognizedWord } from '../schema.js';

const Time = z.number().refine(Number.isFinite, 'must be a finite number');

const WordSchema = z.looseObject({
  word: z.string(),
  start: Time,
  end: Time,
  probability: z.number().optional(),
});
type ServerWord = z.infer<typeof WordSchema>;

const SegmentSchema = z.looseObject({
  start: Time,
  end: Time,
  text: z.string(),
  no_speech_prob: z.number().optional(),
  avg_logprob: z.number().optional(),
  words: z.array(WordSchema).optional(),
});
type ServerSegment = z.infer<typeof SegmentSchema>;

/** A `json` or `verbose_json` transcription body (extra fields allowed, as servers add them). */
export const TranscriptionResponseSchema = z.looseObject({
  text: z.string().optional(),
  segments: z.array(SegmentSchema).nullish(),
  words: z.array(WordSchema).nullish(),
});
export type TranscriptionResponse = z.infer<typeof TranscriptionResponseSchema>;

/** Whisper's own "this is not speech" rule (whisper/transcribe.py defaults). */
const NO_SPEECH_PROB = 0.6;
const LOGPROB_THRESHOLD = -1;

/** Text that is only a non-speech annotation: `[BLANK_AUDIO]`, `(silence)`, `[ Music ]`, `♪`. */
const ANNOTATION_ONLY = /^(?:\[[^\]]*\]|\([^)]*\)|[♪♫\s.…-])+$/u;

function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether a piece of recognised text carries words (not empty, not only an annotation). */
export function isSpokenText(text: string): boolean {
  const t = cleanText(text);
  return t !== '' && !ANNOTATION_ONLY.test(t);
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function toWords(words: readonly ServerWord[], durationSec: number): RecognizedWord[] {
  const out: RecognizedWord[] = [];
  for (const w of words) {
    const text = cleanText(w.word);
    if (text === '') continue;
    const start = clamp(w.start, 0, durationSec);
    const end = clamp(w.end, start, durationSec);
    const word: RecognizedWord = { text, start, end };
    if (w.probability !== undefined && w.probability >= 0 && w.probability <= 1) {
      word.confidence = w.probability;
    }
    out.push(word);
  }
  return out;
}

function probablyNotSpeech(s: ServerSegment): boolean {
  return (
    s.no_speech_prob !== undefined &&
    s.avg_logprob !== undefined &&
    s.no_speech_prob > NO_SPEECH_PROB &&
    s.avg_logprob < LOGPROB_THRESHOLD
  );
}

/**
 * The segments of one chunk's answer, in time order, times relative to the chunk and within
 * `[0, durationSec]`. `body` is a parsed `TranscriptionResponse` or, for a server answering plain
 * text, the text.
 */
export function chunkSegments(
  body: TranscriptionResponse | string,
  durationSec: number,
): RecognizedSegment[] {
  if (typeof body === 'string') return wholeChunk(body, durationSec);
  if (body.segments === undefined || body.segments === null) {
    return wholeChunk(body.text ?? '', durationSec);
  }
  const topWords = [...(body.words ?? [])].sort((a, b) => a.start - b.start);
  const sorted = [...body.segments].sort((a, b) => a.start - b.start);
  const out: RecognizedSegment[] = [];
  for (const s of sorted) {
    if (probablyNotSpeech(s) || !isSpokenText(s.text)) continue;
    const start = clamp(s.start, 0, durationSec);
    const end = clamp(s.end, start, durationSec);
    const segment: RecognizedSegment = { start, end, text: cleanText(s.text) };
    const own = s.words ?? topWords.filter((w) => w.start >= s.start && w.start < s.end);
    const words = toWords(own, durationSec).filter((w) => isSpokenText(w.text));
    if (words.length > 0) segment.words = words;
    out.push(segment);
  }
  return out;
}

function wholeChunk(text: string, durationSec: number): RecognizedSegment[] {
  return isSpokenText(text) ? [{ start: 0, end: durationSec, text: cleanText(text) }] : [];
}
