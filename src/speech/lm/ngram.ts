/**
 * A trigram language model with interpolated Kneser-Ney smoothing, written as an ARPA file
 * (the text format pocketsphinx and most recognisers read).
 *
 * - Trigram probabilities use raw counts with absolute discount D3; bigram and unigram levels use
 *   Kneser-Ney continuation counts (in how many contexts a word follows), except for n-grams that
 *   start the sentence (`<s> w`), which keep raw counts. One discount per order,
 *   D = n1 / (n1 + 2·n2) from the count-of-counts.
 * - The unigram level is mixed with a background unigram distribution (`background`, e.g. the
 *   general en-us LM's unigrams) with weight `1 − domainWeight`, so words the domain text never
 *   used stay recognisable and general frequencies are kept.
 * - Rare trigrams (count below `trigramCutoff`) are not written; every backoff weight is
 *   computed by normalisation over what is written, so each context's distribution sums to 1.
 * - Only words in `vocabulary` (those with a pronunciation) are modelled; others become breaks.
 */

export const BOS = '<s>';
export const EOS = '</s>';

export interface NgramOptions {
  /** Words the model may contain (a dictionary's words). Others are dropped from n-grams. */
  vocabulary: ReadonlySet<string>;
  /** Background unigram probabilities (need not sum to 1 over the vocabulary; renormalised). */
  background?: ReadonlyMap<string, number>;
  /** Weight of the domain unigrams against the background (0–1). Default 0.5. */
  domainWeight?: number;
  /** Trigrams seen fewer times are not written (default 2). */
  trigramCutoff?: number;
  /** Background words to keep, most probable first (default: all). */
  maxBackgroundWords?: number;
}

export interface NgramStats {
  unigrams: number;
  bigrams: number;
  trigrams: number;
  trainingWords: number;
}

interface Entry {
  logp: number;
  bow?: number;
}

const LOG10 = Math.log(10);
const log10 = (x: number): number => Math.log(Math.max(x, 1e-99)) / LOG10;

function discount(counts: Iterable<number>): number {
  let n1 = 0;
  let n2 = 0;
  for (const c of counts) {
    if (c === 1) n1++;
    else if (c === 2) n2++;
  }
  if (n1 === 0) return 0.5;
  return Math.min(0.95, Math.max(0.05, n1 / (n1 + 2 * n2)));
}

/** Splits sentences at words outside the vocabulary (a recogniser cannot output them anyway). */
function inVocabularyRuns(sentence: readonly string[], vocab: ReadonlySet<string>): string[][] {
  const runs: string[][] = [];
  let cur: string[] = [];
  for (const w of sentence) {
    if (vocab.has(w)) cur.push(w);
    else if (cur.length) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length) runs.push(cur);
  return runs;
}

export class TrigramModel {
  readonly unigrams = new Map<string, Entry>();
  readonly bigrams = new Map<string, Entry>();
  readonly trigrams = new Map<string, Entry>();
  readonly stats: NgramStats;

