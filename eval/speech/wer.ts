/**
 * Word error rate: the word-level edit distance between what was said (reference) and what an
 * engine recognised (hypothesis), divided by the number of reference words.
 *
 * Both sides are normalised first, so that writing conventions do not count as errors: lower
 * case, punctuation removed (apostrophes inside words kept: `don't`), hyphens split, digits
 * spelled out (`12` → `twelve`, `3.5` → `three point five`), a few spoken forms unified (`mr` →
 * `mister`, `ok` → `okay`, `%` → `percent`), and hesitation words (`um`, `uh`, `mm-hmm`) dropped.
 */
import { spellNumber } from '../../src/speech/lm/text.js';

export interface WerCounts {
  /** Reference words after normalisation. */
  refWords: number;
  hypWords: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export interface WerResult extends WerCounts {
  /** (S + D + I) / N; 0 when both are empty, 1 per inserted word when the reference is empty. */
  wer: number;
}

const SPOKEN: Record<string, string[]> = {
  mr: ['mister'],
  mrs: ['missus'],
  ms: ['miss'],
  dr: ['doctor'],
  ok: ['okay'],
  '%': ['percent'],
  '&': ['and'],
};

const HESITATIONS = new Set(['um', 'uh', 'er', 'erm', 'hmm', 'mm', 'mmhmm', 'mhm', 'uhhuh', 'ah']);

/** Normalised words of `text` (see the file comment). */
export function normalizeWords(text: string): string[] {
  const spaced = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/(\d+)\.(\d+)/g, (_, a: string, b: string) => `${a} point ${b.split('').join(' ')}`)
    .replace(/%/g, ' % ')
    .replace(/&/g, ' & ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2');
  const out: string[] = [];
  for (const raw of spaced.split(/[\s\-–—/]+/)) {
    const token = raw.replace(/^[^a-z0-9%&]+|[^a-z0-9%&]+$/g, '').replace(/[^a-z0-9'%&]/g, '');
    if (!token) continue;
    if (/^\d+$/.test(token)) {
      out.push(...spellNumber(Number(token)));
      continue;
    }
    const joined = token.replace(/'/g, '');
    if (HESITATIONS.has(joined)) continue;
    const spoken = SPOKEN[token];
    if (spoken) out.push(...spoken);
    else out.push(token);
  }
  return out;
}

/** Edit-distance alignment counts between two word lists. */
export function alignWords(ref: readonly string[], hyp: readonly string[]): WerCounts {
  const n = ref.length;
  const m = hyp.length;
  // cost[j] and the operation counts of the best path to (i, j), one row at a time.
  type Cell = { cost: number; s: number; d: number; i: number };
  let prev: Cell[] = Array.from({ length: m + 1 }, (_, j) => ({ cost: j, s: 0, d: 0, i: j }));
  for (let i = 1; i <= n; i++) {
    const row: Cell[] = [{ cost: i, s: 0, d: i, i: 0 }];
    for (let j = 1; j <= m; j++) {
      const diag = prev[j - 1] as Cell;
      const up = prev[j] as Cell;
      const left = row[j - 1] as Cell;
      const same = ref[i - 1] === hyp[j - 1];
      const options: Cell[] = [
        { cost: diag.cost + (same ? 0 : 1), s: diag.s + (same ? 0 : 1), d: diag.d, i: diag.i },
        { cost: up.cost + 1, s: up.s, d: up.d + 1, i: up.i },
        { cost: left.cost + 1, s: left.s, d: left.d, i: left.i + 1 },
      ];
      let best = options[0] as Cell;
      for (const o of options) if (o.cost < best.cost) best = o;
      row.push(best);
    }
    prev = row;
  }
  const last = prev[m] as Cell;
  return { refWords: n, hypWords: m, substitutions: last.s, deletions: last.d, insertions: last.i };
}

function rate(c: WerCounts): number {
  const errors = c.substitutions + c.deletions + c.insertions;
  if (c.refWords === 0) return errors;
  return errors / c.refWords;
}

/** WER of `hypothesis` against `reference` (both raw text; normalised here). */
export function wordErrorRate(reference: string, hypothesis: string): WerResult {
  const counts = alignWords(normalizeWords(reference), normalizeWords(hypothesis));
  return { ...counts, wer: rate(counts) };
}

/** Pools counts over several utterances (corpus WER = total errors / total reference words). */
export function pooledWer(results: readonly WerCounts[]): WerResult {
  const sum: WerCounts = {
    refWords: 0,
    hypWords: 0,
    substitutions: 0,
    deletions: 0,
    insertions: 0,
  };
  for (const r of results) {
    sum.refWords += r.refWords;
    sum.hypWords += r.hypWords;
    sum.substitutions += r.substitutions;
    sum.deletions += r.deletions;
    sum.insertions += r.insertions;
  }
  return { ...sum, wer: rate(sum) };
}
