import type { PreparedTurn } from '../context.js';

/**
 * A turn's words prepared for cue matching: sentences (split on . ? ! ; when the transcript has
 * punctuation) flattened to lower-case words, apostrophes kept, joined by " | ". Speech-
 * recognition text without punctuation becomes one long sentence; context windows then fall
 * back to a character span around the cue.
 */
export interface FlatTurn {
  turn: PreparedTurn;
  text: string;
  /** Start offset of every sentence in `text`, ascending. */
  sentenceStarts: number[];
}

const SENTENCE_SPLIT = /(?<=[.!?;])\s+|\s+-\s+/;

export function flatten(s: string): string {
  return s
    .replace(/[’‘]/g, "'")
    .replace(/(^|[^a-z0-9])'+|'+(?=[^a-z0-9]|$)/g, '$1 ')
    .replace(/[^a-z0-9'|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function flattenTurn(turn: PreparedTurn): FlatTurn {
  const parts = turn.norm
    .split(SENTENCE_SPLIT)
    .map((p) => flatten(p.replace(/\|/g, ' ')))
    .filter((p) => p !== '');
  const sentenceStarts: number[] = [];
  let text = '';
  for (const p of parts) {
    if (text !== '') text += ' | ';
    sentenceStarts.push(text.length);
    text += p;
  }
  return { turn, text, sentenceStarts };
}

/** Index of the sentence containing `offset`. */
export function sentenceAt(flat: FlatTurn, offset: number): number {
  let idx = 0;
  for (let i = 0; i < flat.sentenceStarts.length; i++) {
    const start = flat.sentenceStarts[i];
    if (start !== undefined && start <= offset) idx = i;
    else break;
  }
  return idx;
}

/** The text of sentences [from, to] (inclusive, clamped). */
export function sentenceSpan(
  flat: FlatTurn,
  from: number,
  to: number,
): { start: number; end: number } {
  const n = flat.sentenceStarts.length;
  const a = Math.max(0, Math.min(from, n - 1));
  const b = Math.max(a, Math.min(to, n - 1));
  const start = flat.sentenceStarts[a] ?? 0;
  const next = flat.sentenceStarts[b + 1];
  const end = next === undefined ? flat.text.length : next - 3;
  return { start, end };
}

export function wordCount(s: string): number {
  return s === '' ? 0 : s.split(' ').filter((w) => w !== '|').length;
}
