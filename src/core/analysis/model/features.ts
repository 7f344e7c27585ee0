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
function lengthBucket(n: number): string {
  if (n <= 3) return String(n);
  if (n <= 5) return '4-5';
  if (n <= 8) return '6-8';
  if (n <= 13) return '9-13';
  if (n <= 20) return '14-20';
  if (n <= 35) return '21-35';
  return '36+';
}

/** Everything the featuriser needs about one turn, computed once. */
export interface TurnInfo {
  role: Role;
  tokens: string[];
  /** fnv hash of every token. */
  hashes: number[];
  /** Ends with "?" (ignoring closing quotes / spaces). */
  endsQuestion: boolean;
  /** Has a "?" somewhere. */
  hasQuestion: boolean;
}

const TRAILING_Q = /\?["'\u201d\u2019)\]\s]*$/;

export function turnInfo(turn: TextTurn, punctuation = true): TurnInfo {
  const raw = turn.text;
  const text = raw.includes('(') || raw.includes('[') ? stripAnnotations(raw) : raw.trim();
  const tokens = splitWords(text);
  return {
    role: turn.role,
    tokens,
    hashes: tokens.map((w) => fnv(w)),
    endsQuestion: punctuation && TRAILING_Q.test(text),
    hasQuestion: punctuation && text.includes('?'),
  };
}

function contentStart(tokens: readonly string[]): number {
  let i = 0;
  while (i < tokens.length && FILLERS.has(tokens[i] ?? '')) i++;
  return i;
}

/** Append the word features of `t` under the namespace seed `space` (own turn or a context slot). */
function addWordFeatures(
  out: Set<number>,
  t: TurnInfo,
  space: number,
  cfg: FeatureConfig,
  full: boolean,
): void {
  const tok = t.tokens;
  const uni = seedOf(space, NS.uni);
  const hs = t.hashes;
  for (const h of hs) out.add(mix(uni, h));
  if (full && (cfg.stems || cfg.negation || cfg.cues)) addLexicalFeatures(out, tok, cfg, space);
  if (full && cfg.skipgrams) {
    const skip = seedOf(space, NS.skip);
    for (let i = 0; i + 2 < hs.length; i++) out.add(mix(mix(skip, hs[i] ?? 0), hs[i + 2] ?? 0));
    for (let i = 0; i < tok.length; i++) {
      if (tok[i] !== 'i' && tok[i] !== 'im' && tok[i] !== 'ive' && tok[i] !== 'id') continue;
      for (let j = i + 1; j < Math.min(tok.length, i + 5); j++) {
        const cls = CUE_OF.get(tok[j] ?? '');
        if (cls)
          out.add(
            fnv(`i>${cls}${tok.slice(i + 1, j).some((w) => NEGATIONS.has(w)) ? ':neg' : ''}`, skip),
          );
      }
    }
  }
  out.add(fnv(lengthBucket(tok.length), seedOf(space, NS.len)));
  if (tok.length === 0) {
    out.add(fnv('empty', seedOf(space, NS.flag)));
    return;
  }
  const f0 = tok[0] ?? '';
  const h0 = hs[0] ?? EOS;
  const h1 = hs[1] ?? EOS;
  out.add(mix(seedOf(space, NS.first), h0));
  out.add(mix(mix(seedOf(space, NS.first2), h0), h1));
  const c = contentStart(tok);
  const c0 = tok[c] ?? '</s>';
  const hc0 = hs[c] ?? EOS;
  out.add(mix(seedOf(space, NS.content), hc0));
  if (t.endsQuestion) out.add(fnv('endq', seedOf(space, NS.flag)));
  else if (t.hasQuestion) out.add(fnv('hasq', seedOf(space, NS.flag)));
  if (QUESTION_START.has(f0) || QUESTION_START.has(c0))
    out.add(fnv('qstart', seedOf(space, NS.flag)));
  if (!full) return;
  out.add(mix(mix(seedOf(space, NS.content2), hc0), hs[c + 1] ?? EOS));
  out.add(mix(mix(mix(seedOf(space, NS.first3), h0), h1), hs[2] ?? EOS));
  const hl0 = hs[hs.length - 1] ?? EOS;
  out.add(mix(seedOf(space, NS.last), hl0));
  out.add(mix(mix(seedOf(space, NS.last2), hs[hs.length - 2] ?? BOS), hl0));
  if (cfg.bigrams) {
    const bi = seedOf(space, NS.bi);
    let prev = BOS;
    for (const h of hs) {
      out.add(mix(mix(bi, prev), h));
      prev = h;
    }
    out.add(mix(mix(bi, prev), EOS));
  }
  if (cfg.trigrams) {
    const tri = seedOf(space, NS.tri);
    for (let i = 0; i + 2 < hs.length; i++) {
      out.add(mix(mix(mix(tri, hs[i] ?? 0), hs[i + 1] ?? 0), hs[i + 2] ?? 0));
    }
  }
}

/** The hash seed of feature family `name` in context slot `space`. */
function seedOf(space: number, name: number): number {
  return mix(space, name);
}

function addLexicalFeatures(
  out: Set<number>,
  tok: readonly string[],
  cfg: FeatureConfig,
  space: number,
): void {
  const stemNs = seedOf(space, NS.stem);
  const negNs = seedOf(space, NS.neg);
  const cueNs = seedOf(space, NS.cue);
  let negLeft = 0;
  for (const w of tok) {
    const negated = negLeft > 0;
    if (cfg.stems) out.add(fnv(stem(w), stemNs));
    if (cfg.negation && negated) out.add(fnv(w, negNs));
    if (cfg.cues) {
      const cls = CUE_OF.get(w);
      if (cls) out.add(fnv(negated ? `${cls}:neg` : cls, cueNs));
    }
    if (NEGATIONS.has(w)) negLeft = 3;
    else if (negLeft > 0) negLeft--;
  }
}

const SPACE = {
  own: ns('own'),
  prevOther: ns('po'),
  nextOther: ns('no'),
  prevSame: ns('ps'),
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
  const t = infos[i];
  if (!t) return [];
  const out = new Set<number>();
  addWordFeatures(out, t, SPACE.own, cfg, true);
  const other = otherRole(t.role);
  const ctxFlag = fnv(SEP, NS.ctx);
  if (cfg.prevContext && other) {
    const p = neighbour(infos, i, -1, other);
    if (p) addWordFeatures(out, p, SPACE.prevOther, cfg, false);
    else out.add(fnv('noprev', ctxFlag));
  }
  if (cfg.nextContext && other) {
    const n = neighbour(infos, i, 1, other);
    if (n) addWordFeatures(out, n, SPACE.nextOther, cfg, false);
    else out.add(fnv('nonext', ctxFlag));
  }
  if (cfg.sameContext) {
    const prev = previousSpoken(infos, i);
    if (prev && prev.role === t.role) out.add(fnv('continues', ctxFlag));
    const s = neighbour(infos, i, -1, t.role, 3);
    if (s) addWordFeatures(out, s, SPACE.prevSame, cfg, false);
  }
  out.add(fnv('bias', ctxFlag));
  return [...out];
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