  constructor(sentences: Iterable<readonly string[]>, opts: NgramOptions) {
    const vocab = opts.vocabulary;
    const lambda = opts.domainWeight ?? 0.5;
    const cutoff = opts.trigramCutoff ?? 2;

    // Raw counts. Keys are words joined by a space (words never contain spaces).
    const c3 = new Map<string, number>();
    const c2start = new Map<string, number>(); // `<s> w` raw counts
    let trainingWords = 0;
    for (const sentence of sentences) {
      for (const run of inVocabularyRuns(sentence, vocab)) {
        const seq = [BOS, ...run, EOS];
        trainingWords += run.length;
        const first = `${BOS} ${run[0] ?? EOS}`;
        c2start.set(first, (c2start.get(first) ?? 0) + 1);
        for (let i = 2; i < seq.length; i++) {
          const k = `${seq[i - 2] ?? ''} ${seq[i - 1] ?? ''} ${seq[i] ?? ''}`;
          c3.set(k, (c3.get(k) ?? 0) + 1);
        }
      }
    }
    // Kneser-Ney continuation counts for bigrams: distinct left contexts of `v w`.
    const c2 = new Map<string, number>(c2start);
    for (const k of c3.keys()) {
      const vw = k.slice(k.indexOf(' ') + 1);
      if (!vw.startsWith(`${BOS} `)) c2.set(vw, (c2.get(vw) ?? 0) + 1);
    }
    // …and for unigrams: distinct left contexts of `w`.
    const c1 = new Map<string, number>();
    for (const k of c2.keys()) {
      const w = k.slice(k.indexOf(' ') + 1);
      c1.set(w, (c1.get(w) ?? 0) + 1);
    }

    // Unigrams: domain KN unigrams mixed with the background.
    let c1total = 0;
    for (const v of c1.values()) c1total += v;
    let words = [...vocab].filter((w) => w !== BOS && w !== EOS);
    const bg = opts.background;
    if (bg && opts.maxBackgroundWords !== undefined) {
      const keep = new Set(
        words
          .filter((w) => bg.has(w))
          .sort((a, b) => (bg.get(b) ?? 0) - (bg.get(a) ?? 0))
          .slice(0, opts.maxBackgroundWords),
      );
      words = words.filter((w) => keep.has(w) || c1.has(w));
    } else if (!bg) {
      words = words.filter((w) => c1.has(w));
    }
    const modelled = [...words, EOS];
    let bgTotal = 0;
    const bgFloor = bg ? Math.min(...[...bg.values()].filter((p) => p > 0), 1e-7) : 0;
    const bgOf = (w: string): number => (bg ? (bg.get(w) ?? bgFloor) : 0);
    if (bg) for (const w of modelled) bgTotal += bgOf(w);
    const domainShare = bg ? lambda : 1;
    const pu = new Map<string, number>();
    for (const w of modelled) {
      const dom = c1total > 0 ? (c1.get(w) ?? 0) / c1total : 0;
      const back = bg && bgTotal > 0 ? bgOf(w) / bgTotal : 0;
      pu.set(w, domainShare * dom + (1 - domainShare) * back);
    }

    // Bigrams: interpolated KN.
    const d2 = discount(c2.values());
    const ctx2 = new Map<string, { total: number; types: number }>();
    for (const [k, c] of c2) {
      const v = k.slice(0, k.indexOf(' '));
      const s = ctx2.get(v) ?? { total: 0, types: 0 };
      s.total += c;
      s.types += 1;
      ctx2.set(v, s);
    }
    const p2 = (v: string, w: string): number => {
      const s = ctx2.get(v);
      const base = pu.get(w) ?? 0;
      if (!s) return base;
      const c = c2.get(`${v} ${w}`) ?? 0;
      return Math.max(c - d2, 0) / s.total + ((d2 * s.types) / s.total) * base;
    };
    const bigramP = new Map<string, number>();
    for (const k of c2.keys()) {
      const i = k.indexOf(' ');
      bigramP.set(k, p2(k.slice(0, i), k.slice(i + 1)));
    }

    // Trigrams: interpolated absolute discounting over raw counts.
    const d3 = discount(c3.values());
    const ctx3 = new Map<string, { total: number; types: number }>();
    for (const [k, c] of c3) {
      const uv = k.slice(0, k.lastIndexOf(' '));
      const s = ctx3.get(uv) ?? { total: 0, types: 0 };
      s.total += c;
      s.types += 1;
      ctx3.set(uv, s);
    }
    const trigramP = new Map<string, number>();
    for (const [k, c] of c3) {
      if (c < cutoff) continue;
      const cut = k.lastIndexOf(' ');
      const uv = k.slice(0, cut);
      const w = k.slice(cut + 1);
      const v = uv.slice(uv.indexOf(' ') + 1);
      const s = ctx3.get(uv);
      if (!s) continue;
      const lower = bigramP.get(`${v} ${w}`) ?? p2(v, w);
      trigramP.set(k, Math.max(c - d3, 0) / s.total + ((d3 * s.types) / s.total) * lower);
    }

    // Backoff weights by normalisation over the written n-grams.
    const bigramSums = new Map<string, { p: number; lower: number }>();
    for (const [k, p] of bigramP) {
      const i = k.indexOf(' ');
      const v = k.slice(0, i);
      const s = bigramSums.get(v) ?? { p: 0, lower: 0 };
      s.p += p;
      s.lower += pu.get(k.slice(i + 1)) ?? 0;
      bigramSums.set(v, s);
    }
    const trigramSums = new Map<string, { p: number; lower: number }>();
    for (const [k, p] of trigramP) {
      const cut = k.lastIndexOf(' ');
      const uv = k.slice(0, cut);
      const vw = k.slice(k.indexOf(' ') + 1);
      const s = trigramSums.get(uv) ?? { p: 0, lower: 0 };
      s.p += p;
      s.lower += bigramP.get(vw) ?? 0;
      trigramSums.set(uv, s);
    }
    const bow = (s: { p: number; lower: number } | undefined): number | undefined =>
      s ? Math.max(1e-9, 1 - s.p) / Math.max(1e-9, 1 - s.lower) : undefined;

    this.unigrams.set(BOS, { logp: -99, bow: log10(bow(bigramSums.get(BOS)) ?? 1) });
    for (const w of modelled) {
      const b = bow(bigramSums.get(w));
      this.unigrams.set(w, {
        logp: log10(pu.get(w) ?? 0),
        ...(b === undefined ? {} : { bow: log10(b) }),
      });
    }
    for (const [k, p] of bigramP) {
      const i = k.indexOf(' ');
      if (!pu.has(k.slice(i + 1)) || (!pu.has(k.slice(0, i)) && k.slice(0, i) !== BOS)) continue;
      const b = bow(trigramSums.get(k));
      this.bigrams.set(k, { logp: log10(p), ...(b === undefined ? {} : { bow: log10(b) }) });
    }
    for (const [k, p] of trigramP) {
      const cut = k.lastIndexOf(' ');
      if (!this.bigrams.has(k.slice(0, cut)) || !this.bigrams.has(k.slice(k.indexOf(' ') + 1)))
        continue;
      this.trigrams.set(k, { logp: log10(p) });
    }
    this.stats = {
      unigrams: this.unigrams.size,
      bigrams: this.bigrams.size,
      trigrams: this.trigrams.size,
      trainingWords,
    };
  }

