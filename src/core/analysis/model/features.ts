import type { Role } from '../../transcript/schema.js';
import { stripAnnotations } from '../../text/normalize.js';

/**
 * Featuriser shared by training and runtime: every feature is a 32-bit FNV-1a hash of
 * "namespace + words". Tokenisation ignores punctuation and capitals (speech-recognition
 * transcripts have neither); a trailing "?" is one separate feature, used only when present.
 */

export interface TextTurn {
  role: Role;
  text: string;
}

/** Which feature families are on. Stored with the model so runtime matches training. */
export interface FeatureConfig {
  bigrams: boolean;
  trigrams: boolean;
  /** Words of the previous turn of the other role (client ↔ clinician). */
  prevContext: boolean;
  /** Words of the next turn of the other role. */
  nextContext: boolean;
  /** Words of the previous turn of the same role (when it is the turn before the other role's). */
  sameContext: boolean;
  /** Own turn: crude stems ("drinking" → "drink") as extra unigrams. */
  stems?: boolean;
  /** Own turn: words within three tokens after a negation, marked as negated. */
  negation?: boolean;
  /** Own turn: motivational cue classes (desire, ability, need, commitment, …), with negation. */
  cues?: boolean;
  /** Own turn: skip-bigrams (word pairs one word apart) and "i … cue" pairs. */
  skipgrams?: boolean;
  /** Scale each turn's features by sqrt(32 / count) (see linear.ts featureValue). */
  normalize?: boolean;
  /**
   * Own turn: conversation-level target salience (see markSalient): mentions a salient word of
   * this conversation, salient × cue class, first person + salient, negated salient word.
   */
  salience?: boolean;
  /** Own turn: bucketed components of the turn's mean word vector (TurnInfo.vec, embed.ts). */
  vectorBuckets?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  bigrams: true,
  trigrams: false,
  prevContext: true,
  nextContext: true,
  sameContext: false,
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `s`, continuing from `seed`. */
export function fnv(s: string, seed: number = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

const SEP = '\u0001';

/** Mix a word hash into an accumulator hash (order-sensitive; murmur3-style finaliser). */
export function mix(acc: number, h: number): number {
  let x = Math.imul((acc ^ Math.imul(h, 0x9e3779b1)) >>> 0, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
const BOS = fnv('<s>');
const EOS = fnv('</s>');
const ns = (name: string): number => fnv(name + SEP);
const NS = {
  uni: ns('u'),
  bi: ns('b'),
  tri: ns('t'),
  first: ns('f'),
  first2: ns('f2'),
  first3: ns('f3'),
  content: ns('fc'),
  content2: ns('fc2'),
  last: ns('l'),
  last2: ns('l2'),
  len: ns('len'),
  flag: ns('flag'),
  ctx: ns('ctx'),
  stem: ns('stem'),
  neg: ns('neg'),
  cue: ns('cue'),
  skip: ns('skip'),
} as const;

const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'cannot',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'aint',
  'nothing',
  'nobody',
  'hardly',
  'nope',
]);

/** Generic motivational-interviewing cue words (DARN-CAT and sustain-side), by class. */
const CUE_CLASSES: Record<string, readonly string[]> = {
  desire: ['want', 'wanna', 'wanted', 'wish', 'hope', 'hoping', 'prefer', 'rather'],
  ability: ['can', 'could', 'able', 'manage', 'capable', 'possible'],
  need: ['need', 'needs', 'must', 'should', 'gotta', 'ought', 'necessary'],
  commit: [
    'will',
    'ill',
    'gonna',
    'plan',
    'planning',
    'promise',
    'commit',
    'decided',
    'ready',
    'willing',
    'try',
    'going',
  ],
  steps: [
    'started',
    'tried',
    'stopped',
    'quit',
    'cut',
    'cutting',
    'reduced',
    'changed',
    'quitting',
    'stopping',
  ],
  concern: [
    'worried',
    'worry',
    'worries',
    'scared',
    'afraid',
    'concerned',
    'problem',
    'hurt',
    'hurting',
    'damage',
    'sick',
    'health',
    'healthy',
    'healthier',
    'better',
    'risk',
    'dangerous',
    'bad',
    'worse',
  ],
  benefit: [
    'enjoy',
    'enjoying',
    'love',
    'fun',
    'relax',
    'relaxes',
    'relaxing',
    'helps',
    'calms',
    'fine',
    'normal',
    'everybody',
    'everyone',
    'harmless',
    'control',
  ],
  hedge: ['maybe', 'probably', 'guess', 'dunno', 'perhaps', 'sometimes', 'suppose'],
};
const CUE_OF = new Map<string, string>();
for (const [cls, words] of Object.entries(CUE_CLASSES)) for (const w of words) CUE_OF.set(w, cls);
const CUE_NAMES = Object.keys(CUE_CLASSES);

/** Crude suffix stripping; only has to map inflections of a word to one key. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  for (const suf of ['ingly', 'edly', 'ing', 'ies', 'ied', 'ed', 'es', 'ly', 's']) {
    if (w.endsWith(suf) && w.length - suf.length >= 3) {
      const base = w.slice(0, w.length - suf.length);
      return suf === 'ies' || suf === 'ied' ? `${base}y` : base.replace(/(.)\1$/, '$1');
    }
  }
  return w;
}

const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;

/**
 * Lower-cased word tokens without punctuation; apostrophes are dropped ("don't" → "dont") so that
 * transcripts with and without apostrophes give the same tokens; digit runs become "<num>".
 */
export function tokenize(text: string): string[] {
  return splitWords(stripAnnotations(text));
}

const isApostrophe = (c: number): boolean =>
  c === 39 || c === 96 || c === 0x2018 || c === 0x2019 || c === 0x02bc;

/** One pass over already annotation-free text (same result as the regex description above). */
function splitWords(text: string): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  let digits = true;
  let apos = false;
  const flush = (end: number): void => {
    if (start < 0) return;
    let w = s.slice(start, end);
    if (apos) w = w.replace(APOSTROPHES, '');
    if (w !== '') out.push(digits ? '<num>' : w);
    start = -1;
    digits = true;
    apos = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (letter || digit) {
      if (start < 0) start = i;
      if (letter) digits = false;
    } else if (isApostrophe(c)) {
      if (start >= 0) apos = true;
    } else flush(i);
  }
  flush(s.length);
  return out;
}

const FILLERS = new Set([
  'um',
  'uh',
  'uhm',
  'umm',
  'erm',
  'er',
  'ah',
  'oh',
  'so',
  'and',
  'but',
  'well',
  'okay',
  'ok',
  'alright',
  'right',
  'yeah',
  'yes',
  'mm',
  'hmm',
  'mhm',
  'mmhmm',
  'like',
  'now',
  'all',
]);

/** Function words that never name a conversation's topic. */
const FUNCTION_WORDS = new Set(
  (
    'the and that this these those there their they them then than what with have has had was ' +
    'were been being are for from you your yours its his her hers she him our ours out about ' +
    'just really kind sort thing things know think mean get got say said said tell told one ' +
    'some any very much more most lot lots also too because since into onto over some when ' +
    'where which who why how way going gonna want need like yeah okay time times kinda guess ' +
    'thats theres youre theyre didnt dont doesnt cant wont isnt would could should might must ' +
    'did does doing done make made take took see saw come came back little bit other well even ' +
    'still maybe here now all not but yes'
  ).split(' '),
);

const QUESTION_START = new Set([
  'what',
  'whats',
  'how',
  'hows',
  'why',
  'when',
  'where',
  'who',
  'which',
  'do',
  'does',
  'did',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'would',
  'will',
  'have',
  'has',
  'should',
  'shall',
  'may',
  'tell',
]);

/** Length buckets in tokens. */
const LENGTH_BUCKETS = ['0', '1', '2', '3', '4-5', '6-8', '9-13', '14-20', '21-35', '36+'];
function lengthBucketIndex(n: number): number {
  if (n <= 3) return n;
  if (n <= 5) return 4;
  if (n <= 8) return 5;
  if (n <= 13) return 6;
  if (n <= 20) return 7;
  if (n <= 35) return 8;
  return 9;
}

/** Everything the featuriser needs about one turn, computed once. */
export interface TurnInfo {
  role: Role;
  tokens: string[];
  /** fnv hash of every token. */
  hashes: number[];
  /** Cached per-word facts, one per token (see WordFacts). */
  words: WordFacts[];
  /** Ends with "?" (ignoring closing quotes / spaces). */
  endsQuestion: boolean;
  /** Has a "?" somewhere. */
  hasQuestion: boolean;
  /** Per token: 1 when it is a salient word of the conversation (set by markSalient). */
  salient?: Uint8Array;
  /** Dense word-vector features of the turn (set by the caller when the model has embeddings). */
  vec?: Float64Array;
}

/** Per-word values the featuriser needs, computed once per distinct word (own-turn namespace). */
export interface WordFacts {
  hash: number;
  /** fnv of the stem in the own-turn stem namespace. */
  stemHash: number;
  /** fnv of the word in the own-turn negated-word namespace. */
  negHash: number;
  /** Index into CUE_NAMES, or -1. */
  cue: number;
  negation: boolean;
  filler: boolean;
  questionStart: boolean;
  /** "i", "im", "ive", "id": the subject of an "i … cue" pair. */
  firstPerson: boolean;
  /** Could name a topic: 3+ letters, not a function word, filler, negation or cue word. */
  content: boolean;
}

const TRAILING_Q = /\?["'\u201d\u2019)\]\s]*$/;

const WORD_CACHE = new Map<string, WordFacts>();
const WORD_CACHE_MAX = 50_000;

function wordFacts(w: string): WordFacts {
  let f = WORD_CACHE.get(w);
  if (f) return f;
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  const cls = CUE_OF.get(w);
  f = {
    hash: fnv(w),
    stemHash: fnv(stem(w), OWN_SEED.stem),
    negHash: fnv(w, OWN_SEED.neg),
    cue: cls === undefined ? -1 : CUE_NAMES.indexOf(cls),
    negation: NEGATIONS.has(w),
    filler: FILLERS.has(w),
    questionStart: QUESTION_START.has(w),
    firstPerson: w === 'i' || w === 'im' || w === 'ive' || w === 'id',
    content:
      w.length >= 3 &&
      w !== '<num>' &&
      cls === undefined &&
      !NEGATIONS.has(w) &&
      !FILLERS.has(w) &&
      !QUESTION_START.has(w) &&
      !FUNCTION_WORDS.has(w),
  };
  WORD_CACHE.set(w, f);
  return f;
}

export function turnInfo(turn: TextTurn, punctuation = true): TurnInfo {
  const raw = turn.text;
  const text = raw.includes('(') || raw.includes('[') ? stripAnnotations(raw) : raw.trim();
  const tokens = splitWords(text);
  const words = tokens.map(wordFacts);
  return {
    role: turn.role,
    tokens,
    hashes: words.map((f) => f.hash),
    words,
    endsQuestion: punctuation && TRAILING_Q.test(text),
    hasQuestion: punctuation && text.includes('?'),
  };
}

function contentStart(words: readonly WordFacts[]): number {
  let i = 0;
  while (i < words.length && words[i]?.filler === true) i++;
  return i;
}

/** Append the word features of `t` in context slot `space` (full = the own turn's extra families). */
function addWordFeatures(
  out: FeatureAcc,
  t: TurnInfo,
  space: SpaceSeeds,
  cfg: FeatureConfig,
  full: boolean,
): void {
  const words = t.words;
  const hs = t.hashes;
  const n = hs.length;
  for (let i = 0; i < n; i++) out.add(mix(space.uni, hs[i] ?? 0));
  if (full && (cfg.stems || cfg.negation || cfg.cues)) addLexicalFeatures(out, words, cfg);
  if (full && cfg.salience) addSalienceFeatures(out, t);
  if (full && cfg.vectorBuckets && t.vec) {
    const v = t.vec;
    for (let c = 0; c < v.length; c++) {
      const b = Math.max(-3, Math.min(3, Math.floor((v[c] ?? 0) * 2)));
      out.add(mix(mix(VEC_SEED, c), b + 3));
    }
  }
  if (full && cfg.skipgrams) {
    const skip = space.skip;
    for (let i = 0; i + 2 < n; i++) out.add(mix(mix(skip, hs[i] ?? 0), hs[i + 2] ?? 0));
    for (let i = 0; i < n; i++) {
      if (words[i]?.firstPerson !== true) continue;
      let negated = false;
      const end = Math.min(n, i + 5);
      for (let j = i + 1; j < end; j++) {
        const wj = words[j];
        if (!wj) break;
        if (wj.cue >= 0) out.add(OWN_CUE_HASH.skip[2 * wj.cue + (negated ? 1 : 0)] ?? 0);
        if (wj.negation) negated = true;
      }
    }
  }
  out.add(space.len[lengthBucketIndex(n)] ?? 0);
  if (n === 0) {
    out.add(space.empty);
    return;
  }
  const h0 = hs[0] ?? EOS;
  const h1 = hs[1] ?? EOS;
  out.add(mix(space.first, h0));
  out.add(mix(mix(space.first2, h0), h1));
  const c = contentStart(words);
  const hc0 = hs[c] ?? EOS;
  out.add(mix(space.content, hc0));
  if (t.endsQuestion) out.add(space.endq);
  else if (t.hasQuestion) out.add(space.hasq);
  if (words[0]?.questionStart === true || words[c]?.questionStart === true) out.add(space.qstart);
  if (!full) return;
  out.add(mix(mix(space.content2, hc0), hs[c + 1] ?? EOS));
  out.add(mix(mix(mix(space.first3, h0), h1), hs[2] ?? EOS));
  const hl0 = hs[n - 1] ?? EOS;
  out.add(mix(space.last, hl0));
  out.add(mix(mix(space.last2, hs[n - 2] ?? BOS), hl0));
  if (cfg.bigrams) {
    const bi = space.bi;
    let prev = BOS;
    for (let i = 0; i < n; i++) {
      const h = hs[i] ?? 0;
      out.add(mix(mix(bi, prev), h));
      prev = h;
    }
    out.add(mix(mix(bi, prev), EOS));
  }
  if (cfg.trigrams) {
    const tri = space.tri;
    for (let i = 0; i + 2 < n; i++) {
      out.add(mix(mix(mix(tri, hs[i] ?? 0), hs[i + 1] ?? 0), hs[i + 2] ?? 0));
    }
  }
}

/** The hash seed of feature family `name` in context slot `space`. */
function seedOf(space: number, name: number): number {
  return mix(space, name);
}

function addLexicalFeatures(
  out: FeatureAcc,
  words: readonly WordFacts[],
  cfg: FeatureConfig,
): void {
  let negLeft = 0;
  for (const w of words) {
    const negated = negLeft > 0;
    if (cfg.stems) out.add(w.stemHash);
    if (cfg.negation && negated) out.add(w.negHash);
    if (cfg.cues && w.cue >= 0) out.add(OWN_CUE_HASH.cue[2 * w.cue + (negated ? 1 : 0)] ?? 0);
    if (w.negation) negLeft = 3;
    else if (negLeft > 0) negLeft--;
  }
}

/** Own-turn salience features (needs markSalient on the conversation first). */
function addSalienceFeatures(out: FeatureAcc, t: TurnInfo): void {
  const sal = t.salient;
  const words = t.words;
  const n = words.length;
  let count = 0;
  if (sal) for (let i = 0; i < n; i++) count += sal[i] ?? 0;
  if (!sal || count === 0) {
    out.add(SAL_HASH.none);
    return;
  }
  out.add(SAL_HASH.count[Math.min(count, 3) - 1] ?? 0);
  let negLeft = 0;
  let firstPerson = false;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    if (!w) continue;
    const negated = negLeft > 0;
    if (w.firstPerson) firstPerson = true;
    if (w.cue >= 0) {
      out.add(SAL_HASH.cue[2 * w.cue + (negated ? 1 : 0)] ?? 0);
      // a cue within four words of a salient word
      const lo = Math.max(0, i - 4);
      const hi = Math.min(n, i + 5);
      for (let j = lo; j < hi; j++) {
        if (sal[j] === 1) {
          out.add(SAL_HASH.near[2 * w.cue + (negated ? 1 : 0)] ?? 0);
          break;
        }
      }
    }
    if (sal[i] === 1 && negated) out.add(SAL_HASH.negated);
    if (w.negation) negLeft = 3;
    else if (negLeft > 0) negLeft--;
  }
  if (firstPerson) out.add(SAL_HASH.firstPerson);
}

/**
 * Mark the salient words of a conversation on its turns (TurnInfo.salient): the `top` content
 * words (by stem) with the highest tf × idf over the whole conversation, used in at least two
 * turns. `df(stemHash)` is the number of the `docs` background conversations that use the stem.
 * O(tokens) plus a sort of the conversation's distinct stems.
 */
export function markSalient(
  infos: readonly TurnInfo[],
  docs: number,
  df: (stemHash: number) => number,
  top = SALIENT_TOP,
): void {
  const tf = new Map<number, number>();
  const turns = new Map<number, number>();
  const lastTurn = new Map<number, number>();
  infos.forEach((t, ti) => {
    for (const w of t.words) {
      if (!w.content) continue;
      tf.set(w.stemHash, (tf.get(w.stemHash) ?? 0) + 1);
      if (lastTurn.get(w.stemHash) !== ti) {
        lastTurn.set(w.stemHash, ti);
        turns.set(w.stemHash, (turns.get(w.stemHash) ?? 0) + 1);
      }
    }
  });
  const scored: [number, number][] = [];
  for (const [h, c] of tf) {
    if ((turns.get(h) ?? 0) < 2) continue;
    scored.push([h, c * Math.log((docs + 1) / (Math.max(0, df(h)) + 1))]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const salient = new Set(scored.slice(0, top).map(([h]) => h));
  for (const t of infos) {
    const mark = new Uint8Array(t.words.length);
    t.words.forEach((w, i) => {
      if (w.content && salient.has(w.stemHash)) mark[i] = 1;
    });
    t.salient = mark;
  }
}

/** Distinct content stems of a conversation (for document frequencies). */
export function contentStems(infos: readonly TurnInfo[]): Set<number> {
  const out = new Set<number>();
  for (const t of infos) for (const w of t.words) if (w.content) out.add(w.stemHash);
  return out;
}

export const SALIENT_TOP = 8;

/** Every seed and constant hash of one context slot, computed once at module load. */
interface SpaceSeeds {
  uni: number;
  bi: number;
  tri: number;
  skip: number;
  first: number;
  first2: number;
  first3: number;
  content: number;
  content2: number;
  last: number;
  last2: number;
  /** Hash of each length bucket (LENGTH_BUCKETS order). */
  len: number[];
  empty: number;
  endq: number;
  hasq: number;
  qstart: number;
}

function spaceSeeds(space: number): SpaceSeeds {
  const flag = seedOf(space, NS.flag);
  return {
    uni: seedOf(space, NS.uni),
    bi: seedOf(space, NS.bi),
    tri: seedOf(space, NS.tri),
    skip: seedOf(space, NS.skip),
    first: seedOf(space, NS.first),
    first2: seedOf(space, NS.first2),
    first3: seedOf(space, NS.first3),
    content: seedOf(space, NS.content),
    content2: seedOf(space, NS.content2),
    last: seedOf(space, NS.last),
    last2: seedOf(space, NS.last2),
    len: LENGTH_BUCKETS.map((b) => fnv(b, seedOf(space, NS.len))),
    empty: fnv('empty', flag),
    endq: fnv('endq', flag),
    hasq: fnv('hasq', flag),
    qstart: fnv('qstart', flag),
  };
}

const OWN = ns('own');
const OWN_SEED = { stem: seedOf(OWN, NS.stem), neg: seedOf(OWN, NS.neg) };
/** Own-turn cue hashes by 2 × cue index (+1 when negated): cue class, and "i … cue" pair. */
const OWN_CUE_HASH = {
  cue: CUE_NAMES.flatMap((c) => [c, `${c}:neg`].map((x) => fnv(x, seedOf(OWN, NS.cue)))),
  skip: CUE_NAMES.flatMap((c) => [`i>${c}`, `i>${c}:neg`].map((x) => fnv(x, seedOf(OWN, NS.skip)))),
};

const SAL_SEED = seedOf(OWN, ns('sal'));
const VEC_SEED = seedOf(OWN, ns('vec'));
const SAL_HASH = {
  none: fnv('none', SAL_SEED),
  count: ['1', '2', '3+'].map((c) => fnv(`count${c}`, SAL_SEED)),
  cue: CUE_NAMES.flatMap((c) => [c, `${c}:neg`].map((x) => fnv(`cue>${x}`, SAL_SEED))),
  near: CUE_NAMES.flatMap((c) => [c, `${c}:neg`].map((x) => fnv(`near>${x}`, SAL_SEED))),
  negated: fnv('negated', SAL_SEED),
  firstPerson: fnv('i', SAL_SEED),
};

const SPACE = {
  own: spaceSeeds(OWN),
  prevOther: spaceSeeds(ns('po')),
  nextOther: spaceSeeds(ns('no')),
  prevSame: spaceSeeds(ns('ps')),
} as const;

function otherRole(r: Role): Role | undefined {
  if (r === 'clinician') return 'client';
  if (r === 'client') return 'clinician';
  return undefined;
}

/**
 * Feature hashes for turn `i` of a sequence: its own words plus the neighbouring turns of the
 * other role (previous and next, within two turns) and, optionally, the previous same-role turn.
 * Turns with role 'other' are skipped when looking for neighbours.
 */
export function featurize(infos: readonly TurnInfo[], i: number, cfg: FeatureConfig): number[] {
  return Array.from(featureBuffer(infos, i, cfg));
}

/**
 * Collects distinct feature hashes in insertion order without allocating: a growable Uint32Array
 * plus a generation-stamped open-addressing table for the "seen" test.
 */
class FeatureAcc {
  buf = new Uint32Array(1024);
  n = 0;
  private seenKeys = new Uint32Array(4096);
  private seenGen = new Uint32Array(4096);
  private gen = 1;

  reset(): void {
    this.n = 0;
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.seenGen.fill(0);
      this.gen = 1;
    }
  }

  add(h: number): void {
    if (this.n * 2 >= this.seenKeys.length) this.grow();
    const mask = this.seenKeys.length - 1;
    let i = (Math.imul(h, 0x9e3779b1) >>> 9) & mask;
    while (this.seenGen[i] === this.gen) {
      if (this.seenKeys[i] === h >>> 0) return;
      i = (i + 1) & mask;
    }
    this.seenGen[i] = this.gen;
    this.seenKeys[i] = h;
    if (this.n >= this.buf.length) {
      const b = new Uint32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.n++] = h;
  }

  /** Double the seen-table and re-insert the current features. */
  private grow(): void {
    const size = this.seenKeys.length * 2;
    this.seenKeys = new Uint32Array(size);
    this.seenGen = new Uint32Array(size);
    this.gen = 1;
    const mask = size - 1;
    for (let j = 0; j < this.n; j++) {
      const h = this.buf[j] ?? 0;
      let i = (Math.imul(h, 0x9e3779b1) >>> 9) & mask;
      while (this.seenGen[i] === this.gen) i = (i + 1) & mask;
      this.seenGen[i] = this.gen;
      this.seenKeys[i] = h;
    }
  }
}

const SHARED = new FeatureAcc();
const CTX_FLAG = fnv(SEP, NS.ctx);
const CTX_NOPREV = fnv('noprev', CTX_FLAG);
const CTX_NONEXT = fnv('nonext', CTX_FLAG);
const CTX_CONTINUES = fnv('continues', CTX_FLAG);
const CTX_BIAS = fnv('bias', CTX_FLAG);

/**
 * The features of `featurize` as a view into a buffer that the next call overwrites (no
 * allocation; read it before featurising another turn).
 */
export function featureBuffer(
  infos: readonly TurnInfo[],
  i: number,
  cfg: FeatureConfig,
): Uint32Array {
  const out = SHARED;
  out.reset();
  const t = infos[i];
  if (!t) return out.buf.subarray(0, 0);
  addWordFeatures(out, t, SPACE.own, cfg, true);
  const other = otherRole(t.role);
  if (cfg.prevContext && other) {
    const p = neighbour(infos, i, -1, other);
    if (p) addWordFeatures(out, p, SPACE.prevOther, cfg, false);
    else out.add(CTX_NOPREV);
  }
  if (cfg.nextContext && other) {
    const n = neighbour(infos, i, 1, other);
    if (n) addWordFeatures(out, n, SPACE.nextOther, cfg, false);
    else out.add(CTX_NONEXT);
  }
  if (cfg.sameContext) {
    const prev = previousSpoken(infos, i);
    if (prev && prev.role === t.role) out.add(CTX_CONTINUES);
    const s = neighbour(infos, i, -1, t.role, 3);
    if (s) addWordFeatures(out, s, SPACE.prevSame, cfg, false);
  }
  out.add(CTX_BIAS);
  return out.buf.subarray(0, out.n);
}

function previousSpoken(infos: readonly TurnInfo[], i: number): TurnInfo | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const t = infos[j];
    if (t && t.role !== 'other') return t;
  }
  return undefined;
}

/** The nearest turn of `role` in direction `dir`, at most `reach` non-'other' turns away. */
function neighbour(
  infos: readonly TurnInfo[],
  i: number,
  dir: 1 | -1,
  role: Role,
  reach = 2,
): TurnInfo | undefined {
  let seen = 0;
  for (let j = i + dir; j >= 0 && j < infos.length; j += dir) {
    const t = infos[j];
    if (!t || t.role === 'other') continue;
    if (t.role === role) return t;
    seen++;
    if (seen >= reach) return undefined;
  }
  return undefined;
}

/**
 * Index of the nearest turn of the same role as turn `i` in direction `dir`, with at most
 * `maxBetween` turns of the other role in between ('other' turns skipped); -1 when none.
 */
export function sameRoleNeighbour(
  roles: readonly Role[],
  i: number,
  dir: 1 | -1,
  maxBetween = 2,
): number {
  const role = roles[i];
  let between = 0;
  for (let j = i + dir; j >= 0 && j < roles.length; j += dir) {
    const r = roles[j];
    if (r === 'other') continue;
    if (r === role) return j;
    between++;
    if (between > maxBetween) return -1;
  }
  return -1;
}
