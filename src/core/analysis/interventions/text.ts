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

const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160;
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2018 || c === 0x2019;
const isStop = (c: number): boolean => c === 46 || c === 33 || c === 63 || c === 59;

/**
 * Lower-case words of `s` (already lower-cased), separated by single spaces: every character
 * other than a-z, 0-9 is a separator, except apostrophes between two letters or digits
 * ("don't", "i'm"), which are kept.
 */
export function flatten(s: string): string {
  return flattenSentences(s, false).text;
}

/**
 * One pass over a turn's normalised text: sentences end at whitespace after . ! ? ; or at a
 * spaced dash (" - "); each sentence is flattened and they are joined by " | ".
 */
function flattenSentences(s: string, split: boolean): { text: string; sentenceStarts: number[] } {
  let text = '';
  const sentenceStarts: number[] = [];
  // An object, not a local: emit() changes it, which flow analysis cannot see through a closure.
  const sentence = { open: false };
  let needSpace = false;
  let boundary = false;
  const n = s.length;
  const emit = (chunk: string): void => {
    if (!sentence.open) {
      if (text !== '') text += ' | ';
      sentenceStarts.push(text.length);
      sentence.open = true;
    } else if (needSpace) text += ' ';
    needSpace = false;
    text += chunk;
  };
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isAlnum(c)) {
      if (boundary) {
        sentence.open = false;
        boundary = false;
      }
      // Copy the whole run of letters and digits at once.
      let j = i + 1;
      while (j < n && isAlnum(s.charCodeAt(j))) j++;
      emit(s.slice(i, j));
      i = j - 1;
    } else if (isApostrophe(c)) {
      let j = i + 1;
      while (j < n && isApostrophe(s.charCodeAt(j))) j++;
      const before = i > 0 && isAlnum(s.charCodeAt(i - 1));
      const after = j < n && isAlnum(s.charCodeAt(j));
      if (before && after && !needSpace) text += "'".repeat(j - i);
      else needSpace = true;
      i = j - 1;
    } else if (split && isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (i > 0 && isStop(s.charCodeAt(i - 1))) boundary = sentence.open;
      else if (s.charCodeAt(j) === 45 && j + 1 < n && isSpace(s.charCodeAt(j + 1))) {
        boundary = sentence.open;
        j++;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
      }
      needSpace = true;
      i = j - 1;
    } else needSpace = true;
  }
  return { text, sentenceStarts };
}

export function flattenTurn(turn: PreparedTurn): FlatTurn {
  const { text, sentenceStarts } = flattenSentences(turn.norm, true);
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