  /** log10 P(w | history) under the backoff model as written (for tests and perplexity). */
  logProb(history: readonly string[], w: string): number {
    const [u, v] = history.length >= 2 ? history.slice(-2) : [undefined, history[0]];
    if (u !== undefined && v !== undefined) {
      const t = this.trigrams.get(`${u} ${v} ${w}`);
      if (t) return t.logp;
      const b = this.bigrams.get(`${u} ${v}`)?.bow ?? 0;
      return b + this.logProb([v], w);
    }
    if (v !== undefined) {
      const bg = this.bigrams.get(`${v} ${w}`);
      if (bg) return bg.logp;
      const b = this.unigrams.get(v)?.bow ?? 0;
      return b + this.logProb([], w);
    }
    return this.unigrams.get(w)?.logp ?? -99;
  }

  /** The model as an ARPA file. */
  toArpa(header = ''): string {
    const fmt = (x: number): string => x.toFixed(4);
    const section = (entries: Map<string, Entry>): string =>
      [...entries]
        .map(([k, e]) =>
          e.bow === undefined ? `${fmt(e.logp)}\t${k}` : `${fmt(e.logp)}\t${k}\t${fmt(e.bow)}`,
        )
        .join('\n');
    const comment = header
      .split('\n')
      .filter(Boolean)
      .map((l) => `# ${l}`)
      .join('\n');
    return [
      ...(comment ? [comment, ''] : []),
      '\\data\\',
      `ngram 1=${this.unigrams.size}`,
      `ngram 2=${this.bigrams.size}`,
      `ngram 3=${this.trigrams.size}`,
      '',
      '\\1-grams:',
      section(this.unigrams),
      '',
      '\\2-grams:',
      section(this.bigrams),
      '',
      '\\3-grams:',
      section(this.trigrams),
      '',
      '\\end\\',
      '',
    ].join('\n');
  }
}
