import type { Note } from '../../notes/schema.js';
import { findingOf, type ReviewRule } from './types.js';

/**
 * Clone detection: is this note's content a near-copy of one of the client's earlier notes?
 * Compares word 5-gram shingles after normalising numbers, dates, times and punctuation, so a
 * copied note with changed numbers or dates still matches. Only this note's findings are
 * compared (placeholders and "not assessed" lines are the same in every note by design).
 * Messages give the similarity and which earlier note, never text.
 */

const K = 5;
export const CLONE_ERROR = 0.8;
export const CLONE_WARNING = 0.6;

const NUMBER_WORDS =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/g;
const DATE_WORDS =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)\b/g;

/** Lower-case words with numbers, dates and time references folded to `#`. */
export function normalizeForClone(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\d+([:./-]\d+)*/g, ' # ')
    .replace(NUMBER_WORDS, '#')
    .replace(DATE_WORDS, '#')
    .replace(/[^a-z#']+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

export function shingles(words: readonly string[], k = K): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

/** Share of `a`'s shingles also in `b` (containment of a in b), 0 when `a` is empty. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / a.size;
}

/** What this note found, one entry per sentence (findings only, including the four components). */
export function findingSentences(note: Note): string[] {
  const parts: string[] = [];
  for (const section of note.sections) {
    for (const s of section.sentences) if (s.kind === 'finding') parts.push(s.text);
  }
  for (const e of note.interventions) {
    for (const s of [e.intervention, e.response, e.progress, e.goalLink]) {
      if (s.kind === 'finding' && !parts.includes(s.text)) parts.push(s.text);
    }
  }
  return parts;
}

/** Shingles of each sentence on its own (none span a sentence boundary). */
function sentenceShingles(sentences: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of sentences) for (const sh of shingles(normalizeForClone(s))) out.add(sh);
  return out;
}

export const cloneDetection: ReviewRule = {
  id: 'clone-detection',
  severity: 'error',
  title: "The note is not a near-copy of the client's earlier notes",
  source:
    'HHS OIG report OEI-01-11-00571 (2014) on copy-pasted (cloned) EHR documentation and Medicare contractor guidance that each note reflect the individual service; Seed: "Avoid boilerplate"',
  check({ note, previousNotes }) {
    if (!previousNotes || previousNotes.length === 0) return [];
    const current = sentenceShingles(findingSentences(note));
    if (current.size < 8) return [];
    let best = 0;
    let bestIndex = -1;
    previousNotes.forEach((text, i) => {
      const sim = containment(current, shingles(normalizeForClone(text)));
      if (sim > best) {
        best = sim;
        bestIndex = i;
      }
    });
    if (best < CLONE_WARNING) return [];
    const pct = Math.round(best * 100);
    const severity = best >= CLONE_ERROR ? 'error' : 'warning';
    return [
      findingOf(
        cloneDetection,
        `${pct}% of this note's findings repeat earlier note #${bestIndex + 1} of ${previousNotes.length} (5-word shingles, numbers and dates ignored)`,
        'Write what happened in this session: its quotes, ratings, the client response and progress; do not carry text over from an earlier note.',
        undefined,
        severity,
      ),
    ];
  },
};
